"""Citations for the handling around the decision (lagrum.yaml, `område: handläggning` and the
control's `område: kontroll`): shown in the book with their dates, never applied by the engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.errors import InputError
from toolkit.maintenance.tables import lagrum_markdown
from toolkit.schemas.national import LagrumFile
from toolkit.yamlfile import load_model

LAGRUM = ROOT / "toolkit" / "parameters" / "lagrum.yaml"
DIRECTIVE = re.compile(r"^```\{lagrum\}(.*)$", re.MULTILINE)


def test_every_procedural_citation_is_shown_on_a_routine_page(rules):
    cited = set()
    for page in (ROOT / "book" / "chapters").glob("*.md"):
        if page.stem == "kallor":
            continue
        for ids in DIRECTIVE.findall(page.read_text(encoding="utf-8")):
            cited.update(ids.split())
    missing = sorted(set(rules.lagrum.in_area("handläggning")) - cited)
    assert not missing, f"lagrum utan sida: {missing}"


def test_a_procedural_citation_renders_both_laws_with_their_dates(rules):
    text = lagrum_markdown(["återkrav"], rules=rules)
    assert "2002-01-01 till och med 2025-06-30: 9 kap. 1 § socialtjänstlagen (2001:453)" in text
    assert "från 2025-07-01: 33 kap. 1 § socialtjänstlagen (2025:400)" in text
    assert "återkrav" not in rules.lagrum.in_area("beräkning"), "återkrav tillämpas inte av beräkningen"


def test_an_unknown_area_is_refused(tmp_path: Path):
    text = LAGRUM.read_text(encoding="utf-8")
    wrong = text.replace("    område: handläggning\n", "    område: handläggningen\n", 1)
    assert wrong != text
    path = tmp_path / "lagrum.yaml"
    path.write_text(wrong, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_model(LagrumFile, path, display="lagrum.yaml")
    assert "område" in str(error.value) and "lagrum.yaml" in str(error.value)
