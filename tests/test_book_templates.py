"""The templates a unit takes into its case system (book/mallar/*.yaml).

On the built book: every template is on the templates page and downloadable as Word and as
plain text, and the three hold the same words. On the sources: every template has the parts
its kind needs, no identity data, and a broken source gives a Swedish message naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from docx import Document
from test_book_sources import EMAIL, PERSONNUMMER, PHONE

from toolkit.errors import InputError
from toolkit.maintenance import document_templates as templates
from toolkit.rules import load_rules

FOLDER = ROOT / "book" / "mallar"
PAGE = Path("book") / "chapters" / "mallar.html"
IDS = templates.template_ids(FOLDER)

# What each template must say, worked out from the routine pages (beslut: FL 32-33 §§ and
# 43-44 §§; journal: SoL (2025:400) 14 kap. 3 §; orosanmälan: 19 kap. 1 §).
APPEAL = [
    "Så överklagar du beslutet",
    "förvaltningsrätten",
    "inom tre veckor",
    "fick del av beslutet",
    "vilket beslut du överklagar",
    "hur du vill att beslutet ska ändras",
]
REQUIRED = {
    "beslut-bifall": ["Beslut", "beviljar", "[belopp] kronor", "[månad och år]", "Lagrum", "kräva tillbaka", *APPEAL],
    "beslut-avslag": ["Beslut", "avslår", "Skäl för beslutet", "Uppgifter som du har fått läsa", "Lagrum", *APPEAL],
    "beslut-delvis-bifall": [
        "Beslut",
        "beviljar",
        "avslår",
        "Skäl för beslutet",
        "Uppgifter som du har fått läsa",
        "Lagrum",
        *APPEAL,
    ],
    "journalanteckning": [
        "Datum: [datum]",
        "Vad den sökande berättade",
        "Vad jag har kontrollerat",
        "Bedömning",
        "Överenskommelser och nästa steg",
    ],
    "remiss-arbetsmarknadsenheten": [
        "Samtycke",
        "samtyckt",
        "Målet",
        "Arbetsförmåga",
        "Kraven för att börja",
        "Uppföljning",
    ],
    "orosanmalan": [
        "Det här har jag sett eller hört",
        "Det här är jag orolig för",
        "Vårdnadshavarna",
        "socialtjänstens mottagning för barn och unga",
    ],
    "planering": ["Mål", "Hinder", "Delmål", "Aktiviteter", "ansvarig: [", "klart: [datum]", "Nästa uppföljning"],
}


def context() -> dict[str, str]:
    return templates.municipality_context(load_rules("exempelstad").municipality)


def words(lines) -> list[str]:
    """Non-empty lines with whitespace collapsed and a bullet's '- ' dropped."""
    out = []
    for line in lines:
        text = " ".join(str(line).split())
        text = text[2:] if text.startswith("- ") else text
        if text:
            out.append(text)
    return out


# -- the sources -------------------------------------------------------------------------------------
def test_every_kind_of_template_exists():
    kinds = {templates.render(t, context(), FOLDER).kind for t in IDS}
    assert kinds == set(templates.KINDS)
    assert {"beslut-bifall", "beslut-avslag", "beslut-delvis-bifall"} <= set(IDS)


@pytest.mark.parametrize("template_id", sorted(REQUIRED))
def test_each_template_has_the_parts_its_kind_needs(template_id):
    text = templates.to_text(templates.render(template_id, context(), FOLDER))
    missing = [part for part in REQUIRED[template_id] if part not in text]
    assert not missing, f"{template_id} saknar {missing}"


def test_every_template_has_its_requirements_listed_here():
    assert set(IDS) == set(REQUIRED), "lägg till kraven för en ny mall i REQUIRED"


@pytest.mark.parametrize("template_id", IDS)
def test_a_decision_names_where_to_send_the_appeal_and_never_says_besvarshanvisning(template_id):
    rendered = templates.render(template_id, context(), FOLDER)
    text = templates.to_text(rendered)
    assert "besvär" not in text.lower()
    if rendered.kind == "beslut":
        board = load_rules("exempelstad").municipality.board
        sentence = next(b.text for b in rendered.blocks if "skicka eller lämna det till" in b.text)
        assert board in sentence, "överklagandehänvisningen ska säga vart överklagandet skickas"


@pytest.mark.parametrize("template_id", IDS)
def test_no_identity_data_in_a_template(template_id):
    rendered = templates.render(template_id, context(), FOLDER)
    text = templates.to_text(rendered) + rendered.used_when
    for pattern in (PERSONNUMMER, PHONE, EMAIL):
        assert not pattern.search(text), f"{template_id}: {pattern.search(text)}"
    # Whoever the template is about is a placeholder, never a name.
    for label in ("Sökande:", "Medsökande:", "Barnets namn och ålder:", "Vårdnadshavare:"):
        for block in rendered.blocks:
            if block.text.startswith(label):
                assert block.text[len(label) :].strip().startswith("["), block.text


def test_an_unknown_placeholder_is_a_clear_error_naming_the_file(tmp_path: Path):
    (tmp_path / "trasig.yaml").write_text(
        "titel: Trasig mall\nslag: beslut\nanvänds_när: Används aldrig, den är trasig.\n"
        "delar:\n  - stycken: ['{{ namnd }} beslutar']\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        templates.render("trasig", context(), tmp_path)
    assert "trasig.yaml" in str(error.value) and "platshållare" in str(error.value) and "nämnd" in str(error.value)


def test_an_unknown_shared_part_and_an_empty_part_are_clear_errors(tmp_path: Path):
    head = "titel: Trasig mall\nslag: remiss\nanvänds_när: Används aldrig, den är trasig.\n"
    (tmp_path / "delad.yaml").write_text(head + "delar:\n  - gemensam: finns-inte\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        templates.render("delad", context(), tmp_path)
    assert "finns-inte" in str(error.value) and "delad.yaml" in str(error.value)
    (tmp_path / "tom.yaml").write_text(head + "delar:\n  - rubrik: Bara en rubrik\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        templates.render("tom", context(), tmp_path)
    assert "tom.yaml" in str(error.value) and "ingen text" in str(error.value)


def test_typed_quotes_are_refused_so_the_page_cannot_differ_from_the_files(tmp_path: Path):
    (tmp_path / "citat.yaml").write_text(
        "titel: Mall med citat\nslag: journalanteckning\nanvänds_när: Används aldrig, den är trasig.\n"
        "delar:\n  - stycken: ['Skriv \"jag bedömer att\".']\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        templates.render("citat", context(), tmp_path)
    assert "citat.yaml" in str(error.value) and "”" in str(error.value)


def test_a_rebuild_rewrites_only_the_files_whose_template_changed(tmp_path: Path):
    out = tmp_path / "mallar"
    templates.write_all(out, context(), FOLDER)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")}
    templates.write_all(out, context(), FOLDER)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.docx")} == before
    other = {**context(), next(iter(context())): "Ett annat värde"}
    templates.write_all(out, other, FOLDER)
    changed = [name for name, ns in before.items() if (out / name).stat().st_mtime_ns != ns]
    assert changed, "ett ändrat värde ska skriva om filerna som visar det"
    (out / "planering.docx").unlink()
    templates.write_all(out, other, FOLDER)
    assert (out / "planering.docx").is_file()


def test_text_and_word_are_made_from_the_same_blocks(tmp_path: Path):
    rendered = templates.render("planering", context(), FOLDER)
    path = templates.to_docx(rendered, tmp_path / "planering.docx")
    document = Document(str(path))
    assert words(p.text for p in document.paragraphs) == [b.text for b in rendered.blocks]
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Heading 1"
    assert styles.count("List Bullet") == sum(b.kind == "bullet" for b in rendered.blocks)
    assert words(templates.to_text(rendered).splitlines()) == [b.text for b in rendered.blocks]


# -- the built book ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def page(built_html: Path) -> BeautifulSoup:
    path = built_html / PAGE
    assert path.is_file(), f"{PAGE} saknas i den byggda boken"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("template_id", IDS)
def test_the_page_the_word_file_and_the_text_file_hold_the_same_text(built_html: Path, page, template_id):
    box = page.find(id=f"mall-{template_id}")
    assert box is not None, f"mallen {template_id} visas inte på sidan"
    on_page = words(p.get_text(" ") for p in box.find_all("p"))
    docx_path = built_html / "mallar" / f"{template_id}.docx"
    text_path = built_html / "mallar" / f"{template_id}.txt"
    assert docx_path.is_file() and text_path.is_file(), f"{template_id}: filerna att ladda ner saknas"
    in_word = words(p.text for p in Document(str(docx_path)).paragraphs)
    in_text = words(text_path.read_text(encoding="utf-8").splitlines())
    assert on_page == in_word == in_text
    assert any("tre veckor" in line for line in on_page) == template_id.startswith("beslut")


@pytest.mark.parametrize("template_id", IDS)
def test_the_page_links_both_downloads(built_html: Path, page, template_id):
    hrefs = [a["href"] for a in page.find_all("a", href=True)]
    for suffix in ("docx", "txt"):
        link = next((h for h in hrefs if h.endswith(f"mallar/{template_id}.{suffix}")), None)
        assert link is not None, f"sidan länkar inte {template_id}.{suffix}"
        target = ((built_html / PAGE).parent / link).resolve()
        assert target == (built_html / "mallar" / f"{template_id}.{suffix}").resolve(), link


def test_no_template_file_is_kept_in_git():
    tracked = [p for p in (ROOT / "book").rglob("*") if p.suffix in {".docx"}]
    assert not tracked, f"Word-filerna skapas när boken byggs och ska inte ligga bland källorna: {tracked}"


def test_the_municipality_is_filled_in(built_html: Path):
    text = (built_html / "mallar" / "beslut-avslag.txt").read_text(encoding="utf-8")
    board = load_rules("exempelstad").municipality.board
    assert "{{" not in text and re.search(rf"\b{re.escape(board)}\b", text)
