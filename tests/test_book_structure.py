"""The book's structure, checked in its sources (fast, no build).

Every chapter named in the project brief exists and is in _toc.yml; every page declares the
rule values it relies on and when it was reviewed; every section label that exercises link
to exists in the right chapter; every exercise notebook is in _toc.yml and linked from a
chapter; every internal link ({doc}, {ref}, Markdown links, and the toolkit's links into
the book) points at something that exists.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.maintenance import review

CHAPTERS = [
    "uppdrag-och-syfte",
    "introduktionen",
    "ansokan",
    "utredning",
    "bedomning-och-berakning",
    "beslut-och-dokumentation",
    "motet",
    "planering",
    "budgetradgivning",
    "arbete-forst",
    "felaktiga-utbetalningar",
    "langvarigt-bistand",
    "arbetsledning-och-metodhandledning",
    "resultat",
    "reformer",
    "ordlista",
    "kallor",
    "anpassa-boken",
    "avslutning",
    "ratten-till-bistand",
    "dokumentation-och-sekretess",
    "mallar",
    "barn-i-arendet",
    "vald-i-nara-relation",
    "akuta-lagen",
    "sarskilda-sokande",
    "samverkan",
    "livsforing-i-ovrigt",
    "planera-och-forbattra",
]
LABELS = {
    "bedomning-och-berakning": [
        "sec-riksnorm",
        "sec-aldersgrupper",
        "sec-lunch",
        "sec-skolungdom",
        "sec-sambor",
        "sec-fler-an-sju",
        "sec-hushallsgemenskap",
        "sec-umgange",
        "sec-skaliga-kostnader",
        "sec-boende-radrum",
        "sec-inkomster",
        "sec-jobbstimulans",
        "sec-barns-inkomster",
        "sec-tillgangar",
        "sec-avslag",
        "sec-sarskilda-skal",
    ],
    "utredning": ["sec-kontroll"],
    "felaktiga-utbetalningar": [
        "sec-felaktig-utbetalning",
        "sec-aterkrav",
        "sec-aterkrav-beslut",
        "sec-ingen-kvittning",
        "sec-bidragsbrott",
        "sec-underrattelse",
    ],
    "ratten-till-bistand": [
        "sec-ratten-till-bistand",
        "sec-arbetsmarknadsvillkoret",
        "sec-godtagbara-skal",
        "sec-praktik",
        "sec-nekat-forsorjningsstod",
    ],
    "beslut-och-dokumentation": [
        "sec-kommunicering",
        "sec-beslutets-innehall",
        "sec-motivering",
        "sec-overklagandehanvisning",
        "sec-overklagande",
        "sec-forsenat-beslut",
        "sec-ej-overklagbara",
    ],
    "dokumentation-och-sekretess": [
        "sec-journal",
        "sec-inte-i-journalen",
        "sec-sekretess",
        "sec-uppgifter-till-andra",
        "sec-ta-del-av-akten",
        "sec-registeruppgifter",
    ],
    "budgetradgivning": ["sec-budget"],
    "planering": ["sec-plan"],
    "motet": ["sec-barnratt", "sec-vald"],
    "arbete-forst": ["sec-arbete-forst", "sec-unga-vuxna"],
    "langvarigt-bistand": ["sec-langvarigt"],
    "barn-i-arendet": ["sec-barnets-basta", "sec-samtal-med-barn", "sec-orosanmalan"],
    "vald-i-nara-relation": ["sec-fraga-om-vald", "sec-skyddade-personuppgifter", "sec-ekonomiskt-vald"],
    "akuta-lagen": ["sec-nodprovning", "sec-hotad-bostad"],
    "sarskilda-sokande": ["sec-tolk", "sec-eu-ees", "sec-aldre"],
    "samverkan": ["sec-sip"],
}
ROUTINE_SECTIONS = ["Syfte", "Vem gör vad", "Dokumentation", "Vanliga misstag", "Lagrum", "Övningar"]
ROUTINES = [
    "ansokan",
    "utredning",
    "bedomning-och-berakning",
    "beslut-och-dokumentation",
    "motet",
    "planering",
    "budgetradgivning",
    "arbete-forst",
    "felaktiga-utbetalningar",
    "langvarigt-bistand",
    "ratten-till-bistand",
    "dokumentation-och-sekretess",
    "barn-i-arendet",
    "vald-i-nara-relation",
    "akuta-lagen",
    "sarskilda-sokande",
    "samverkan",
    "livsforing-i-ovrigt",
]
LABEL_DEF = re.compile(r"^\(([A-Za-z0-9_-]+)\)=\s*$", re.MULTILINE)
DOC_ROLE = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
REF_ROLE = re.compile(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`")
MD_LINK = re.compile(r"\]\(([^)\s]+)\)")
BOOK_URL = re.compile(r"chapters/([a-z0-9-]+)\.html#([A-Za-z0-9_-]+)")
CODE_CELL = re.compile(r"^```\{code-cell\}.*?^```\s*$", re.MULTILINE | re.DOTALL)


def sources() -> list[tuple[Path, str]]:
    """Every page of the book as (path, Markdown text); notebooks give their Markdown cells."""
    out = []
    for path in sorted((ROOT / "book").rglob("*")):
        if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        if path.suffix == ".md":
            # Code cells of a MyST notebook build links at run time; the built book checks those (-n).
            out.append((path, CODE_CELL.sub("", path.read_text(encoding="utf-8"))))
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            out.append(
                (path, "\n".join("".join(c.get("source", "")) for c in cells if c.get("cell_type") == "markdown"))
            )
    return out


def labels() -> dict[str, Path]:
    found = {}
    for path, text in sources():
        for label in LABEL_DEF.findall(text):
            found[label] = path
    return found


def resolve_doc(page: Path, target: str) -> Path | None:
    base = ROOT if target.startswith("/") else page.parent
    stem = (base / target.lstrip("/")).resolve()
    for suffix in (".md", ".ipynb"):
        if stem.with_suffix(suffix).is_file():
            return stem.with_suffix(suffix)
    return None


# -- chapters and front matter ---------------------------------------------------------------------
def test_every_chapter_exists_and_is_in_the_table_of_contents():
    toc = review.toc_files(ROOT)
    for name in CHAPTERS:
        assert (ROOT / "book" / "chapters" / f"{name}.md").is_file(), name
        assert f"book/chapters/{name}" in toc, f"{name} saknas i _toc.yml"
    assert toc[0] == "book/intro"
    assert toc[-1] == "book/chapters/avslutning", "avslutningen ska vara bokens sista sida"
    for file in toc:
        assert resolve_doc(ROOT, "/" + file), f"_toc.yml pekar på {file}, som inte finns"


def test_every_page_declares_its_rules_and_review_date():
    known = review.rule_stems(ROOT)
    pages = review.pages(ROOT)
    assert len(pages) >= len(CHAPTERS) + 1
    for page in pages:
        meta = review.front_matter(ROOT / page.path)
        assert "regler" in meta, f"{page.path}: regler saknas i början av filen"
        assert isinstance(meta["regler"], list), f"{page.path}: regler ska vara en lista"
        unknown = [rule for rule in page.rules if rule not in known]
        assert not unknown, f"{page.path}: okända regelvärden {unknown} (finns: {sorted(known)})"
        assert page.reviewed is not None, f"{page.path}: granskad saknas"
        assert page.reviewed <= date.today(), f"{page.path}: granskad ligger i framtiden"


def test_every_routine_page_has_the_routine_sections():
    for name in ROUTINES:
        text = (ROOT / "book" / "chapters" / f"{name}.md").read_text(encoding="utf-8")
        headings = re.findall(r"^#{2,3}\s+(.+?)\s*$", text, re.MULTILINE)
        missing = [s for s in ROUTINE_SECTIONS if not any(h.startswith(s) for h in headings)]
        assert not missing, f"{name}: avsnitt saknas: {missing}"
        assert "```{lagrum}" in text, f"{name}: lagrummen ska hämtas från lagrum.yaml med {{lagrum}}"


def test_pages_that_use_rule_values_declare_them():
    for page in review.pages(ROOT):
        text = (ROOT / page.path).read_text(encoding="utf-8")
        if "riksnorm_markdown" in text or "adult_amount" in text:
            assert "riksnorm" in page.rules, page.path
        if "prisbasbelopp(" in text:
            assert "prisbasbelopp" in page.rules, page.path
        if "{{ kommun" in text or "municipal(" in text:
            assert "kommun" in page.rules, page.path
        if "```{lagrum}" in text:
            assert "lagrum" in page.rules, page.path


# -- labels and links --------------------------------------------------------------------------------
@pytest.mark.parametrize("chapter", sorted(LABELS))
def test_section_labels_are_in_the_right_chapter(chapter):
    text = (ROOT / "book" / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    defined = LABEL_DEF.findall(text)
    for label in LABELS[chapter]:
        assert label in defined, f"{chapter}: etiketten ({label})= saknas"
        # The label must stand right before a heading, so that its id marks the section.
        after = text.split(f"({label})=", 1)[1].lstrip("\n")
        assert after.startswith("#"), f"{chapter}: ({label})= står inte direkt före en rubrik"


def test_every_doc_and_ref_link_resolves():
    known = labels()
    problems = []
    for path, text in sources():
        rel = path.relative_to(ROOT)
        for target in DOC_ROLE.findall(text):
            if resolve_doc(path, target.strip()) is None:
                problems.append(f"{rel}: {{doc}} pekar på {target}, som inte finns")
        for target in REF_ROLE.findall(text):
            if target.strip() not in known:
                problems.append(f"{rel}: {{ref}} pekar på {target}, som inte finns")
        for target in MD_LINK.findall(text):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            file, _, anchor = target.partition("#")
            stem = (path.parent / file).resolve()
            page = next((stem.with_suffix(s) for s in (".md", ".ipynb") if stem.with_suffix(s).is_file()), None)
            if page is None and not stem.is_file():
                problems.append(f"{rel}: länken {target} pekar på en fil som inte finns")
            elif anchor.startswith("sec-") and known.get(anchor) != page:
                problems.append(f"{rel}: länken {target}: etiketten {anchor} finns inte i den sidan")
    assert not problems, "\n".join(problems)


def test_the_toolkit_links_into_the_book_resolve():
    """Feedback and exercises link to '../chapters/<page>.html#<label>': both must exist."""
    known = labels()
    problems = []
    for path in sorted((ROOT / "toolkit").rglob("*")):
        if path.suffix not in {".py", ".yaml"} or "__pycache__" in path.parts:
            continue
        text = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if "e.g." not in line
        )  # examples in docstrings are not links
        for chapter, label in BOOK_URL.findall(text):
            page = ROOT / "book" / "chapters" / f"{chapter}.md"
            if not page.is_file():
                problems.append(f"{path.relative_to(ROOT)}: kapitlet {chapter} finns inte")
            elif known.get(label) != page:
                problems.append(f"{path.relative_to(ROOT)}: {chapter}.html#{label}: etiketten finns inte i kapitlet")
    assert not problems, "\n".join(problems)


# -- exercises -----------------------------------------------------------------------------------------
def test_every_exercise_is_in_the_table_of_contents_and_linked_from_a_chapter():
    toc = set(review.toc_files(ROOT))
    linked = {name for _, names in review.chapter_exercises(ROOT) for name in names}
    notebooks = sorted((ROOT / "book" / "exercises").glob("*.ipynb"))
    assert notebooks
    problems = []
    for notebook in notebooks:
        if f"book/exercises/{notebook.stem}" not in toc:
            problems.append(f"{notebook.name} saknas i _toc.yml")
        if notebook.stem not in linked:
            problems.append(f"{notebook.name} länkas inte från något kapitel i _toc.yml")
    assert not problems, "\n".join(problems)


def test_exercise_links_are_detected_in_both_forms(tmp_path):
    page = tmp_path / "kapitel.md"
    page.write_text(
        "- {doc}`../exercises/bedomning-01-a`\n- {doc}`Titel <../exercises/plan-02-b>`\n- {doc}`kallor`\n",
        encoding="utf-8",
    )
    assert review.linked_exercises(page) == ["bedomning-01-a", "plan-02-b"]


def test_every_exercise_is_linked_from_the_routine_its_metadata_names():
    linked = {Path(page.path).stem: set(names) for page, names in review.chapter_exercises(ROOT)}
    problems = []
    for exercise in review.exercises(ROOT):
        name = Path(exercise.path).stem
        if exercise.routine is None:
            continue
        if exercise.routine not in linked:
            problems.append(f"{name}: rutinen '{exercise.routine}' finns inte bland kapitlen i _toc.yml")
        elif name not in linked[exercise.routine]:
            problems.append(f"{name}: länkas inte från sin rutinsida {exercise.routine}")
    assert not problems, "\n".join(problems)
