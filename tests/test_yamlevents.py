"""libyaml's events composed for ruamel's constructor give exactly what ruamel's own loader gives:
the same values, types, anchors and line positions, on every YAML file of the project and on
altered texts. Whatever the two could read differently is left to ruamel."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from toolkit import yamlevents, yamlfile


def yaml_files() -> list[Path]:
    """The project's YAML files, without walking the venv, the build or the npm packages."""
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in {"_build", "_vendor", "node_modules"}]
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found += [Path(folder, name) for name in names if name.endswith((".yaml", ".yml"))]
    return sorted(found)


FILES = yaml_files()


def ruamel(text: str) -> Any:
    return yamlfile._yaml().load(text)


def libyaml(text: str) -> Any:
    return yamlevents.load(text, yamlfile._yaml())


def assert_same(expected: Any, got: Any, path: tuple[Any, ...] = ()) -> None:
    """Equal values of the same types, with the same positions and anchors, all the way down."""
    assert type(got) is type(expected), (path, type(expected), type(got))
    if isinstance(expected, (CommentedMap, CommentedSeq)):
        assert got.anchor.value == expected.anchor.value, path
    if isinstance(expected, CommentedMap):
        assert list(got) == list(expected), path
        for key in expected:
            assert got.lc.key(key) == expected.lc.key(key), (path, key)
            assert got.lc.value(key) == expected.lc.value(key), (path, key)
            assert_same(expected[key], got[key], path + (key,))
    elif isinstance(expected, CommentedSeq):
        assert len(got) == len(expected), path
        for index, item in enumerate(expected):
            assert got.lc.item(index) == expected.lc.item(index), (path, index)
            assert_same(item, got[index], path + (index,))
    elif type(expected).__name__ == "TaggedScalar":  # '<<' or '=' alone: no __eq__ of its own
        assert (got.value, got.style, str(got.tag)) == (expected.value, expected.style, str(expected.tag)), path
    else:
        assert got == expected, path


def test_libyaml_is_installed():
    assert yamlevents.available(), (
        "PyYAML:s C-del (libyaml) saknas: installera paketen med make (requirements.lock har PyYAML "
        "med färdigbyggd C-del); utan den läses YAML-filerna sex gånger långsammare"
    )


def test_every_yaml_file_reads_the_same_through_libyaml():
    assert len(FILES) > 150, len(FILES)
    left_to_ruamel = []
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        try:
            got = libyaml(text)
        except yamlevents.Unsupported:
            left_to_ruamel.append(path.relative_to(ROOT))
            continue
        assert_same(ruamel(text), got, (str(path.relative_to(ROOT)),))
    # The speed is the point: the project's own files are read by libyaml.
    assert left_to_ruamel == []


def test_an_alias_is_the_same_object_and_a_loop_stays_a_loop():
    text = "a: &x {b: 1}\nc: *x\n"
    data = libyaml(text)
    assert_same(ruamel(text), data)
    assert data["a"] is data["c"]
    for loop in ("d: &y [1, *y]\n", "d: &y {a: 1, b: *y}\n"):  # ruamel leaves the inner one empty
        assert_same(ruamel(loop), libyaml(loop))


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",  # an explicit tag
        "%YAML 1.1\n---\na: yes\n",  # a directive changes the rules
        "a: 1\n---\nb: 2\n",  # two documents
        "a:\nb: 1\n",  # an empty value: libyaml puts its position elsewhere
        "a: [1, ]\nb: {c: }\n",
        "a: 1\t# tab\n",  # tabs
        "\ufeffa: 1\n",  # a byte-order mark
        "a: 1\x85b: 2\n",  # NEL, a line break in YAML 1.1 only
        "a: *nowhere\n",  # an error: ruamel words it
        "a: 1\na: 2\n",  # a duplicate key: the constructor refuses it, ruamel words it
        "a: &x 1\nb: &x 2\n",  # a reused anchor
        "a: [1, 2\n",  # not closed
        # libyaml reads these, ruamel refuses them (found by the altered texts below)
        "a: |#x\n  b\n",
        "a: |\n    \n      b\n",
        "\n\n    | #2  Mötet",
        # YAML 1.2 allows ':' in an anchor's name, libyaml ends the name there
        "&a0:*a-   >1e3{text: |",
    ],
)
def test_what_could_read_differently_is_left_to_ruamel(text: str):
    with pytest.raises(yamlevents.Unsupported):
        libyaml(text)


def test_the_reader_gives_ruamels_error_for_a_text_libyaml_refuses():
    with pytest.raises(yamlfile.InputError) as refused:
        yamlfile.loads("a: 1\na: 2\n", display="fil.yaml")
    assert "nyckeln 'a' står två gånger" in str(refused.value) and "rad 2" in str(refused.value)


TEXTS = [path.read_text(encoding="utf-8") for path in FILES if path.suffix == ".yaml"]
PIECES = [":", "-", " ", "  ", "'", '"', "#", "[", "]", "{", "}", ",", "&a ", "*a", "&a", "*a:", "? ", "|", ">", "|-"]
PIECES += [">+", "|2", "#x", " #", "\n", "\n  ", "\n- ", "\\", "@", "`", "<<", "=", "~", "0o7", "1e3", "---", "\r\n"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.sampled_from(TEXTS),
    start=st.integers(0, 10_000),
    lines=st.integers(1, 40),
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.booleans(), st.lists(st.sampled_from(PIECES), min_size=1, max_size=3)),
        max_size=4,
    ),
    deleted=st.integers(0, 2),
)
def test_an_altered_text_reads_the_same_or_is_left_to_ruamel(
    text: str, start: int, lines: int, edits: list, deleted: int
):
    # Insert pieces of YAML's syntax in a window of a real file, some at the start of a line,
    # and delete a few characters after them.
    all_lines = text.split("\n")
    first = start % len(all_lines)
    text = "\n".join(all_lines[first : first + lines])
    for at, line_start, pieces in edits:
        at %= len(text) + 1
        if line_start:
            at = text.rfind("\n", 0, at) + 1
        text = text[:at] + "".join(pieces) + text[at + deleted :]
    try:
        got = libyaml(text)
    except yamlevents.Unsupported:
        return
    assert_same(ruamel(text), got)
