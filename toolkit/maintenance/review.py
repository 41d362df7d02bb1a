"""Review when rules change: which routine pages, exercises and cases to read again.

Every routine page declares in its front matter the rule values it relies on (`regler`: stems
of the files in toolkit/parameters, and `kommun` for the municipality file) and when it was
last reviewed (`granskad`). The exercise registry (casebank/ovningar.yaml) says which routine
each exercise notebook belongs to, which skills it trains and which case it is on (a notebook's
own metadata {"handbok": {"rutin": ..., "färdigheter": [...]}} is read too, and wins).
After a parameter changes, `python -m toolkit review --changed riksnorm` (or `--since REV`,
which asks git what changed) prints a checklist: next year's update is a list, not a hunt.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import settings
from ..yamlfile import loads

ROOT = settings.project_root()
PARAMETERS = Path("toolkit") / "parameters"
MUNICIPAL = "kommun"

# Rule values every assessment of a case reads, whatever the case trains.
ASSESSMENT_RULES = ("riksnorm", "lagrum", "inkomsttyper", "kostnadstyper", MUNICIPAL)

# Which rule values an exercise relies on through the skills it trains (casebank/skills.yaml).
SKILL_RULES: dict[str, tuple[str, ...]] = {
    "riksnorm": ("riksnorm", "lagrum"),
    "hushållsgemenskap": ("riksnorm", "lagrum"),
    "inkomster": ("inkomsttyper", "lagrum"),
    "jobbstimulans": ("jobbstimulans", "lagrum"),
    "barns_inkomster": ("barns_inkomster", "prisbasbelopp", "lagrum"),
    "boende_och_rådrum": ("kostnadstyper", MUNICIPAL),
    "umgänge": ("riksnorm", MUNICIPAL, "lagrum"),
    "kontroll": ("inkomsttyper",),
    "budgetrådgivning": ("riksnorm",),
    "långvarigt_bistånd": ("jobbstimulans",),
}

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*(\n|\Z)", re.DOTALL)


@dataclass
class Page:
    path: str
    title: str
    rules: list[str]
    reviewed: date | None


@dataclass
class Exercise:
    path: str
    title: str
    routine: str | None
    skills: list[str]
    cases: list[str]
    explicit_rules: list[str] = field(default_factory=list)

    def rules(self, case_rules: dict[str, set[str]]) -> dict[str, list[str]]:
        """Each rule value the exercise relies on, with why (the skill, the case or its metadata)."""
        found: dict[str, list[str]] = {}
        for rule in self.explicit_rules:
            found.setdefault(rule, []).append("metadata")
        for skill in self.skills:
            for rule in SKILL_RULES.get(skill, ()):
                found.setdefault(rule, []).append(f"färdighet {skill}")
        for case in self.cases:
            for rule in sorted(case_rules.get(case, set())):
                found.setdefault(rule, []).append(f"fall {case}")
        return found


@dataclass
class Case:
    id: str
    path: str
    month: str | None
    skills: list[str]

    @property
    def rules(self) -> set[str]:
        rules = set(ASSESSMENT_RULES)
        for skill in self.skills:
            rules.update(SKILL_RULES.get(skill, ()))
        return rules


@dataclass
class Change:
    rule: str
    files: list[str]
    when: date | None
    years: list[int] | None = None  # the years whose values changed, where git could tell


@dataclass
class Report:
    changes: list[Change]
    pages: list[tuple[Page, list[str], bool]]          # page, changed rules it relies on, reviewed before the change
    exercises: list[tuple[Exercise, dict[str, list[str]]]]
    cases: list[tuple[Case, list[str]]]
    unknown_rules: list[tuple[str, str]]               # (page or exercise, rule) not in toolkit/parameters


# -- reading the book -----------------------------------------------------------------------------
def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown page ({} when it has none)."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        return {}
    data = loads(match.group(1), display=str(path))
    return dict(data) if data else {}


def _title(text: str, fallback: str) -> str:
    """The first level-1 heading outside the front matter and code blocks."""
    text = _FRONT_MATTER.sub("", text)
    text = re.sub(r"^(```|~~~).*?^\1", "", text, flags=re.MULTILINE | re.DOTALL)
    match = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else fallback


def _as_date(value) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def rule_stems(root: Path = ROOT) -> set[str]:
    """The rule values a page may declare: the parameter files' stems and 'kommun'."""
    return {p.stem for p in (root / PARAMETERS).glob("*.yaml")} | {MUNICIPAL}


def pages(root: Path = ROOT) -> list[Page]:
    """Every page of the book under book/ (intro and chapters) with its declared rules and review date."""
    found = []
    for path in [root / "book" / "intro.md", *sorted((root / "book" / "chapters").glob("*.md"))]:
        if not path.is_file():
            continue
        meta = front_matter(path)
        text = path.read_text(encoding="utf-8")
        found.append(Page(str(path.relative_to(root)), _title(text, path.stem),
                          [str(r) for r in meta.get("regler") or []], _as_date(meta.get("granskad"))))
    return found


def _notebook_sources(nb: dict, kind: str) -> list[str]:
    return ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else c.get("source", "")
            for c in nb.get("cells", []) if c.get("cell_type") == kind]


def _registry(root: Path) -> dict[str, dict]:
    """The exercise registry's entries by notebook, read leniently (review is no validator)."""
    path = root / "casebank" / "ovningar.yaml"
    try:
        data = loads(path.read_text(encoding="utf-8"), display=str(path)) or {}
    except Exception:  # no registry, or a broken one: the registry's own checks report it
        return {}
    return {str(e.get("notebook")): dict(e) for e in data.get("övningar") or [] if isinstance(e, dict)}


def exercises(root: Path = ROOT) -> list[Exercise]:
    """Every exercise notebook with its routine, skills and the case-bank cases it is on."""
    case_ids = {p.stem for p in (root / "casebank" / "cases").glob("*.yaml")}
    registry = _registry(root)
    found = []
    for path in sorted((root / "book" / "exercises").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = {**registry.get(path.stem, {}), **((nb.get("metadata") or {}).get("handbok") or {})}
        code = "\n".join(_notebook_sources(nb, "code"))
        literals = set(re.findall(r"[\"']([a-z0-9][a-z0-9-]*)[\"']", code)) | {str(meta.get("fall"))}
        markdown = "\n".join(_notebook_sources(nb, "markdown"))
        skills = meta.get("färdigheter") or []
        found.append(Exercise(str(path.relative_to(root)), _title(markdown, path.stem), meta.get("rutin"),
                              [skills] if isinstance(skills, str) else list(skills),
                              sorted(literals & case_ids), list(meta.get("regler") or [])))
    return found


def cases(root: Path = ROOT) -> list[Case]:
    """Every case in casebank/cases with its month and skills (read leniently: review is no validator)."""
    found = []
    for path in sorted((root / "casebank" / "cases").glob("*.yaml")):
        try:
            data = loads(path.read_text(encoding="utf-8"), display=str(path)) or {}
        except Exception:  # a broken case is reported by the case-bank checks, not here
            data = {}
        skills = data.get("färdigheter") or []
        found.append(Case(path.stem, str(path.relative_to(root)),
                          str(data["månad"]) if data.get("månad") else None, list(skills)))
    return found


EXERCISE_LINK = re.compile(r"\{doc\}`(?:[^`<]*<)?\.\./exercises/([A-Za-z0-9_-]+)>?`")


def toc_files(root: Path = ROOT) -> list[str]:
    """Every file in _toc.yml, in reading order (without suffix, relative to the root)."""
    data = loads((root / "_toc.yml").read_text(encoding="utf-8"), display="_toc.yml")
    found = [str(data["root"])]

    def walk(items) -> None:
        for item in items or []:
            if "file" in item:
                found.append(str(item["file"]))
            walk(item.get("sections"))
            walk(item.get("chapters"))

    for part in data.get("parts") or []:
        walk(part.get("chapters"))
    walk(data.get("chapters"))
    return found


def linked_exercises(path: Path) -> list[str]:
    """The exercise notebooks a chapter links to with {doc}`../exercises/<name>`, in order."""
    return list(dict.fromkeys(EXERCISE_LINK.findall(path.read_text(encoding="utf-8"))))


def chapter_exercises(root: Path = ROOT) -> list[tuple[Page, list[str]]]:
    """The chapters in reading order, each with the exercises it links to."""
    by_path = {p.path: p for p in pages(root)}
    out = []
    for file in toc_files(root):
        path = f"{file}.md"
        if path in by_path and path.startswith("book/chapters/"):
            out.append((by_path[path], linked_exercises(root / path)))
    return out


# -- what changed ----------------------------------------------------------------------------------
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


def _files_of(root: Path, rule: str) -> list[str]:
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


def _years(data) -> set[int]:
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


def _entries_by_year(data) -> dict[int, list[str]]:
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
    return [Change(rule, _files_of(root, rule), last_change(root, _files_of(root, rule)), years)
            for rule in dict.fromkeys(rules)]


# -- the report ------------------------------------------------------------------------------------
def review(root: Path, changes: list[Change]) -> Report:
    """The pages, exercises and cases that rely on a changed rule value."""
    changed = {c.rule: c for c in changes}
    known = rule_stems(root)
    all_cases = cases(root)
    case_rules = {c.id: c.rules for c in all_cases}
    report = Report(changes, [], [], [], [])
    for page in pages(root):
        report.unknown_rules += [(page.path, r) for r in page.rules if r not in known]
        hit = [r for r in page.rules if r in changed]
        if hit:
            stale = page.reviewed is None or any(
                changed[r].when is not None and page.reviewed < changed[r].when for r in hit)
            report.pages.append((page, hit, stale))
    for exercise in exercises(root):
        relied = exercise.rules(case_rules)
        report.unknown_rules += [(exercise.path, r) for r in exercise.explicit_rules if r not in known]
        hit = {r: why for r, why in relied.items() if r in changed}
        if hit:
            report.exercises.append((exercise, hit))
    for case in all_cases:
        hit = []
        for rule in sorted(case.rules & set(changed)):
            years = changed[rule].years
            if years is None or (case.month and int(case.month[:4]) in years):
                hit.append(rule)
        if hit:
            report.cases.append((case, hit))
    return report


def stale_pages(root: Path = ROOT) -> list[tuple[Page, list[tuple[str, date]]]]:
    """Pages reviewed before the last change of a rule value they rely on (or never reviewed)."""
    when = {rule: last_change(root, _files_of(root, rule)) for rule in rule_stems(root)}
    out = []
    for page in pages(root):
        newer = [(r, when[r]) for r in page.rules if when.get(r) and (page.reviewed is None or page.reviewed < when[r])]
        if newer or (page.rules and page.reviewed is None):
            out.append((page, newer))
    return out


def format_report(report: Report) -> str:
    """The checklist in Swedish, one line per page, exercise and case."""
    out = ["Ändrade regelvärden:"]
    for change in report.changes:
        years = ("" if change.years is None else
                 f"; år som ändrats: {', '.join(map(str, change.years)) or 'inga daterade värden'}")
        when = f", ändrad {change.when}" if change.when else ""
        out.append(f"  - {change.rule} ({', '.join(change.files)}{when}{years})")
    out += ["", f"Sidor att granska igen ({len(report.pages)}):"]
    for page, hit, stale in report.pages:
        note = "granskad före ändringen" if stale else "granskad efter ändringen"
        out.append(f"  [ ] {page.path} – {page.title} (bygger på {', '.join(hit)}; "
                   f"granskad {page.reviewed or 'aldrig'}: {note})")
    out += ["", f"Övningar att granska igen ({len(report.exercises)}):"]
    for exercise, hit in report.exercises:
        why = "; ".join(f"{rule}: {', '.join(dict.fromkeys(reasons))}" for rule, reasons in hit.items())
        routine = f", rutin {exercise.routine}" if exercise.routine else ""
        out.append(f"  [ ] {exercise.path} – {exercise.title}{routine} ({why})")
    out += ["", f"Fall vars facit ska räknas om för hand och granskas ({len(report.cases)}):"]
    for case, hit in report.cases:
        out.append(f"  [ ] {case.path} (månad {case.month or '?'}; bygger på {', '.join(hit)})")
    if report.unknown_rules:
        out += ["", "Okända regelvärden i sidornas eller övningarnas metadata (rätta dem):"]
        out += [f"  - {where}: {rule}" for where, rule in report.unknown_rules]
    out += ["", "När du har granskat en sida: skriv dagens datum i sidans granskad: i början av filen."]
    return "\n".join(out)


def report_json(report: Report) -> dict:
    return {
        "ändringar": [{"regel": c.rule, "filer": c.files, "ändrad": str(c.when) if c.when else None,
                       "år": c.years} for c in report.changes],
        "sidor": [{"sida": p.path, "titel": p.title, "regler": hit, "granskad": str(p.reviewed) if p.reviewed else None,
                   "granskad_före_ändringen": stale} for p, hit, stale in report.pages],
        "övningar": [{"övning": e.path, "titel": e.title, "rutin": e.routine, "regler": hit}
                     for e, hit in report.exercises],
        "fall": [{"fall": c.path, "månad": c.month, "regler": hit} for c, hit in report.cases],
        "okända_regler": [{"var": w, "regel": r} for w, r in report.unknown_rules],
    }


def _run(args: argparse.Namespace) -> int:
    root = Path(args.root) if args.root else ROOT
    if not args.changed and not args.since:
        stale = stale_pages(root)
        if not stale:
            print("Alla sidor är granskade efter den senaste ändringen av regelvärdena de bygger på.")
            return 0
        print(f"Sidor som granskades före den senaste ändringen av sina regelvärden ({len(stale)}):")
        for page, newer in stale:
            detail = ", ".join(f"{rule} ändrad {when}" for rule, when in newer) or "granskad saknas"
            print(f"  [ ] {page.path} – {page.title} (granskad {page.reviewed or 'aldrig'}; {detail})")
        return 1
    try:
        changes = changes_since(root, args.since) if args.since else []
        if args.changed:
            changes += changes_named(root, args.changed, args.years)
    except ValueError as error:
        from ..errors import InputError
        raise InputError(str(error)) from None
    report = review(root, changes)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False, indent=2))
    else:
        print(format_report(report) if changes else "Inga regelvärden har ändrats.")
    return 0


def register(subparsers) -> None:
    """`python -m toolkit review`: the checklist of pages, exercises and cases to review again."""
    parser = subparsers.add_parser(
        "review", help="lista sidor, övningar och fall att granska igen när ett regelvärde ändras",
        description="Utan argument: sidor som granskades före den senaste ändringen av sina regelvärden "
                    "(slutkod 1 om någon finns).")
    parser.add_argument("--changed", nargs="+", metavar="REGEL",
                        help="regelvärden som har ändrats: filnamn i toolkit/parameters utan .yaml, eller kommun")
    parser.add_argument("--since", metavar="REVISION",
                        help="jämför toolkit/parameters med en git-revision (till exempel HEAD~3 eller en tagg)")
    parser.add_argument("--år", dest="years", type=int, nargs="+", metavar="ÅR",
                        help="med --changed: bara fall i dessa år (standard: alla fall)")
    parser.add_argument("--json", action="store_true", help="skriv resultatet som JSON")
    parser.add_argument("--root", help=argparse.SUPPRESS)
    parser.set_defaults(run=_run)
