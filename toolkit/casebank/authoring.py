"""Tools for the method supervisors who write cases: the template and the validator.

The validator reads each case, refuses an unreviewed draft and personal data, checks the
skills and the teaching point, and compares the engine with the hand-worked key. A
disagreement is reported for a person to resolve: the key is never changed here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..assessment import Assessment, assess
from ..case import Case, FieldPath, load_case
from ..errors import InputError, MissingParameterError
from ..money import format_kr
from ..rules import load_rules
from . import CASES, case_paths, display
from .guard import scan_file
from .skills import Skill, load_skills
from .teaching import CONDITIONS, failing, unknown

TEMPLATE = Path(__file__).resolve().parent / "template.yaml"
MIN_CASES_PER_SKILL = 3


def template(case_id: str) -> str:
    """The commented template for a new case, with its id filled in."""
    text = TEMPLATE.read_text(encoding="utf-8")
    return text.replace("id: nytt-fall ", f"id: {case_id} ", 1)


def write_template(case_id: str, folder: Path = CASES, *, target: Path | None = None) -> Path:
    """Write the template as a new case file; refuses to overwrite an existing file."""
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", case_id):
        raise InputError(f"'{case_id}' kan inte vara ett id: använd bara a–z, 0–9 och bindestreck")
    path = Path(target) if target else Path(folder) / f"{case_id}.yaml"
    if path.stem != case_id:
        raise InputError(f"filen ska heta {case_id}.yaml, samma som fallets id", file=str(path))
    if path.exists():
        raise InputError("filen finns redan; välj ett annat id eller ta bort filen först", file=display(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(case_id), encoding="utf-8")
    return path


@dataclass
class CaseCheck:
    """What the validator found for one case file."""

    path: Path
    case: Case | None = None
    result: Assessment | None = None
    problems: list[str] = field(default_factory=list)  # the case cannot be used as it is
    disagreements: list[str] = field(default_factory=list)  # engine and key differ: a person decides

    @property
    def ok(self) -> bool:
        return not self.problems and not self.disagreements


def _where(case: Case, path: FieldPath) -> str:
    line = case.line(path)
    return f"rad {line}: " if line else ""


def compare_key(case: Case, result: Assessment) -> list[str]:
    """Where the engine's result differs from the hand-worked key, in Swedish."""
    key = case.key
    assert key is not None
    out = []
    pairs = [
        ("belopp", "försörjningsstöd", key.amount, result.amount),
        ("riksnorm", "riksnorm", key.riksnorm, result.riksnorm),
        ("skäliga_kostnader", "skäliga kostnader", key.costs, result.costs),
        ("räknade_inkomster", "räknade inkomster", key.incomes, result.incomes),
    ]
    if key.adjustments is not None:
        pairs.append(("justeringar", "justeringar", key.adjustments * 100, result.adjustments))
    for field_name, what, expected, got in pairs:
        if expected is not None and expected != got:
            out.append(
                f"{_where(case, ('facit', field_name))}facit säger {what} {format_kr(expected)}, "
                f"toolkit räknar {format_kr(got)}"
            )
    decision = key.decision or ("avslag" if key.amount == 0 else "bifall")
    if decision != result.decision:
        out.append(f"{_where(case, ('facit', 'beslut'))}facit säger {decision}, toolkit säger {result.decision}")
    return out


def check_case(path: Path, skills: dict[str, Skill], *, variants: bool = True) -> CaseCheck:
    """Validate one case file: schema, review mark, personal data, skills, key and teaching point."""
    check = CaseCheck(Path(path))
    name = display(path)
    for finding in scan_file(Path(path), display=name):
        check.problems.append(f"personuppgift: {finding.describe()}")
    try:
        case = load_case(path, display=name)
    except InputError as error:
        check.problems.append(error.describe())
        return check
    check.case = case
    if not case.reviewed:
        check.problems.append(
            f"{name}: {_where(case, ('granskad',))}utkastet är inte granskat (granskad: false). En annan person "
            "ska granska att texten inte innehåller personuppgifter och räkna om facit; sätt sedan granskad: true"
        )
    for i, skill in enumerate(case.skills):
        if skill not in skills:
            check.problems.append(
                f"{name}: {_where(case, ('färdigheter', i))}okänd färdighet '{skill}' "
                f"(finns i casebank/skills.yaml: {', '.join(skills)})"
            )
    if not case.skills:
        check.problems.append(f"{name}: fallet anger ingen färdighet (fältet färdigheter)")
    if case.key is None:
        check.problems.append(f"{name}: facit saknas; räkna beloppet för hand och skriv det under facit")
    point = case.teaching_point
    if point is not None:
        for i, condition in enumerate(point.conditions):
            if condition in unknown(point.conditions):
                check.problems.append(
                    f"{name}: {_where(case, ('lärandemål', 'villkor', i))}okänt villkor "
                    f"'{condition}' (finns: {', '.join(CONDITIONS)})"
                )
    try:
        rules = load_rules(case.municipality)
        result = assess(case, rules)
    except InputError as error:
        check.problems.append(f"{name}: {error.describe()}")
        return check
    except MissingParameterError as error:
        check.problems.append(f"{name}: beräkningen går inte att göra: {error}")
        return check
    check.result = result
    if case.key is not None:
        for text in compare_key(case, result):
            check.disagreements.append(f"{name}: {text}")
    if point is not None:
        for condition in failing(case, result, rules, point.conditions):
            check.problems.append(
                f"{name}: lärandemålet håller inte: villkoret '{condition}' "
                f"({CONDITIONS[condition].describe(rules, case.month)}) gäller inte för fallet"
            )
    if variants and case.variation is not None and check.ok:
        from .variants import VariantError, make_variant

        try:
            make_variant(path, seed=1, rules=rules)
        except VariantError as error:
            check.problems.append(f"{name}: {error}")
    return check


@dataclass
class BankCheck:
    cases: list[CaseCheck]
    problems: list[str]  # across the bank (coverage)
    coverage: dict[str, Counter]  # skill -> Counter(level -> cases)

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self.cases)


def coverage(cases: list[Case], skills: dict[str, Skill]) -> dict[str, Counter]:
    """Cases per skill and level."""
    table: dict[str, Counter] = {skill: Counter() for skill in skills}
    for case in cases:
        for skill in case.skills:
            table.setdefault(skill, Counter())[case.level] += 1
    return table


def check_bank(paths: list[Path] | None = None, *, folder: Path = CASES, variants: bool = True) -> BankCheck:
    """Validate the given case files, or the whole bank (then also the skill coverage)."""
    skills = load_skills()
    whole = not paths
    files = case_paths(folder) if not paths else [Path(p) for p in paths]
    checks = [check_case(path, skills, variants=variants) for path in files]
    cases = [c.case for c in checks if c.case is not None]
    table = coverage(cases, skills)
    problems = []
    if whole:
        if not files:
            problems.append(f"det finns inga fall i {display(folder)}")
        ids = Counter(case.id for case in cases)
        problems += [f"id '{case_id}' finns i {count} fall" for case_id, count in ids.items() if count > 1]
        for skill, levels in table.items():
            total = sum(levels.values())
            if total < MIN_CASES_PER_SKILL and not (skill in skills and skills[skill].exercises_only):
                problems.append(f"färdigheten '{skill}' övas bara i {total} fall (minst {MIN_CASES_PER_SKILL} behövs)")
    return BankCheck(checks, problems, table)


def coverage_table(table: dict[str, Counter], skills: dict[str, Skill]) -> str:
    """Cases per skill and level as a plain text table."""
    width = max(len(skill) for skill in table) + 2
    lines = [f"{'Färdighet':<{width}}{'nivå 1':>8}{'nivå 2':>8}{'nivå 3':>8}{'summa':>8}"]
    for skill, levels in table.items():
        lines.append(
            f"{skill:<{width}}" + "".join(f"{levels.get(n, 0):>8}" for n in (1, 2, 3)) + f"{sum(levels.values()):>8}"
        )
    return "\n".join(lines)


def level_counts(cases: list[Case]) -> Counter:
    return Counter(case.level for case in cases)


__all__ = [
    "CaseCheck",
    "BankCheck",
    "check_case",
    "check_bank",
    "compare_key",
    "coverage",
    "coverage_table",
    "template",
    "write_template",
]
