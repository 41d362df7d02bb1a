"""The personal-data guard: every injected identifier is caught, the real bank and book pass.

The identifiers below are written by hand in the forms people use. Each is injected into a
copy of a real case file (in the narrative or in a document), and the guard must report it
on that line with the right kind. Personnummer and samordningsnummer get a correct check
digit from an independent Luhn implementation here, so that they are the real thing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.case import load_case
from toolkit.casebank import CASES, case_paths, guard
from toolkit.cli import main


def luhn(nine: str) -> str:
    """Nine digits plus their Luhn check digit (written independently of the guard)."""
    total = 0
    for position, char in enumerate(nine):
        product = int(char) * (2 - position % 2)
        total += product // 10 + product % 10
    return nine + str((10 - total % 10) % 10)


def pnr(date6: str, serial: str, sep: str = "-", century: str = "") -> str:
    ten = luhn(date6 + serial)
    return f"{century}{ten[:6]}{sep}{ten[6:]}"


P, S = guard.PERSONNUMMER, guard.SAMORDNINGSNUMMER
NAME_KINDS = {guard.NAME, guard.SURNAME, guard.UNDECLARED}
IDENTIFIERS: list[tuple[str, str]] = [
    # personnummer: 10 or 12 digits, with '-', '+', a space or nothing
    (P, pnr("880314", "123")),
    (P, pnr("750623", "456")),
    (P, pnr("040229", "987", sep="+")),
    (P, pnr("910405", "123", sep="")),
    (P, pnr("880314", "123", century="19")),
    (P, pnr("851224", "789", sep="", century="19")),
    (P, pnr("670101", "555", sep=" ")),
    (P, pnr("200708", "246")),
    (P, pnr("201130", "135", sep="", century="20")),
    # samordningsnummer: the day + 60
    (S, pnr("880374", "123")),
    (S, pnr("750683", "456", century="19")),
    (S, pnr("990161", "678", sep="")),
    (S, pnr("850391", "234")),
    # phone numbers
    (guard.PHONE, "070-123 45 67"),
    (guard.PHONE, "0701234567"),
    (guard.PHONE, "070 123 45 67"),
    (guard.PHONE, "+46 70 123 45 67"),
    (guard.PHONE, "+46701234567"),
    (guard.PHONE, "0046 70 123 45 67"),
    (guard.PHONE, "08-123 456 78"),
    (guard.PHONE, "031-12 34 56"),
    (guard.PHONE, "0739-11 22 33"),
    (guard.PHONE, "+46 (0)8 555 123 45"),
    (guard.PHONE, "tfn 123 45 67"),
    (guard.PHONE, "mobil: 076 555 12 34"),
    # e-mail
    (guard.EMAIL, "amina.k@exempel.se"),
    (guard.EMAIL, "jonas_s+bistand@example.com"),
    (guard.EMAIL, "leila(at)exempel.se"),
    (guard.EMAIL, "mikael [at] exempel.se"),
    (guard.EMAIL, "sara.n@kommun.exempel.se"),
    (guard.EMAIL, "SOFIA.L@EXEMPEL.SE"),
    (guard.EMAIL, "kalle123@mail.example.org"),
    # street addresses with a number
    (guard.ADDRESS, "Storgatan 12"),
    (guard.ADDRESS, "Lingonvägen 4 B"),
    (guard.ADDRESS, "Södra vägen 15"),
    (guard.ADDRESS, "Kvarngränd 3"),
    (guard.ADDRESS, "Björkstigen 22"),
    (guard.ADDRESS, "Stortorget 1"),
    (guard.ADDRESS, "Ekbacken 7"),
    (guard.ADDRESS, "lgh 1203"),
    (guard.ADDRESS, "Box 4512"),
    (guard.ADDRESS, "Strandpromenaden 9"),
    # postcodes with a town
    (guard.POSTCODE, "123 45 Exempelstad"),
    (guard.POSTCODE, "12345 Borås"),
    (guard.POSTCODE, "SE-411 05 Göteborg"),
    (guard.POSTCODE, "751 02 UPPSALA"),
    (guard.POSTCODE, "postnummer 903 26"),
    (guard.POSTCODE, "234 56 Lilla Edet"),
    # bank and clearing numbers
    (guard.BANK, "8327-9, 914 123 456-7"),
    (guard.BANK, "6000-123 456 789"),
    (guard.BANK, "3300 " + pnr("880314", "123")),
    (guard.BANK, "clearingnummer 8327-9"),
    (guard.BANK, "kontonummer 1234 56 78901"),
    (guard.BANK, "Bankgiro 5050-1055"),
    (guard.BANK, "plusgiro 12 34 56-7"),
    (guard.BANK, "SE45 5000 0000 0583 9825 7466"),
    (guard.BANK, "IBAN SE35 5000 0000 0549 1000 0003"),
    (guard.BANK, "konto nr 9020 123 45 67"),
    # exact dates of birth
    (guard.BIRTH_DATE, "född 1988-03-14"),
    (guard.BIRTH_DATE, "född den 14 mars 1988"),
    (guard.BIRTH_DATE, "f. 880314"),
    (guard.BIRTH_DATE, "födelsedatum 1975-06-23"),
    (guard.BIRTH_DATE, "född 2015-04-02"),
    (guard.BIRTH_DATE, "1979-11-30"),
    (guard.BIRTH_DATE, "14/3 1988"),
    (guard.BIRTH_DATE, "19880314-XXXX"),
    (guard.BIRTH_DATE, "född 3.7.1992"),
    (guard.BIRTH_DATE, "föddes 2 februari 2019"),
]
TEMPLATES = ["Uppgift i ansökan: {}.", "Den sökande skrev {} på blanketten.", "Kontakt: {}", "{}"]


def test_the_injection_list_is_long_and_covers_every_kind():
    texts = [text for _, text in IDENTIFIERS]
    assert len(set(texts)) == len(texts) >= 50
    assert {kind for kind, _ in IDENTIFIERS} == set(guard.KINDS) - NAME_KINDS - set(guard.FILE_KINDS)


def _inject(source: Path, target: Path, sentence: str, into_document: bool) -> int:
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


def test_every_injected_identifier_is_caught(tmp_path):
    sources = case_paths()
    assert len(sources) >= 40
    missed = []
    for number, (kind, identifier) in enumerate(IDENTIFIERS):
        source = sources[number % len(sources)]
        folder = tmp_path / f"kopia{number}"
        folder.mkdir()
        target = folder / source.name
        sentence = TEMPLATES[number % len(TEMPLATES)].format(identifier)
        line = _inject(source, target, sentence, into_document=number % 2 == 1)
        load_case(target)  # the copy is still a valid case: the text is where a case author writes
        findings = [f for f in guard.scan_file(target) if f.line == line]
        if kind not in {f.kind for f in findings}:
            missed.append(f"{kind}: {identifier!r} i {source.name} ({[f.kind for f in findings]})")
    caught = len(IDENTIFIERS) - len(missed)
    assert not missed, f"fångade {caught} av {len(IDENTIFIERS)}:\n" + "\n".join(missed)


def test_no_false_alarm_on_the_real_case_bank_and_book(capsys):
    """`python -m toolkit casebank check` as a municipality runs it: the whole case bank and
    book, exit code 0 (tests/test_cli_contract.py checks the codes on a single file)."""
    code = main(["casebank", "check"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Skyddet hittade inga personuppgifter i casebank/ och book/." in out


@pytest.mark.parametrize(
    "text",
    [
        "Utbetalning 2025-09-25 av 7 200 kr för månad 2025-09.",
        "Bruttolön 22 600, skatt −5 700, att betala ut 16 900.",
        "Lagen gäller från 2002-01-01 och jobbstimulansen från 2013-07-01.",
        "Riksnorm enligt SFS 2025:468, 12 kap. 2–3 §§; Dnr 3.8-27193/2016.",
        "Varje post höjdes med 0,7 procent. Skattetabell 32.",
        "Period 2025-05-05 till 2025-06-29: 14 200",
        "Inkomst januari–oktober sammanlagt 54 300 kr, 60 timmar.",
        "Hyra 6 180, parkeringsplats 420, summa 6 600.",
        "Ingående saldo 2025-03-01   212,40",
        "Köpoäng: 412 dagar. Intresseanmälningar sedan 2025-05-01: 1 (2025-06-12)",
        "Hon bor på gatan 3 år nu och har bott i Exempelstad sedan 2008.",
        "Telefonsamtal 2025-09-12 kl. 10.",
        "Jonas, 29 år, och Leila, 34 år, har barn som är 5 år och 9 år.",
        # a ten-digit number whose check digit is wrong is not a personnummer
        "Referensnummer 8803141230.",
    ],
)
def test_ordinary_case_text_is_not_flagged(text):
    assert guard.find(text) == [], [f.kind for f in guard.find(text)]


def test_luhn_check_decides_for_ten_digit_numbers():
    valid = pnr("880314", "123", sep="")
    invalid = valid[:-1] + str((int(valid[-1]) + 1) % 10)
    assert [f.kind for f in guard.find(f"Nummer {valid}.")] == [guard.PERSONNUMMER]
    assert guard.find(f"Nummer {invalid}.") == []


def test_names_are_refused_in_the_case_bank_only():
    text = "Amina Pettersson kom till mötet med Jonas Berg."
    assert [f.kind for f in guard.find(text)] == [guard.NAME, guard.NAME]
    assert guard.find(text, guard.BOOK_DETECTORS) == []


def test_check_command_reports_kind_and_line_but_not_the_identifier(tmp_path, capsys):
    folder = tmp_path / "fallbank"
    shutil.copytree(CASES, folder)
    secret = pnr("750623", "456")
    _inject(folder / "barns-sommarjobb.yaml", folder / "barns-sommarjobb.yaml", f"Personnummer {secret}.", False)
    assert main(["casebank", "check", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "barns-sommarjobb.yaml" in err and "personnummer" in err and "rad " in err
    assert secret not in err
    assert main(["casebank", "check", str(CASES)]) == 0


def test_check_command_on_a_missing_path_is_bad_input(capsys):
    assert main(["casebank", "check", "finns/inte"]) == 2
    assert "finns inte" in capsys.readouterr().err


def test_notebook_findings_name_the_cell(tmp_path):
    import json

    notebook = tmp_path / "ovning.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {"cell_type": "markdown", "source": ["Läs fallet."]},
                    {"cell_type": "markdown", "source": ["Ring 070-123 45 67 om du har frågor."]},
                ]
            }
        ),
        encoding="utf-8",
    )
    findings = guard.scan_file(notebook)
    assert [(f.kind, f.where) for f in findings] == [(guard.PHONE, "cell 2")]
