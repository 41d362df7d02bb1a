"""No rule figure is typed into the book: every riksnorm amount and prisbasbelopp is computed.

The scan reads every .md and .ipynb under book/ (text, code cells and stored outputs) and
flags any number that equals an amount in toolkit/parameters/riksnorm.yaml or
prisbasbelopp.yaml, however it is written: "3910", "3 910", "3\u202f910", "3 910,00",
"−3 910 kr". Chapters are also scanned for the municipality's own amounts (housing caps,
savings buffer), which must come from the municipality file so another municipality's
book is right.

A bare four-digit number from 1900 to 2100 is a year ("2025", "år 2010") and is not
flagged unless it is written as money ("2010 kr", "2 010"). Numbers that are parts of
dates, SFS numbers or references ("2025-07-01", "SFS 2024:1016", "3.8-27193/2016") are
not amounts either.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT

SPACES = " \u00a0\u202f\u2009"
NUMBER = re.compile(
    r"(?<![\w.,:/])(?<!\d-)"  # not inside a word, date or reference
    rf"(\d{{1,3}}(?:[{SPACES}]\d{{3}})+|\d+)"  # 3910, 3 910, 3\u202f910
    r"(?:,\d{1,2})?"  # öre: 3 910,00
    r"(?![\w]|[.,:/-]\d)"  # not followed by more of a number
)
MONEY_AFTER = re.compile(rf"^[{SPACES}]*(kr\b|kronor|:-|sek\b)", re.IGNORECASE)
SKIP_KEYS = {"från", "till", "år", "källa", "källor", "datum", "sfs"}


def _integers(node, found: set[int]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIP_KEYS:
                _integers(value, found)
    elif isinstance(node, list):
        for item in node:
            _integers(item, found)
    elif isinstance(node, int) and not isinstance(node, bool):
        found.add(node)


def rule_amounts(root: Path = ROOT) -> dict[int, str]:
    """Every amount in riksnorm.yaml and prisbasbelopp.yaml, with the file it comes from."""
    from toolkit.yamlfile import load

    amounts: dict[int, str] = {}
    for name in ("riksnorm.yaml", "prisbasbelopp.yaml"):
        found: set[int] = set()
        _integers(load(root / "toolkit" / "parameters" / name), found)
        for value in found:
            if value >= 100:  # household sizes and age keys are not amounts
                amounts.setdefault(value, name)
    return amounts


def municipal_amounts(root: Path = ROOT) -> dict[int, str]:
    """The municipality file's amounts (housing caps, savings buffer) for every municipality file."""
    from toolkit.yamlfile import load

    amounts: dict[int, str] = {}
    for path in sorted((root / "toolkit" / "parameters" / "kommuner").glob("*.yaml")):
        for settings in load(path).get("inställningar") or []:
            values = list((settings.get("boendekostnad_riktvärde") or {}).values())
            values.append(settings.get("sparbuffert_per_person"))
            for value in values:
                if isinstance(value, int) and value >= 100:
                    amounts.setdefault(value, path.name)
    return amounts


def figures(text: str, amounts: dict[int, str]) -> list[tuple[int, str, str]]:
    """(line, written form, source file) for every amount of `amounts` written in the text."""
    hits = []
    for match in NUMBER.finditer(text):
        written = match.group(1)
        value = int(re.sub(rf"[{SPACES}]", "", written))
        if value not in amounts:
            continue
        grouped = written != str(value)
        money = bool(MONEY_AFTER.match(text[match.end() :]))
        if not grouped and 1900 <= value <= 2100 and not money and "," not in match.group(0):
            continue  # a year
        hits.append((text.count("\n", 0, match.start()) + 1, match.group(0), amounts[value]))
    return hits


def book_texts(root: Path = ROOT) -> list[tuple[str, str]]:
    """(name, text) of every Markdown page and every notebook cell (source and stored output)."""
    out = []
    for path in sorted((root / "book").rglob("*")):
        if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        rel = str(path.relative_to(root))
        if path.suffix == ".md":
            out.append((rel, path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            notebook = json.loads(path.read_text(encoding="utf-8"))
            for i, cell in enumerate(notebook.get("cells", []), start=1):
                source = cell.get("source", "")
                out.append((f"{rel}, cell {i}", "".join(source) if isinstance(source, list) else source))
                for output in cell.get("outputs", []):
                    text = output.get("text") or "".join(
                        "".join(v) if isinstance(v, list) else str(v)
                        for k, v in (output.get("data") or {}).items()
                        if k.startswith("text/")
                    )
                    out.append((f"{rel}, cell {i} (utdata)", "".join(text) if isinstance(text, list) else text))
    return out


# -- the detector itself ---------------------------------------------------------------------------
AMOUNTS = {3910: "riksnorm.yaml", 2010: "riksnorm.yaml", 58800: "prisbasbelopp.yaml", 2000: "riksnorm.yaml"}


@pytest.mark.parametrize(
    "text",
    [
        "Ensamstående får 3910 kr.",
        "Ensamstående får 3 910 kr.",
        "Ensamstående får 3\u202f910\u00a0kr.",
        "| Ensamstående | 3\u00a0910 |",
        "beloppet 3 910,00 kr",
        "−3 910 kr",
        "3910:-",
        "amount = 3910",
        "fyra personer: 2 010 kr",
        "fyra personer: 2010 kr",
        "gränsen 58 800 kronor",
        '{"belopp": 3910}',
    ],
)
def test_detector_finds_a_typed_amount(text):
    assert figures(text, AMOUNTS), text


@pytest.mark.parametrize(
    "text",
    [
        "Från 2010 till 2017 sjönk kostnaden.",
        "år 2000",
        "Lagen gäller från 2025-07-01.",
        "SFS 2024:1016",
        "Dnr 3.8-27193/2016",
        "58,3 miljoner kronor",
        "högst 45 hushåll",
        "13910 kr",
        "39100",
        "p3910",
        "version 3.910",
        "12 kap. 2 § (2025:468)",
    ],
)
def test_detector_ignores_years_dates_and_other_numbers(text):
    assert figures(text, AMOUNTS) == [], text


def test_amounts_are_read_from_the_parameter_files():
    from toolkit.months import Month
    from toolkit.rules import load_rules

    rules = load_rules("exempelstad")
    amounts = rule_amounts()
    assert rules.adult_amount(Month(2025, 9), couple=False) in amounts
    assert rules.household_cost(Month(2014, 1), 1) in amounts
    assert rules.prisbasbelopp(2026) in amounts
    assert 2026 not in amounts and 7 not in amounts


# -- the book ----------------------------------------------------------------------------------------
def test_no_riksnorm_or_prisbasbelopp_figure_is_typed_into_the_book():
    amounts = rule_amounts()
    problems = [
        f"{name}, rad {line}: '{written}' är ett belopp ur {source}"
        for name, text in book_texts()
        for line, written, source in figures(text, amounts)
    ]
    assert not problems, "Belopp ska räknas fram från toolkit/parameters, inte skrivas in:\n" + "\n".join(problems)


def test_no_municipal_amount_is_typed_into_a_chapter():
    amounts = municipal_amounts()
    assert amounts, "kommunfilen har inga belopp att leta efter"
    problems = [
        f"{name}, rad {line}: '{written}' är ett belopp ur {source}"
        for name, text in book_texts()
        if name.startswith(("book/chapters", "book/intro"))
        for line, written, source in figures(text, amounts)
    ]
    assert not problems, "Kommunens belopp ska hämtas från kommunfilen:\n" + "\n".join(problems)
