"""Accessibility in Chromium: axe-core (assets/node_modules, from npm) on every page of the built
book and on the exercise app's start page, list and one exercise of each kind. No serious or
critical violation of WCAG 2.1 A/AA, the legal bar for Swedish public-sector web (DOS-lagen)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from browser import CHROMIUM, chromium_page, static_server
from conftest import ROOT
from test_voila_app import voila_app

from toolkit.casebank.exercises import load_registry

pytestmark = pytest.mark.browser

AXE = ROOT / "assets" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = {"serious", "critical"}
RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def require_tools() -> str:
    """axe-core's source; fails (never skips) naming how to install what is missing."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium saknas: installera Debians paket (sudo apt-get install chromium) och kör testet igen.")
    if not AXE.is_file():
        pytest.fail("axe-core saknas: kör 'make node-packages' (paketet står i assets/package.json).")
    return AXE.read_text(encoding="utf-8")


def audit(page, axe: str, where: str, found: dict[str, list[dict]]) -> None:
    """Inject axe into the page as it stands and keep its serious and critical violations."""
    page.add_script_tag(content=axe)
    violations = page.evaluate(RUN, TAGS)
    found[where] = [v for v in violations if v["impact"] in SERIOUS]
    found.setdefault("_alla", []).extend({**v, "sida": where} for v in violations)


def report(found: dict[str, list[dict]], name: str) -> str:
    """Where the audit went and what it found, also written to the test's report file."""
    serious = {where: items for where, items in found.items() if where != "_alla" and items}
    summary = {
        "sidor": len([w for w in found if w != "_alla"]),
        "allvarliga": sum(len(i) for i in serious.values()),
        "alla_fynd": len(found.get("_alla", [])),
        "per_sida": serious,
    }
    target = Path(os.environ.get("HANDBOK_AXE_RAPPORT", ROOT / "_build" / "axe"))
    target.mkdir(parents=True, exist_ok=True)
    (target / f"{name}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    return json.dumps(summary, ensure_ascii=False, indent=1)


def redirect(path: Path) -> bool:
    """A page that only sends the browser on (index.html to the first chapter): its target is audited."""
    return 'http-equiv="Refresh"' in path.read_text(encoding="utf-8")[:2000]


def book_pages(html: Path) -> list[Path]:
    skip = {"_static", "_sources", "_images", "_downloads"}
    pages = sorted(html.rglob("*.html"))
    return [p for p in pages if not skip & set(p.relative_to(html).parts) and not redirect(p)]


def test_every_page_of_the_built_book_passes_axe(built_html: Path):
    axe = require_tools()
    pages = book_pages(built_html)
    assert len(pages) > 20  # the whole book, not a preview build
    found: dict[str, list[dict]] = {}
    with static_server(built_html) as base, chromium_page() as page:
        for path in pages:
            where = path.relative_to(built_html).as_posix()
            page.goto(f"{base}/{where}", wait_until="load", timeout=60000)
            audit(page, axe, where, found)
    summary = report(found, "bok")
    assert all(not items for where, items in found.items() if where != "_alla"), summary


def test_the_exercise_app_passes_axe(tmp_path: Path):
    axe = require_tools()
    registry = load_registry()
    kinds: dict[str, str] = {}
    for entry in registry.exercises:
        kinds.setdefault(entry.kind, entry.title)
        if entry.kind == "bedömning" and entry.level >= 2:  # the find-the-facts form
            kinds.setdefault("bedömning, hitta fakta", entry.title)
    found: dict[str, list[dict]] = {}
    with voila_app(tmp_path) as server, chromium_page() as page:
        base = server.base
        page.goto(f"{base}/", timeout=90000)
        start = page.locator(".widget-button", has_text="Börja")
        start.wait_for(timeout=90000)
        # what the browser shows while and after loading: Swedish, and the app's own name
        assert page.title() == "Övningar i ekonomiskt bistånd"
        assert page.locator("html").get_attribute("lang") == "sv"
        source = page.content()
        assert "Executing" not in source and "Running " not in source and "Övningarna laddas" in source
        audit(page, axe, "startsidan", found)
        page.locator(".widget-text input").first.fill("ny-ss-07")
        start.click()
        page.locator(".hb-open").first.wait_for(timeout=30000)
        audit(page, axe, "listan", found)
        for kind, title in kinds.items():
            page.locator(".hb-open", has_text=title).first.click()
            page.locator(".hb-exercise").first.wait_for(timeout=60000)
            page.wait_for_timeout(500)  # the form's last widgets render after the first
            audit(page, axe, f"övning ({kind})", found)
            page.locator(".widget-button", has_text="Till listan").click()
            page.locator(".hb-open").first.wait_for(timeout=30000)
    summary = report(found, "app")
    assert {"startsidan", "listan"} | {f"övning ({k})" for k in kinds} <= set(found)
    assert all(not items for where, items in found.items() if where != "_alla"), summary
