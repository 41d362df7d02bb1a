"""The results data and sources: every figure has a source, the chart draws only those
figures, and no person's name or contact details enter the book."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.errors import InputError
from toolkit.plots import results
from toolkit.yamlfile import load

DATA = ROOT / "book" / "data" / "resultat.yaml"


def test_every_figure_in_the_results_file_has_a_source_with_title_and_publisher():
    data = results.load_results(DATA)
    assert data.cost and data.sources
    for key, source in data.sources.items():
        assert source.title and source.publisher, key
    # Each cited source renders as "title, publisher, date or a note that the text has none".
    for point in data.cost:
        cited = data.cite(point.source)
        assert cited.startswith(data.sources[point.source].title)


def test_the_cost_chart_draws_exactly_the_reported_years():
    data = results.load_results(DATA)
    fig = results.cost_chart(data)
    ax = fig.axes[0]
    bars = [patch for patch in ax.patches]
    assert [tick.get_text() for tick in ax.get_xticklabels()] == [
        str(p.year) for p in sorted(data.cost, key=lambda p: p.year)
    ]
    assert [round(bar.get_height() * 1000) for bar in bars] == [
        p.thousands for p in sorted(data.cost, key=lambda p: p.year)
    ]
    assert results.png(fig).startswith(b"\x89PNG")


def test_million_kr_is_written_with_a_decimal_comma():
    assert results.million_kr(58300) == "58,3 miljoner kronor"
    assert results.million_kr(102000) == "102 miljoner kronor"
    assert results.million_kr(2505) == "2,505 miljoner kronor"


def test_the_run_chart_median_and_the_longest_run(tmp_path: Path):
    text = DATA.read_text(encoding="utf-8")
    start = text.index("körning:")
    run = (
        "körning:\n  källa: boras-presentation\n  månader: [a, b, c, d, e, f]\n"
        "  sökta_arbeten: [1, 2, 3, 10, 11, 12]\n  besök: [1, 1, 1, 4, 4, 4]\n  förändring: d\n"
        "  förändring_text: Tätare möten\n"
    )
    path = tmp_path / "resultat.yaml"
    path.write_text(text[:start] + run, encoding="utf-8")
    data = results.load_results(path)
    assert results.baseline_median(data) == 2  # median of 1, 2, 3, worked by hand
    assert results.longest_run_above_median(data) == 4  # 3, 10, 11, 12 are above 2
    assert len(results.run_chart(data).axes[0].lines[0].get_ydata()) == 6


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("tkr: 58300", "tkr: femtioåtta", "tkr"),
        ("källa: boras-skl-2018}\n  - {år: 2017", "källa: okänd}\n  - {år: 2017", "källa"),
        ("  sökta_arbeten: [8, 9,", "  sökta_arbeten: [9,", "körning"),
    ],
)
def test_a_broken_results_file_gives_a_clear_message(tmp_path: Path, old: str, new: str, field: str):
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "resultat.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as error:
        results.load_results(path)
    assert "resultat.yaml" in str(error.value) and field in str(error.value)


PHONE = re.compile(r"(?<![\d-])0\d{1,3}-\s?\d{2,3}(?:\s?\d{2,3}){1,3}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PERSONNUMMER = re.compile(r"(?<!\d)(?:19|20)?\d{6}[-+]\d{4}(?!\d)")


def test_no_phone_number_email_or_personnummer_in_the_handbook_sources():
    problems = []
    for folder in ("book/chapters", "book/data", "book/intro.md"):
        path = ROOT / folder
        for file in [path] if path.is_file() else sorted(path.rglob("*")):
            if file.suffix not in {".md", ".yaml"}:
                continue
            text = file.read_text(encoding="utf-8")
            for pattern in (PHONE, EMAIL, PERSONNUMMER):
                problems += [f"{file.relative_to(ROOT)}: {m}" for m in pattern.findall(text)]
    assert not problems, "\n".join(problems)


def test_the_privacy_patterns_catch_what_they_should():
    assert PHONE.search("tfn 0768-88 70 23") and PHONE.search("08-523 023 60") and PHONE.search("0706-953888")
    assert EMAIL.search("namn.efternamn@kommun.se")
    assert PERSONNUMMER.search("19850101-1234")
    assert not PHONE.search("2025-07-01") and not PHONE.search("SFS 2024:1016")


def test_every_other_source_has_only_known_fields_each_a_whole_text():
    # An unquoted comma in a { } entry splits a note into keys without values: the page then
    # showed "EU/EES-medborgare" instead of the whole note.
    data = load(ROOT / "book" / "data" / "kallor.yaml")
    known = {"titel", "utgivare", "anmärkning", "datum", "år", "sfs", "url"}
    sources = [source for group in data["grupper"] for source in group["källor"]]
    assert sources
    for source in sources:
        assert set(source) <= known, (source.get("titel"), sorted(set(source) - known))
        assert all(value not in (None, "") for value in source.values()), source.get("titel")
