"""What changed: the rule values whose files git sees changed, the years of their entries that
changed, and when each last changed."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from ...yamlfile import loads
from .book import rule_stems
from .model import MUNICIPAL, PARAMETERS, Change


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        raise ValueError(f"git {' '.join(args)} misslyckades: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout


def rule_of(path: str) -> str | None:
    """'toolkit/parameters/riksnorm.yaml' -> 'riksnorm'; a municipality file -> 'kommun'."""
    p = Path(path)
    try:
        rel = p.relative_to(PARAMETERS)
    except ValueError:
        return None
    if p.suffix not in {".yaml", ".yml"}:
        return None
    return MUNICIPAL if rel.parts[0] == "kommuner" else p.stem


def files_of(root: Path, rule: str) -> list[str]:
    """The files that hold a rule value (every municipality file for 'kommun')."""
    if rule == MUNICIPAL:
        return sorted(str(p.relative_to(root)) for p in (root / PARAMETERS / "kommuner").glob("*.yaml"))
    return [str(PARAMETERS / f"{rule}.yaml")]


def last_change(root: Path, files: list[str]) -> date | None:
    """When the files last changed: today if the working tree differs from the last commit,
    else the date of the last commit that touched them; None outside git."""
    try:
        if _git(root, "status", "--porcelain", "--", *files).strip():
            return date.today()
        stamp = _git(root, "log", "-1", "--format=%cs", "--", *files).strip()
    except (ValueError, FileNotFoundError):
        return None
    return date.fromisoformat(stamp) if stamp else None


def _years(data: Any) -> set[int]:
    """The years of a parameter file's dated entries (periods by 'från', values by 'år')."""
    years: set[int] = set()
    for key in ("perioder", "värden", "inställningar"):
        for item in (data or {}).get(key) or []:
            if "år" in item:
                years.add(int(item["år"]))
            elif "från" in item:
                start = date.fromisoformat(str(item["från"]))
                end = date.fromisoformat(str(item["till"])) if item.get("till") else None
                years.update(range(start.year, (end.year if end else start.year) + 1))
    return years


def _entries_by_year(data: Any) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for key in ("perioder", "värden", "inställningar"):
        for item in (data or {}).get(key) or []:
            text = json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
            for year in _years({key: [item]}):
                out.setdefault(year, []).append(text)
    return out


def changed_years(root: Path, rev: str, path: str) -> list[int] | None:
    """The years whose entries differ between rev and the working tree; None if not dated."""
    try:
        old_text = _git(root, "show", f"{rev}:{path}")
    except ValueError:
        old_text = ""
    new_path = root / path
    old = loads(old_text, display=f"{rev}:{path}") if old_text.strip() else {}
    new = loads(new_path.read_text(encoding="utf-8"), display=path) if new_path.is_file() else {}
    before, after = _entries_by_year(old), _entries_by_year(new)
    if not before and not after:
        return None
    return sorted(y for y in set(before) | set(after) if before.get(y) != after.get(y))


def changes_since(root: Path, rev: str) -> list[Change]:
    """The rule values whose files differ between the revision and the working tree."""
    names = _git(root, "diff", "--name-only", rev, "--", str(PARAMETERS)).split()
    names += _git(root, "ls-files", "--others", "--exclude-standard", "--", str(PARAMETERS)).split()
    by_rule: dict[str, list[str]] = {}
    for name in sorted(set(names)):
        rule = rule_of(name)
        if rule:
            by_rule.setdefault(rule, []).append(name)
    changes = []
    for rule, files in sorted(by_rule.items()):
        years: set[int] = set()
        known = True
        for file in files:
            found = changed_years(root, rev, file)
            if found is None:
                known = False
            else:
                years.update(found)
        changes.append(Change(rule, files, last_change(root, files), sorted(years) if known else None))
    return changes


def changes_named(root: Path, rules: list[str], years: list[int] | None = None) -> list[Change]:
    """Changes named by hand (--changed riksnorm): the files and when git last saw them change."""
    known = rule_stems(root)
    unknown = [r for r in rules if r not in known]
    if unknown:
        raise ValueError(f"okänt regelvärde: {', '.join(unknown)} (finns: {', '.join(sorted(known))})")
    return [
        Change(rule, files_of(root, rule), last_change(root, files_of(root, rule)), years)
        for rule in dict.fromkeys(rules)
    ]
