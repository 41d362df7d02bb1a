"""Wordings that a review found wrong stay out of the book and the misconception catalogue.

The scan reads every Markdown page under book/ (all of its text), the Markdown cells of every
notebook under book/, and toolkit/misconceptions.yaml. Text is compared case-insensitively
after line breaks and emphasis (**, *, _) are removed, so a wording split over two lines or
set in bold is still found. Each rule names what is wrong and what the book says instead.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT


@dataclass(frozen=True)
class Wording:
    name: str
    right: str
    patterns: tuple[str, ...]


WRONG = [
    Wording(
        "skolungdom bara i gymnasiet",
        "skolungdom är den som går i grundskola, gymnasieskola eller annan jämförlig grundutbildning "
        "(föräldrabalken 7 kap. 1 §)",
        (
            r"bor hemma och (?:fortfarande )?(?:går|studerar) (?:i|på) gymnasiet",
            r"(?:går|studerar) (?:i|på) gymnasiet räknas (?:också |fortfarande |därför )?som barn",
            r"skolungdom(?:ar)? (?:betyder|är) (?:en )?(?:ungdom(?:ar)?|den) som går (?:i|på) gymnasiet",
        ),
    ),
    Wording(
        "skollunch som familjen betalar",
        "skolmåltiderna i grundskolan är kostnadsfria",
        (
            r"skol(?:lunch|mat|måltid)\w* som (?:familjen|föräldrarna|hushållet|klienten) (?:själv |själva )?betalar",
            r"betala[rs]? (?:för )?(?:barnets |barnens )?skol(?:lunch|mat|måltid)",
        ),
    ),
    Wording("besvärshänvisning", "överklagandehänvisning", (r"besvärs-? ?hänvisning",)),
    Wording("för 1 personer", "1 person, 2 personer", (r"\b1 personer\b", r"\ben personer\b")),
    Wording(
        "riktvärdet som tak",
        "riktvärdet är en utgångspunkt; efter rådrummet görs en individuell bedömning",
        (
            r"när rådrummet (?:har )?gått ut (?:räknas|räknar du|godtas) (?:bara|endast|enbart) riktvärdet",
            r"efter rådrummet (?:räknas|räknar du|godtas) (?:bara|endast|enbart) riktvärdet",
            r"innan (?:bara|endast|enbart) (?:kommunens )?riktvärdet? räknas",
            r"riktvärdet (?:är|blir|fungerar som|gäller som) (?:ett )?(?:tak|maxbelopp|högsta belopp)",
        ),
    ),
    Wording(
        "bara två undantag i lagen",
        "lagen har två särskilda regler för lön, men de är inte de enda undantagen",
        (
            r"(?:bara|endast|enbart) två undantag",
            r"två undantag finns i lagen",
            r"lagen har (?:bara|endast|enbart) två undantag",
            r"de två undantagen i lagen",
        ),
    ),
    Wording(
        "jobbstimulansens tal skrivna i texten",
        "månaderna, andelen och perioden kommer från toolkit/parameters/jobbstimulans.yaml (glue) eller "
        "hänvisas till avsnittet om jobbstimulans",
        (
            r"(?:sex|6) (?:nya )?månader i följd",
            r"(?:75|25) (?:procent|%) av lönen",
            r"gäller (?:i )?två år",
        ),
    ),
    Wording(
        "bidragsbrott och vårdslöst bidragsbrott sammanslagna",
        "bidragsbrott (uppsåt) och vårdslöst bidragsbrott (grov oaktsamhet) är två brott",
        (r"(?<!vårdslöst )bidragsbrott[^.]{0,60}?(?:avsikt|uppsåt)\w* eller (?:av )?grov oaktsamhet",),
    ),
]


def normalise(text: str) -> str:
    """One line, no emphasis markers, single spaces: the wording as a reader sees it."""
    text = re.sub(r"(\*\*|__|\*|_)", "", text)
    return re.sub(r"\s+", " ", text)


def sources(book: Path, catalogue: Path) -> list[tuple[str, str]]:
    """(name, text) of every Markdown page, every notebook's Markdown cells and the catalogue."""
    out = []
    for path in sorted(book.rglob("*")):
        if "_build" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        if path.suffix == ".md":
            out.append((str(path.relative_to(book.parent)), path.read_text(encoding="utf-8")))
        elif path.suffix == ".ipynb":
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            for i, cell in enumerate(cells, start=1):
                if cell.get("cell_type") == "markdown":
                    out.append((f"{path.relative_to(book.parent)}, cell {i}", "".join(cell.get("source", ""))))
    out.append((catalogue.name, catalogue.read_text(encoding="utf-8")))
    return out


def hits(text: str) -> list[tuple[Wording, str]]:
    """Each wrong wording found, once per place (two patterns matching the same words count once)."""
    flat = normalise(text)
    found = []
    for wording in WRONG:
        spans: list[tuple[int, int]] = []
        for pattern in wording.patterns:
            for match in re.finditer(pattern, flat, re.IGNORECASE):
                if not any(match.start() < end and start < match.end() for start, end in spans):
                    spans.append(match.span())
                    found.append((wording, match.group(0)))
    return found


def problems(book: Path, catalogue: Path) -> list[str]:
    return [
        f"{name}: '{found}' ({wording.name}; skriv i stället: {wording.right})"
        for name, text in sources(book, catalogue)
        for wording, found in hits(text)
    ]


# -- the scanner itself -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "En ungdom som är 18–20 år, bor hemma och går i gymnasiet.",
        "En 19-åring som bor hemma och\nfortfarande går i gymnasiet räknas som barn.",
        "Den som studerar på gymnasiet räknas också som barn i föräldrarnas hushåll.",
        "Skolungdom är en ungdom som går i gymnasiet.",
        "Ett annat är att barnet äter skollunch som familjen betalar.",
        "Familjen betalar för skollunchen.",
        "Beslutet ska ha en **Besvärshänvisning**.",
        "besvärs-\nhänvisning",
        "inom kommunens riktvärde 6 500 kr för 1 personer",
        "När rådrummet har gått ut\nräknar du bara riktvärdet.",
        "Efter rådrummet räknas endast riktvärdet.",
        "Tid att flytta till en billigare bostad, innan bara kommunens riktvärde räknas.",
        "Riktvärdet är ett tak för hyran.",
        "Bara två undantag finns i lagen: jobbstimulansen och barns inkomster.",
        "Lagen har endast två undantag.",
        "**Bidragsbrott** betyder att någon med avsikt eller av grov oaktsamhet lämnar oriktiga uppgifter.",
        "Bidragsbrott\n  Att med uppsåt eller grov oaktsamhet lämna fel uppgifter.",
    ],
)
def test_the_scanner_finds_every_wrong_wording(text):
    assert hits(text), text


@pytest.mark.parametrize(
    "text",
    [
        "En ungdom som är 18–20 år, bor hemma och går i grundskola, gymnasieskola eller annan jämförlig "
        "grundutbildning räknas som barn.",
        "Exemplet är en familj med en son som är 19 år och går i gymnasiet.",
        "Skolungdom är inte bara den som går i gymnasiet.",
        "Skollunchen är inget sådant skäl för ett barn i grundskolan.",
        "Beslutet ska ha en överklagandehänvisning.",
        "inom kommunens riktvärde 6 500 kr för 1 person; 11 personer bor i bostaden",
        "Riktvärdet är en riktlinje, inget tak.",
        "När rådrummet har gått ut bedömer du behovet på nytt. Riktvärdet är utgångspunkten, inte ett tak.",
        "För lön har lagen två särskilda regler. De är inte de enda undantagen.",
        "**Bidragsbrott** betyder att någon med avsikt lämnar oriktiga uppgifter. **Vårdslöst bidragsbrott** "
        "betyder att någon gör samma sak av grov oaktsamhet.",
    ],
)
def test_the_scanner_leaves_the_right_wordings_alone(text):
    assert hits(text) == [], text


def test_a_wrong_wording_planted_in_a_copy_of_the_book_is_found(tmp_path):
    book = tmp_path / "book"
    shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("_build", ".ipynb_checkpoints"))
    catalogue = tmp_path / "misconceptions.yaml"
    shutil.copy(ROOT / "toolkit" / "misconceptions.yaml", catalogue)
    assert problems(book, catalogue) == []

    chapter = book / "chapters" / "beslut-och-dokumentation.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nGlöm inte besvärshänvisningen.\n", encoding="utf-8")
    notebook = next((book / "exercises").glob("bedomning-*.ipynb"))
    data = json.loads(notebook.read_text(encoding="utf-8"))
    cell = next(c for c in data["cells"] if c["cell_type"] == "markdown")
    cell["source"] = "".join(cell["source"]) + "\nNär rådrummet har gått ut räknas bara riktvärdet.\n"
    notebook.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace(
            "namn: Missuppfattningar", "# Bara två undantag finns i lagen.\nnamn: Missuppfattningar", 1
        ),
        encoding="utf-8",
    )

    found = problems(book, catalogue)
    assert len(found) == 3, "\n".join(found)
    assert any(p.startswith("book/chapters/beslut-och-dokumentation.md: 'besvärshänvisning'") for p in found)
    assert any(p.startswith(f"book/exercises/{notebook.name}, cell ") and "riktvärdet som tak" in p for p in found)
    assert any(p.startswith("misconceptions.yaml: 'Bara två undantag'") for p in found)


# -- the book ---------------------------------------------------------------------------------------------
def test_no_wrong_wording_in_the_book_or_the_misconception_catalogue():
    found = problems(ROOT / "book", ROOT / "toolkit" / "misconceptions.yaml")
    assert not found, "Formuleringar som ska rättas:\n" + "\n".join(found)


def test_the_assessment_says_1_person_not_1_personer():
    from toolkit.assessment import assess
    from toolkit.case import parse_case
    from toolkit.rules import load_rules

    rules = load_rules("exempelstad")
    for rent in (1000, 60000):  # under the riktvärde, and above it without rådrum (a notice)
        case = parse_case(
            {
                "id": "en-person",
                "titel": "En person",
                "månad": "2025-09",
                "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 40}],
                "kostnader": [{"typ": "boende", "belopp": rent}],
                "inkomster": [],
            },
            rules=rules,
        )
        result = assess(case, rules)
        texts = (
            [line.explanation for line in result.lines] + list(result.notices) + [line.post for line in result.lines]
        )
        assert any("för 1 person" in t for t in texts), texts
        assert not any(re.search(r"\b1 personer\b", t) for t in texts), texts
