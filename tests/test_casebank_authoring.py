"""Authoring tools: the template, the validator (which never fixes a key) and the anonymizer
(whose draft is unreviewed and refused until a person has reviewed it)."""

from __future__ import annotations

import shutil

import pytest

from toolkit.assessment import assess
from toolkit.case import load_case
from toolkit.casebank import CASES
from toolkit.casebank.anonymize import anonymize_file, mask
from toolkit.casebank.authoring import check_bank, check_case, template
from toolkit.casebank.guard import find
from toolkit.casebank.skills import load_skills
from toolkit.cli import main
from toolkit.errors import InputError

FREE_TEXT = """Ärende från mottagningen, 2025-09-30

Klienten Sara Lindqvist, personnummer 19880314-1236, bor på Kvarngränd 3, 123 45 Exempelstad.
Hon nås på 070-123 45 67 eller sara.lindqvist@exempel.se. Lön sätts in på konto 8327-9, 914 123 456-7.
Hennes son är född 2015-04-02 och går i skolan. Sara har haft försörjningsstöd sedan maj.
Hon berättade om sin kontakt Jonas Berg på arbetsförmedlingen och om grannen Maria Olsson.
Lena Palmén från hyresvärden ringde. Klienten Ali Hassan har samma hyresvärd.
"""
ORIGINALS = [
    "Lindqvist",
    "19880314-1236",
    "Kvarngränd 3",
    "123 45 Exempelstad",
    "070-123 45 67",
    "sara.lindqvist@exempel.se",
    "914 123 456-7",
    "2015-04-02",
    "Jonas Berg",
    "Maria Olsson",
    "Palmén",
    "Ali Hassan",
]


# -- new ------------------------------------------------------------------------------------------------
def test_new_writes_a_commented_unreviewed_template(tmp_path, capsys):
    target = tmp_path / "nytt-fall.yaml"
    assert main(["casebank", "new", "nytt-fall", "--ut", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.count("#") > 20 and "id: nytt-fall " in text
    case = load_case(target)
    assert case.reviewed is False and case.key is not None
    assert find(text) == []
    # The template's key is worked by hand (case-format.md); the engine agrees with it.
    assert case.key.amount == assess(case).amount
    # ... but the validator refuses it until a person has reviewed it
    assert main(["casebank", "validate", str(target)]) == 1
    assert "inte granskat" in capsys.readouterr().err
    assert main(["casebank", "new", "nytt-fall", "--ut", str(target)]) == 2
    assert "finns redan" in capsys.readouterr().err
    assert main(["casebank", "new", "Nytt fall"]) == 2


# -- validate -------------------------------------------------------------------------------------------
def _copy(tmp_path, name: str):
    target = tmp_path / f"{name}.yaml"
    shutil.copy(CASES / f"{name}.yaml", target)
    return target


def test_a_disagreement_is_reported_and_never_fixed(tmp_path, capsys):
    target = _copy(tmp_path, "sambor-tva-barn-akassa")
    text = target.read_text(encoding="utf-8").replace("  belopp: 8690\n", "  belopp: 8700\n")
    target.write_text(text, encoding="utf-8")
    assert main(["casebank", "validate", str(target)]) == 1
    err = capsys.readouterr().err
    assert "Oense" in err and "8\u202f700" in err and "8\u202f690" in err and "rad " in err
    assert "Ingenting ändras automatiskt" in err
    assert target.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    "change, message",
    [
        (("färdigheter: [riksnorm, inkomster]", "färdigheter: [riksnorm, matlagning]"), "okänd färdighet 'matlagning'"),
        (("villkor: [sambor, lunch_utanför_hemmet, bifall]", "villkor: [sambor, solsken]"), "okänt villkor 'solsken'"),
        (("villkor: [sambor, lunch_utanför_hemmet, bifall]", "villkor: [sambor, avslag]"), "lärandemålet håller inte"),
        (("  - {typ: hushållsel, belopp: 520}", "  - {typ: hushållsel, belopp: femhundra}"), "heltal"),
        (("  - {typ: hushållsel, belopp: 520}", "  - {typ: hushållsel, belopp: -520}"), "negativt"),
        (("nivå: 1\n", "nivå: 1\nanteckning: en nyckel som inte finns\n"), "rad 6, fältet 'anteckning': okänd nyckel"),
        (("Mikael och Sara är sambor", "Mikael Karlsson och Sara är sambor"), "efternamn"),
        (("Den yngsta går i förskola", "Tfn 070-123 45 67. Den yngsta går i förskola"), "telefonnummer"),
    ],
)
def test_validate_names_what_is_wrong(tmp_path, change, message):
    target = _copy(tmp_path, "sambor-tva-barn-akassa")
    old, new = change
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    check = check_case(target, load_skills(), variants=False)
    assert not check.ok
    assert any(message in problem for problem in check.problems), check.problems


def test_a_case_without_key_is_refused(tmp_path):
    target = _copy(tmp_path, "ensam-2026")
    text = target.read_text(encoding="utf-8")
    target.write_text(text[: text.index("facit:")], encoding="utf-8")
    check = check_case(target, load_skills(), variants=False)
    assert any("facit saknas" in problem for problem in check.problems)


def test_the_whole_bank_needs_three_cases_per_skill(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("ensam-forsta-ansokan", "umgange-varannan-vecka"):
        shutil.copy(CASES / f"{name}.yaml", folder / f"{name}.yaml")
    report = check_bank(folder=folder, variants=False)
    assert all(case.ok for case in report.cases)
    assert any("'umgänge' övas bara i 1 fall" in problem for problem in report.problems)
    assert not report.ok


# -- anonymize ------------------------------------------------------------------------------------------
def test_mask_replaces_every_identifier_and_names():
    masked, items = mask(FREE_TEXT)
    for original in ORIGINALS:
        assert original not in masked, original
    assert "[personnummer]" in masked and "[adress]" in masked and "[e-post]" in masked
    assert "[telefonnummer]" in masked and "[bankuppgift]" in masked and "[födelsedatum]" in masked
    assert "[namn]" in masked
    assert "försörjningsstöd sedan maj" in masked  # ordinary text is kept
    assert {item.line for item in items} <= set(range(1, FREE_TEXT.count("\n") + 2))


def test_anonymize_writes_an_unreviewed_draft_and_a_report(tmp_path, capsys):
    source = tmp_path / "arende.txt"
    source.write_text(FREE_TEXT, encoding="utf-8")
    out = tmp_path / "utkast"
    assert main(["casebank", "anonymize", str(source), "--ut", str(out)]) == 0
    assert "inte anonymt" in capsys.readouterr().out
    draft, report = out / "arende.yaml", out / "arende.rapport.txt"
    draft_text, report_text = draft.read_text(encoding="utf-8"), report.read_text(encoding="utf-8")
    for original in ORIGINALS:
        assert original not in draft_text and original not in report_text, original
    case = load_case(draft)
    assert case.reviewed is False and case.key is None and case.id == "arende"
    assert str(case.month) == "2025-09"
    assert "personnummer: 1" in report_text and "Granska" in report_text
    # The validator refuses the draft, also when someone puts it among the cases.
    check = check_case(draft, load_skills(), variants=False)
    assert any("inte granskat" in p for p in check.problems)
    assert any("facit saknas" in p for p in check.problems)
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(draft, folder / draft.name)
    assert not check_bank(folder=folder, variants=False).cases[0].ok
    # A second run does not overwrite the first draft.
    assert main(["casebank", "anonymize", str(source), "--ut", str(out)]) == 2


@pytest.mark.parametrize("content, message", [(None, "finns inte"), ("  \n", "tom")])
def test_anonymize_bad_input(tmp_path, content, message, capsys):
    source = tmp_path / "arende.txt"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    assert main(["casebank", "anonymize", str(source)]) == 2
    assert message in capsys.readouterr().err


def test_anonymize_refuses_a_bad_id(tmp_path):
    source = tmp_path / "arende.txt"
    source.write_text(FREE_TEXT, encoding="utf-8")
    with pytest.raises(InputError, match="kan inte vara ett id"):
        anonymize_file(source, tmp_path, "Fall 1")


def test_template_fills_in_the_id():
    assert "id: ensam-forsta-ansokan " in template("ensam-forsta-ansokan")


def test_book_page_explains_review_and_the_guard(root):
    text = (root / "book" / "chapters" / "skriva-fall.md").read_text(encoding="utf-8")
    for phrase in (
        "casebank new",
        "casebank validate",
        "casebank anonymize",
        "casebank check",
        "granskad: false",
        "fortfarande en personuppgift",
        "Så granskar du ett utkast",
    ):
        assert phrase in text, phrase
    assert "book/chapters/skriva-fall" in (root / "_toc.yml").read_text(encoding="utf-8")
