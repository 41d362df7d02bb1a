"""The guard catches what a careless author writes (issue 12): every written form and every file
trick below is planted, one at a time, in a copy of real case-bank and book files, and the guard
must report it in that file, on that line, with the right kind.

Identity numbers get a correct check digit from the Luhn implementation in
test_casebank_guard (written independently of the guard), so they are the real thing. Names
are planted beside the first name the case itself declares, so that a finding cannot come from
an undeclared first name alone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_casebank_guard import luhn, pnr

from toolkit.case import load_case
from toolkit.casebank import BOOK, case_paths, guard
from toolkit.casebank.detectors import identity_kind
from toolkit.casebank.normalise import normalise
from toolkit.cli import main

P, S = guard.PERSONNUMMER, guard.SAMORDNINGSNUMMER
PHONE, EMAIL, ADDRESS = guard.PHONE, guard.EMAIL, guard.ADDRESS
NAMES = {guard.NAME, guard.SURNAME}
TEN = pnr("811218", "987", sep="")  # the issue's example: 811218-9876
SAM = pnr("811278", "123", sep="")  # a samordningsnummer (day 18 + 60)

# (kinds accepted, the text; {F} is the case's own declared first name). First the forms the
# issue lists, then forms of our own.
ISSUE_FORMS: list[tuple[set[str], str]] = [
    ({P}, f"{TEN[:2]} {TEN[2:4]} {TEN[4:6]}-{TEN[6:]}"),
    ({P}, f"{TEN[:2]}.{TEN[2:4]}.{TEN[4:6]}-{TEN[6:]}"),
    ({P}, f"{TEN[:6]}/{TEN[6:]}"),
    ({P}, f"{TEN[:6]}\u2011{TEN[6:]}"),  # non-breaking hyphen
    ({P}, f"{TEN[:6]}-{TEN[6:8]} {TEN[8:]}"),  # a space in the last four
    ({P}, f"pnr{TEN}"),  # glued to a word
    ({PHONE}, "070.123.45.67"),
    ({PHONE}, "070/123 45 67"),
    ({PHONE}, "070  123  45  67"),
    ({PHONE}, "0 7 0 1 2 3 4 5 6 7"),
    ({EMAIL}, "anna at exempel dot se"),
    ({EMAIL}, "anna snabel-a exempel punkt se"),
    ({EMAIL}, "anna\uff20exempel.se"),  # full-width @
    ({ADDRESS}, "Storg. 12"),
    ({ADDRESS}, "Mariaplan 2"),
    ({ADDRESS}, "Kungsholms strand 5"),
    ({ADDRESS}, "Tegnérlunden 3"),
    ({ADDRESS}, "12 Storgatan"),
    (NAMES, "{F} Bergman"),
    (NAMES, "{F} Wallin"),
    (NAMES, "{F} Hussein"),
    (NAMES, "{F} Ali"),
    (NAMES, "{F} Yilmaz"),
    (NAMES, "{F} Ek"),
    (NAMES, "Svensson, {F}"),
    (NAMES, "A. Svensson"),
    (NAMES, "{FU} SVENSSON"),  # all capitals
    (NAMES, "{F} svensson"),  # a lower-case surname
]
OWN_FORMS: list[tuple[set[str], str]] = [
    ({P}, f"{TEN[:6]} - {TEN[6:]}"),
    ({P}, f"19{TEN[:6]}/{TEN[6:]}"),
    ({P}, "".join(chr(ord(c) + 0xFEE0) for c in f"{TEN[:6]}-{TEN[6:]}").replace("\uff0d", "-")),  # full width
    ({P}, f"{TEN[:6]}\u2013{TEN[6:]}"),  # en dash
    ({P}, f"{TEN[:4]} {TEN[4:8]} {TEN[8:]}"),
    ({P}, f"{TEN[:6]}.{TEN[6:]}"),
    ({P}, f"{TEN[:6]}_{TEN[6:]}"),
    ({P}, f"{TEN[:6]}-\u200b{TEN[6:]}"),
    ({P}, f"nr:{TEN[:6]}-{TEN[6:]}"),
    ({S}, f"{SAM[:2]} {SAM[2:4]} {SAM[4:6]}-{SAM[6:]}"),
    ({S}, f"samnr{SAM}"),
    ({PHONE}, "0046.70.123.45.67"),
    ({PHONE}, "+46-70-1234567"),
    ({PHONE}, "08/555 123 45"),
    ({PHONE}, "070-12 34 567"),
    ({PHONE}, "0701 23 45 67"),
    ({PHONE}, "07 01 23 45 67"),
    ({PHONE}, "070\u2011123\u00a045\u00a067"),
    ({EMAIL}, "anna [at] exempel [punkt] se"),
    ({EMAIL}, "anna (snabel-a) exempel (punkt) se"),
    ({EMAIL}, "ANNA AT EXEMPEL DOT COM"),
    ({EMAIL}, "anna\ufe6bexempel.se"),  # small commercial at
    ({EMAIL}, "anna.k\uff20exempel\uff0ese"),  # full-width @ and full stop
    ({ADDRESS}, "Drottningg. 5"),
    ({ADDRESS}, "Ringv. 12 B"),
    ({ADDRESS}, "5 Lingonvägen"),
    ({ADDRESS}, "Stora torg 3"),
    ({ADDRESS}, "Norr Mälarstrand 12"),
    ({ADDRESS}, "Sveaplan 14"),
    ({ADDRESS}, "Kungsgatan\u00a012"),
    (NAMES, "{F} Kowalczyk"),  # a declared first name + a capitalised word
    (NAMES, "{F} Hodžić"),
    (NAMES, "{F} Hodzic"),
    (NAMES, "{F} Korhonen"),
    (NAMES, "{F} Mohammadi"),
    (NAMES, "{F} Öztürk"),
    (NAMES, "{F} Nowakowska"),
    (NAMES, "{F} Warsame"),
    (NAMES, "{F} Al-Hassan"),
    (NAMES, "{F} Lindqvist-Berg"),
    (NAMES, "HUSSEIN, {FU}"),
    (NAMES, "B. Lindström"),
    (NAMES, "Agnieszka Nowak"),
    (NAMES, "familjen Bergman"),
    (NAMES, "hos Yilmaz"),
    ({guard.UNDECLARED}, "en kompis som heter Agnieszka"),
]
FORMS = ISSUE_FORMS + OWN_FORMS
TEMPLATES = ["Uppgift i ansökan: {}.", "Den sökande skrev {} på blanketten.", "Kontakt: {}", "{}"]


def _plant(source: Path, target: Path, sentence: str, into_document: bool) -> int:
    """Copy a case file with one line added; returns the 1-based line of the added text."""
    lines = source.read_text(encoding="utf-8").splitlines()
    marker, indent = ("    text: |", "      ") if into_document else ("berättelse: |", "  ")
    index = next((i for i, line in enumerate(lines) if line.startswith(marker)), None)
    if index is None:
        marker, indent = "berättelse: |", "  "
        index = next(i for i, line in enumerate(lines) if line.startswith(marker))
    lines.insert(index + 1, indent + sentence)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 2


def caught_forms(tmp_path: Path, forms: list[tuple[set[str], str]]) -> list[str]:
    """Plant each form in its own copy of a real case; returns the ones the guard missed."""
    sources = case_paths()
    missed = []
    for number, (kinds, form) in enumerate(forms):
        source = sources[number % len(sources)]
        first = load_case(source).invented_names[0]
        text = form.replace("{FU}", first.upper()).replace("{F}", first)
        folder = tmp_path / f"kopia{number}"
        folder.mkdir()
        target = folder / source.name
        line = _plant(source, target, TEMPLATES[number % len(TEMPLATES)].format(text), into_document=number % 2 == 1)
        load_case(target)  # still a valid case: the text stands where an author writes
        found = {f.kind for f in guard.scan_file(target) if f.line == line}
        if not kinds & found:
            missed.append(f"{sorted(kinds)}: {text!r} i {source.name} (fann {sorted(found)})")
    return missed


def test_every_form_from_the_issue_is_caught(tmp_path):
    missed = caught_forms(tmp_path, ISSUE_FORMS)
    assert not missed, f"fångade {len(ISSUE_FORMS) - len(missed)} av {len(ISSUE_FORMS)}:\n" + "\n".join(missed)


def test_every_form_of_our_own_is_caught(tmp_path):
    missed = caught_forms(tmp_path, OWN_FORMS)
    assert not missed, f"fångade {len(OWN_FORMS) - len(missed)} av {len(OWN_FORMS)}:\n" + "\n".join(missed)


def test_the_form_lists_are_distinct_and_long():
    texts = [text for _, text in FORMS]
    assert len(set(texts)) == len(texts) >= 70
    assert len(ISSUE_FORMS) == 28


# -- file tricks --------------------------------------------------------------------------------


def _yaml_escapes(text: str) -> str:
    return "".join(f"\\x{ord(c):02x}" for c in text)


def _notebook(source: str, metadata: str = "") -> str:
    import json

    return json.dumps(
        {
            "cells": [{"cell_type": "markdown", "metadata": {}, "source": [source]}],
            "metadata": {"författare": metadata},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


DASHED = f"{TEN[:6]}-{TEN[6:]}"
# (name, where the file goes, its content, the kind expected, the line expected or None)
FILE_TRICKS = [
    ("Latin-1", "casebank/cases/anteckning.yaml", "titel: Åsa söker\n".encode("latin-1"), guard.NOT_UTF8, 1),
    ("dold mapp", "casebank/.gammalt/anteckning.md", f"Rad ett\nPersonnummer {DASHED}\n", P, 2),
    (".orig", "casebank/cases/ensam-forsta-ansokan.yaml.orig", "berättelse: |\n  Ring 070-123 45 67\n", PHONE, 2),
    ("utan filändelse", "casebank/ANTECKNINGAR", "Mejla anna.k@exempel.se\n", EMAIL, 1),
    ("YAML \\x", "casebank/cases/escape.yaml", f'id: escape\nanteckning: "{_yaml_escapes(DASHED)}"\n', P, 2),
    ("HTML-entitet", "book/chapters/sida.md", "# Sida\n\n" + "".join(f"&#{ord(c)};" for c in DASHED) + "\n", P, 3),
    ("fetstil mitt i", "book/chapters/sida.md", f"# Sida\n\nNummer {TEN[:6]}-**{TEN[6:]}**\n", P, 3),
    ("nollbrett mellanslag", "book/chapters/sida.md", f"# Sida\n\n{TEN[:3]}\u200b{TEN[3:6]}-{TEN[6:]}\n", P, 3),
    ("mjukt bindestreck", "book/chapters/sida.md", f"# Sida\n\n{TEN[:6]}\u00ad-{TEN[6:]}\n", P, 3),
    # our own
    ("full bredd i boken", "book/chapters/sida.md", "x " + "".join(chr(ord(c) + 0xFEE0) for c in TEN) + "\n", P, 1),
    ("HTML-tagg mitt i", "book/chapters/sida.md", f"Nummer {TEN[:6]}-<b>{TEN[6:]}</b>\n", P, 1),
    ("UTF-16", "book/chapters/sida.md", "Ingen text här\n".encode("utf-16"), guard.NOT_UTF8, 1),
    ("notebook med \\u", "book/ovning.ipynb", _notebook(DASHED), P, 1),
    ("notebook-metadata", "book/ovning.ipynb", _notebook("Läs fallet.", "anna.k@exempel.se"), EMAIL, None),
    ("YAML vikt rad", "casebank/cases/vikt.yaml", f"id: vikt\ntext: >\n  nummer {TEN[:6]}-\n  {TEN[6:]}\n", P, None),
    ("nummer i filnamnet", f"casebank/{DASHED}.txt", "Inget här.\n", P, None),
    ("PNG-början i .md", "book/chapters/bild.md", b"\x89PNG\r\n\x1a\nText med \xe5\n", guard.NOT_UTF8, 1),
]


@pytest.mark.parametrize("name,where,content,kind,line", FILE_TRICKS, ids=[t[0] for t in FILE_TRICKS])
def test_every_file_trick_is_caught(tmp_path, name, where, content, kind, line):
    casebank, book = _small_tree(tmp_path)
    target = tmp_path / where
    _write(target, content)
    findings = [f for f in guard.scan_project(casebank, book) if f.file == str(target)]
    assert kind in {f.kind for f in findings}, (name, [(f.kind, f.line) for f in findings])
    if line is not None:
        assert line in {f.line for f in findings if f.kind == kind}, (name, [(f.kind, f.line) for f in findings])


def _small_tree(tmp_path: Path) -> tuple[Path, Path]:
    """A case bank and a book with real files in them, so that the planted file is the only
    thing the guard finds."""
    casebank, book = tmp_path / "casebank", tmp_path / "book"
    (casebank / "cases").mkdir(parents=True)
    for source in case_paths()[:3]:
        shutil.copy(source, casebank / "cases" / source.name)
    (book / "chapters").mkdir(parents=True)
    shutil.copy(BOOK / "chapters" / "skriva-fall.md", book / "chapters" / "skriva-fall.md")
    assert guard.scan_project(casebank, book) == []
    return casebank, book


def test_a_pipe_a_link_loop_a_link_to_a_folder_and_a_big_file_are_refused_not_read(tmp_path, monkeypatch):
    casebank, book = _small_tree(tmp_path)
    os.mkfifo(casebank / "pipe.yaml")  # would wait forever for a writer if opened plainly
    (casebank / "loop.md").symlink_to("loop.md")
    (casebank / "mapp").symlink_to(casebank / "cases", target_is_directory=True)
    (book / "stor.md").write_text("x" * 100_001, encoding="utf-8")
    monkeypatch.setenv("HANDBOK_MAX_FILSTORLEK", "100000")
    findings = {Path(f.file).name: f for f in guard.scan_project(casebank, book)}
    assert {name: f.kind for name, f in findings.items()} == {
        "pipe.yaml": guard.UNREADABLE,
        "loop.md": guard.UNREADABLE,
        "mapp": guard.UNREADABLE,
        "stor.md": guard.UNREADABLE,
    }
    assert "pipe" in findings["pipe.yaml"].text and "slinga" in findings["loop.md"].text
    assert "mapp" in findings["mapp"].text and "100 000" in findings["stor.md"].text


def test_a_known_binary_file_is_listed_as_not_read(tmp_path):
    casebank, book = _small_tree(tmp_path)
    (book / "bild.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    skipped: list[str] = []
    assert guard.scan_project(casebank, book, skipped=skipped) == []
    assert skipped == [f"{book / 'bild.png'} (PNG-bild)"]


def test_the_check_command_says_how_to_fix_and_refuses_a_file_it_cannot_read(tmp_path, capsys):
    casebank, _ = _small_tree(tmp_path)
    (casebank / "gammal.txt").write_bytes("Åsa\n".encode("latin-1"))
    (casebank / "ny.md").write_text("Mejla anna at exempel dot se\n", encoding="utf-8")
    assert main(["casebank", "check", str(casebank)]) == 1
    err = capsys.readouterr().err
    assert "Kan inte granskas: " in err and "gammal.txt" in err and "UTF-8" in err
    assert "ny.md, rad 1: e-postadress" in err and "Åtgärd: " in err and "exempel dot se" not in err


# -- the allow-list of invented first names ---------------------------------------------------


def test_every_case_declares_the_first_names_it_uses():
    for path in case_paths():
        case = load_case(path)
        text = path.read_text(encoding="utf-8")
        assert case.invented_names, f"{path.name}: påhittade_förnamn saknas"
        for name in case.invented_names:
            assert text.count(name) >= 2, f"{path.name}: {name} står i listan men inte i texten"


@pytest.mark.parametrize("path", case_paths()[::5], ids=lambda p: p.stem)
def test_a_first_name_taken_off_the_list_is_reported(tmp_path, path):
    case = load_case(path)
    name = case.invented_names[0]
    target = tmp_path / path.name
    text = path.read_text(encoding="utf-8")
    listed = f"påhittade_förnamn: [{', '.join(case.invented_names)}]"
    assert listed in text
    target.write_text(
        text.replace(listed, f"påhittade_förnamn: [{', '.join(case.invented_names[1:])}]"), encoding="utf-8"
    )
    found = [f for f in guard.scan_file(target) if f.kind == guard.UNDECLARED]
    assert found and all(f.text == name for f in found)


def test_a_company_name_with_a_surname_is_not_a_name():
    for text in (
        "Arbetsgivare: Lagerbolaget Berg.",
        "Lön från Lagerbolaget Bergman AB.",
        "Städfirman Lind betalar.",
        "Bergman & Son bygger.",
        "Inga inkomster.",
        "Hans lön kom i juni.",
        "Ström och värme ingår.",
    ):
        assert guard.find(text) == [], (text, [(f.kind, f.text) for f in guard.find(text)])


def test_a_declared_name_and_a_capitalised_word_is_a_full_name_but_two_declared_names_are_not():
    assert [f.kind for f in guard.find("Jonas Kowalczyk ringde.", declared=["Jonas"])] == [guard.NAME]
    assert guard.find("Ibrahim, Nadia och barnen.", declared=["Ibrahim", "Nadia"]) == []
    assert guard.find("Jonas och Leila.", declared=["Jonas", "Leila"]) == []


# -- the parts -------------------------------------------------------------------------------


def test_identity_numbers_are_checked_by_date_and_check_digit():
    assert identity_kind(TEN) == P and identity_kind("19" + TEN) == P
    assert identity_kind(SAM) == S
    wrong = TEN[:-1] + str((int(TEN[-1]) + 1) % 10)
    assert identity_kind(wrong) is None
    assert identity_kind(luhn("810230123")) is None  # 30 February
    assert identity_kind(luhn("811378123")) is None  # month 13 (and day 18 + 60)
    assert identity_kind("17" + TEN) is None  # no such century


def test_normalising_keeps_the_original_positions():
    text = f"Nr &#56;{TEN[1:6]}\u2011**{TEN[6:]}** slut"
    normal = normalise(text)
    assert normal.text == f"Nr {TEN[:6]}-{TEN[6:]} slut"
    start = normal.text.index(TEN[:6])
    begin, end = normal.span(start, start + 11)
    assert text[begin:end] == f"&#56;{TEN[1:6]}\u2011**{TEN[6:]}"


def test_a_surname_declared_as_a_first_name_is_still_a_surname():
    text = "påhittade_förnamn: [Anna, Svensson]\nberättelse: Anna Svensson kom.\n"
    assert guard.NAME in {f.kind for f in guard.find(text)}
    assert guard.find("påhittade_förnamn: [Ibrahim, Nadia]\nberättelse: Ibrahim, Nadia och barnen.\n") == []
