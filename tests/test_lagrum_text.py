"""How the book cites a rule whose section in the new law is not verified: the chapter of the
new law and the corresponding section of the former law, never a warning in every line; the
open questions are listed once, on the sources page."""

from __future__ import annotations

from toolkit.maintenance.tables import lagrum_markdown, open_sections_markdown
from toolkit.schemas.national import LagrumFile

LAGRUM = LagrumFile.model_validate(
    {
        "namn": "Test",
        "regler": {
            "rätt": {
                "beskrivning": "Rätten till bistånd",
                "lydelser": [
                    {
                        "från": "2002-01-01",
                        "till": "2025-06-30",
                        "hänvisning": "4 kap. 1 § socialtjänstlagen (2001:453)",
                        "källa": {"titel": "Socialtjänstlag (2001:453)", "sfs": "2001:453"},
                    },
                    {
                        "från": "2025-07-01",
                        "hänvisning": "12 kap. socialtjänstlagen (2025:400)",
                        "paragraf_verifierad": False,
                        "källa": {"titel": "Socialtjänstlag (2025:400)", "sfs": "2025:400"},
                    },
                ],
            },
            "råd": {
                "beskrivning": "Allmänna råd",
                "lydelser": [
                    {
                        "från": "2013-01-01",
                        "till": "2025-06-30",
                        "hänvisning": "SOSFS 2013:1",
                        "källa": {"titel": "SOSFS 2013:1", "utgivare": "Socialstyrelsen"},
                    },
                    {
                        "från": "2025-07-01",
                        "hänvisning": "SOSFS 2013:1",
                        "paragraf_verifierad": False,
                        "källa": {"titel": "SOSFS 2013:1", "utgivare": "Socialstyrelsen"},
                    },
                ],
            },
        },
    }
)


def test_an_unverified_section_cites_the_former_section_and_no_warning():
    text = lagrum_markdown(["rätt"], lagrum=LAGRUM)
    assert (
        "från 2025-07-01: 12 kap. socialtjänstlagen (2025:400), som motsvarar 4 kap. 1 § socialtjänstlagen (2001:453)"
        in text
    )
    assert "2002-01-01 till och med 2025-06-30: 4 kap. 1 § socialtjänstlagen (2001:453)" in text
    assert "inte verifierad" not in text


def test_the_same_citation_is_not_said_to_correspond_to_itself():
    text = lagrum_markdown(["råd"], lagrum=LAGRUM)
    assert "motsvarar" not in text and "inte verifierad" not in text


def test_the_open_questions_are_listed_for_the_sources_page():
    text = open_sections_markdown(lagrum=LAGRUM)
    assert text.splitlines() == [
        "- Rätten till bistånd: 12 kap. socialtjänstlagen (2025:400) (från 2025-07-01)",
        "- Allmänna råd: SOSFS 2013:1 (från 2025-07-01)",
    ]


def test_no_page_of_the_real_book_warns_in_its_legal_basis(rules):
    lagrum = rules.lagrum
    assert lagrum.in_area("handläggning"), "rutinernas lagrum står i lagrum.yaml med område: handläggning"
    text = lagrum_markdown(list(lagrum.rules), lagrum=lagrum)
    assert "paragrafen är inte verifierad" not in text
    assert "- Barnets bästa vid åtgärder som rör barn" in open_sections_markdown(rules)
