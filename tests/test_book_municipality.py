"""The municipality file adapts the book: name, logo, contacts, guidelines and the title.

A tiny Sphinx project in a temporary folder uses the book's extension with another
municipality's file; its name and contact functions must appear and Exempelstad's must not.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import handbok  # noqa: E402

NORRBY = (ROOT / "toolkit" / "parameters" / "kommuner" / "exempelstad.yaml").read_text(encoding="utf-8")


def norrby_file() -> str:
    text = NORRBY.replace("namn: Exempelstad", "namn: Norrby").replace("kortnamn: exempelstad", "kortnamn: norrby")
    text = text.replace("Mottagningen för ekonomiskt bistånd", "Norrbys kundtjänst för försörjningsstöd")
    text = text.replace("Alla ansökningar är skriftliga.", "Norrby tar emot ansökningar i e-tjänsten.")
    return text.replace("Arbetsmarknadsenheten i Exempelstad", "Jobbcentrum Norrby")


@pytest.fixture()
def norrby(tmp_path: Path) -> Path:
    root = tmp_path / "bok"
    parameters = root / "toolkit" / "parameters"
    (parameters / "kommuner").mkdir(parents=True)
    shutil.copy(ROOT / "toolkit" / "parameters" / "lagrum.yaml", parameters / "lagrum.yaml")
    (parameters / "kommuner" / "norrby.yaml").write_text(norrby_file(), encoding="utf-8")
    return root


def test_the_extension_reads_another_municipality_file(norrby: Path):
    model = handbok.load_municipality(norrby, "norrby")
    subs = handbok.substitutions(model)
    assert subs["kommun"] == "Norrby"
    assert "Norrbys kundtjänst för försörjningsstöd" in subs["kommun_kontakter"]
    assert "Norrby tar emot ansökningar i e-tjänsten." in subs["kommun_riktlinjer"]
    assert subs["kommun_arbetsmarknadsenhet"] == "Jobbcentrum Norrby"
    assert "Exempelstad" not in "".join(subs.values())


def test_the_municipality_is_chosen_by_config_then_kommun_then_default(monkeypatch):
    monkeypatch.setenv("KOMMUN", "norrby")
    assert handbok.municipality_slug(None) == "norrby"
    assert handbok.municipality_slug("sydby") == "sydby"
    monkeypatch.delenv("KOMMUN")
    assert handbok.municipality_slug(None) == "exempelstad"


def test_a_broken_municipality_file_names_the_file_and_field(norrby: Path):
    from toolkit.errors import InputError

    path = norrby / "toolkit" / "parameters" / "kommuner" / "norrby.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("nämnd:", "nämd:"), encoding="utf-8")
    with pytest.raises(InputError, match="norrby.yaml"):
        handbok.load_municipality(norrby, "norrby")


def test_a_book_built_for_another_municipality_shows_its_name(norrby: Path, monkeypatch):
    from sphinx.application import Sphinx

    monkeypatch.setenv("KOMMUN", "exempelstad")  # restored after the test; the extension sets it
    (norrby / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'handbok']\nmyst_enable_extensions = ['substitution']\n"
        "html_title = 'Handbok'\nlanguage = 'sv'\nexclude_patterns = ['toolkit', '_build']\n",
        encoding="utf-8",
    )
    (norrby / "index.md").write_text(
        '---\nregler: [kommun, lagrum]\ngranskad: "2026-11-24"\n---\n\n# Välkommen till {{ kommun }}\n\n'
        "{{ kommun_kontakter }}\n\n## Lagrum\n\n```{lagrum} jobbstimulans\n```\n",
        encoding="utf-8",
    )
    out = norrby / "_build"

    def build() -> str:
        app = Sphinx(
            str(norrby),
            str(norrby),
            str(out),
            str(out / ".doctrees"),
            "html",
            confoverrides={"handbok_kommun": "norrby"},
            status=None,
            warning=None,
        )
        app.build()
        assert app.statuscode == 0
        return (out / "index.html").read_text(encoding="utf-8")

    html = build()
    assert "Välkommen till Norrby" in html
    assert "Handbok – Norrby" in html  # the title
    assert "Norrbys kundtjänst för försörjningsstöd" in html
    from toolkit.rules import load_rules

    for wording in load_rules("exempelstad").lagrum.rules["jobbstimulans"].wordings:
        assert wording.citation in html and str(wording.start) in html  # every dated citation
    assert "Senast granskad 2026-11-24" in html  # the review note from the front matter
    assert "Exempelstad" not in html

    # A changed municipality file reaches a page that has not changed itself (full re-read).
    path = norrby / "toolkit" / "parameters" / "kommuner" / "norrby.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("namn: Norrby", "namn: Norrby kommun"), encoding="utf-8")
    assert "Välkommen till Norrby kommun" in build()


def test_a_preview_of_some_pages_links_left_out_pages_as_text_but_missing_pages_still_fail(norrby: Path, monkeypatch):
    import io

    from sphinx.application import Sphinx

    monkeypatch.setenv("KOMMUN", "exempelstad")
    chapters = norrby / "book" / "chapters"
    chapters.mkdir(parents=True)
    (chapters / "utelamnad.md").write_text("# Utelämnad\n", encoding="utf-8")
    (norrby / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
        "extensions = ['myst_parser', 'handbok']\nexclude_patterns = ['toolkit', '_build', 'book/chapters/utelamnad.md']\n",
        encoding="utf-8",
    )
    index = norrby / "index.md"
    out = norrby / "_build"

    def warnings(body: str) -> str:
        index.write_text(f"# Start\n\n{body}\n", encoding="utf-8")
        stream = io.StringIO()
        app = Sphinx(
            str(norrby),
            str(norrby),
            str(out),
            str(out / ".doctrees"),
            "html",
            confoverrides={"handbok_kommun": "norrby"},
            status=None,
            warning=stream,
            freshenv=True,
        )
        app.build()
        return stream.getvalue()

    assert "unknown document" not in warnings("Se {doc}`book/chapters/utelamnad`.")
    assert "unknown document" in warnings("Se {doc}`book/chapters/finns-inte`.")
