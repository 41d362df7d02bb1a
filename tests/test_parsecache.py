"""Parsed YAML files kept on disk (toolkit/parsecache.py): another process reads the kept
parse, with its line numbers; a changed text, an error or a broken pickle is never served."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit import parsecache, yamlfile
from toolkit.errors import InputError

CASE = "namn: Fall A\ninkomster:\n  - typ: lön\n    belopp: 12000\n"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("HANDBOK_CACHE", str(tmp_path / "cache"))
    parsecache._folder.cache_clear()
    yamlfile._parse.cache_clear()
    yield tmp_path / "cache" / "yaml"
    parsecache._folder.cache_clear()
    yamlfile._parse.cache_clear()


def parsed_elsewhere(monkeypatch) -> None:
    """As in a new process: nothing in memory, and ruamel may not run."""
    yamlfile._parse.cache_clear()

    def no_parsing(*_args, **_kwargs):
        raise AssertionError("the file was parsed again")

    monkeypatch.setattr(yamlfile, "_yaml", no_parsing)


def test_another_process_reads_the_kept_parse_with_its_lines(folder: Path, tmp_path: Path, monkeypatch):
    path = tmp_path / "fall.yaml"
    path.write_text(CASE, encoding="utf-8")
    first = yamlfile.load(path)
    assert len(list(folder.glob("*.pickle"))) == 1
    parsed_elsewhere(monkeypatch)
    again = yamlfile.load(path)
    assert again == first and again["inkomster"][0]["belopp"] == 12000
    assert yamlfile.line_of(again, ("inkomster", 0, "belopp")) == 4


def test_a_changed_file_is_parsed_again(folder: Path, tmp_path: Path):
    path = tmp_path / "fall.yaml"
    path.write_text(CASE, encoding="utf-8")
    yamlfile.load(path)
    path.write_text(CASE.replace("12000", "13000"), encoding="utf-8")
    yamlfile._parse.cache_clear()
    assert yamlfile.load(path)["inkomster"][0]["belopp"] == 13000
    assert len(list(folder.glob("*.pickle"))) == 2


def test_an_error_is_never_kept(folder: Path, tmp_path: Path):
    path = tmp_path / "fel.yaml"
    path.write_text("namn: Fall A\n\tinkomster: []\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match="tabbtecken"):
            yamlfile.load(path)
        yamlfile._parse.cache_clear()
    assert not folder.exists() or not list(folder.iterdir())


def test_a_broken_pickle_means_parsing_again(folder: Path, tmp_path: Path):
    path = tmp_path / "fall.yaml"
    path.write_text(CASE, encoding="utf-8")
    yamlfile.load(path)
    (kept,) = folder.glob("*.pickle")
    kept.write_bytes(b"inte en pickle")
    yamlfile._parse.cache_clear()
    assert yamlfile.load(path)["namn"] == "Fall A"


def test_text_that_is_not_a_file_is_not_kept(folder: Path):
    assert yamlfile.loads(CASE)["namn"] == "Fall A"
    assert not folder.exists()


def test_av_turns_it_off(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("HANDBOK_CACHE", "av")
    parsecache._folder.cache_clear()
    yamlfile._parse.cache_clear()
    try:
        path = tmp_path / "fall.yaml"
        path.write_text(CASE, encoding="utf-8")
        assert yamlfile.load(path)["namn"] == "Fall A"
        assert parsecache.get(CASE) is None
    finally:
        parsecache._folder.cache_clear()
        yamlfile._parse.cache_clear()


def test_the_folder_is_pruned_to_its_limit(folder: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(parsecache, "KEEP", 4)
    for n in range(6):
        parsecache.put(f"nummer: {n}\n", {"nummer": n})
    assert 2 <= len(list(folder.glob("*.pickle"))) <= 4
    assert parsecache.get("nummer: 5\n") == {"nummer": 5}


def test_the_guards_read_only_parse_is_kept_and_read_by_the_guard_in_another_process(
    folder: Path, tmp_path: Path, monkeypatch
):
    from toolkit.casebank import guard

    path = tmp_path / "fall.yaml"
    path.write_text(CASE + 'berättelse: "Ring 070\\x2D123 45 67."\n', encoding="utf-8")
    first = guard.scan_file(path)
    assert [f.kind for f in first] == [guard.PHONE] and first[0].where == "YAML-värde"  # the escape decoded
    assert yamlfile.read_only(CASE, display="x") is yamlfile.read_only(CASE, display="y")  # shared, not copied
    parsed_elsewhere(monkeypatch)
    assert guard.scan_file(path) == first


def test_a_shared_parse_is_the_kept_one_and_the_default_is_a_copy(folder: Path, tmp_path: Path):
    path = tmp_path / "fall.yaml"
    path.write_text(CASE, encoding="utf-8")
    shared = yamlfile.load(path, shared=True)
    assert yamlfile.load(path, shared=True) is shared
    copied = yamlfile.load(path)
    assert copied == shared and copied is not shared
    copied["inkomster"][0]["belopp"] = 1  # a caller that changes its copy changes no one else's
    assert yamlfile.load(path, shared=True)["inkomster"][0]["belopp"] == 12000


def test_making_a_variant_leaves_the_shared_parses_unchanged(folder: Path):
    """load_case and make_variant only read the kept parse (they validate it and keep it for
    line numbers); a change there would reach every later reader of the same text."""
    from toolkit.casebank import CASES
    from toolkit.casebank.variants import make_variant

    path = CASES / "ensam-foralder-forsta-lon.yaml"
    before = yamlfile.load(path)  # a copy, to compare with
    variant = make_variant(path, 7)
    assert yamlfile.load(path, shared=True) == before
    read_back = yamlfile.loads(variant.text, shared=True)  # the parse make_variant read back
    assert read_back["id"] == f"{before['id']}-v7"
    yamlfile._parse.cache_clear()
    assert yamlfile.loads(variant.text) == read_back  # parsed afresh: the kept one is unchanged
