"""Checks of the parameter tree, and the procedure that adds next year's riksnorm.

`python -m toolkit parameters check` validates every file against its schema and checks
that dated periods do not overlap. `python -m toolkit parameters add-year FILE` adds one
riksnorm period, read by a person from the statute, and lists the cases whose result
changes, so their keys (facit) can be reviewed by hand.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path

from .. import settings
from ..errors import InputError, MissingParameterError, ToolkitError
from ..rules import FILES, PARAMETERS, Rules, display_path
from ..schemas.budget import CategoriesFile, ReferenceFile
from ..schemas.common import Dated
from ..schemas.plan import PlanRulesFile
from ..schemas.riksnorm import RiksnormFile, RiksnormPeriod
from ..yamlfile import load, load_model, validate

PROJECT = settings.project_root()


def _overlaps(name: str, periods: Iterable[Dated]) -> list[str]:
    problems = []
    ordered = sorted(periods, key=lambda p: p.start)
    for before, after in pairwise(ordered):
        if before.end is None or before.end >= after.start:
            problems.append(f"{name}: perioden från {before.start} överlappar perioden från {after.start}")
    return problems


def _other_files(root: Path, rules: Rules) -> list[str]:
    """The budget and plan parameters, loaded through their schemas, and the budget
    categories' links to the reference costs and the cost types."""
    problems = []
    for name, model in (
        ("budgetkategorier.yaml", CategoriesFile),
        ("konsumentverket.yaml", ReferenceFile),
        ("planregler.yaml", PlanRulesFile),
    ):
        try:
            load_model(model, root / name, display=display_path(root / name))
        except ToolkitError as error:
            problems.append(str(error))
    from ..decision.model import DecisionRulesFile

    try:
        load_model(DecisionRulesFile, root / "beslut.yaml", display=display_path(root / "beslut.yaml"))
    except ToolkitError as error:
        problems.append(str(error))
    if not problems:
        from ..budget.data import BudgetData

        try:
            BudgetData(root, rules)
        except ToolkitError as error:
            problems.append(str(error))
    return problems


def _control(rules: Rules) -> list[str]:
    """kontroll.yaml: its change warning periods, and every action's rule in lagrum.yaml."""
    name = FILES["kontroll"]
    problems = _overlaps(f"{name} (ändringsvarning)", rules.control_file.change_warning)
    for action in rules.control_actions:
        if action.rule is not None and action.rule not in rules.lagrum.rules:
            problems.append(
                f"{name}: åtgärden {action.id} pekar på lagrummet '{action.rule}' som inte finns i "
                f"{FILES['lagrum']} (finns: {', '.join(rules.lagrum.rules)})"
            )
    return problems


def _method_files(root: Path) -> list[str]:
    """The method's limits, the holiday list and the long-term and run-chart definitions."""
    from ..schemas.improvement import LongTermFile, RunChartFile
    from ..schemas.method import HolidayFile, MethodFile

    problems = []
    for name, model in (
        ("metod.yaml", MethodFile),
        ("helgdagar.yaml", HolidayFile),
        ("langvarighet.yaml", LongTermFile),
        ("seriediagram.yaml", RunChartFile),
    ):
        try:
            loaded, _ = load_model(model, root / name, display=display_path(root / name))
        except ToolkitError as error:
            problems.append(str(error))
            continue
        problems += _overlaps(name, getattr(loaded, "periods", []))
    return problems


def check_parameters(root: Path = PARAMETERS) -> tuple[list[str], list[str]]:
    """Validate the whole tree. Returns (problems, summary lines)."""
    problems: list[str] = []
    try:
        rules = Rules(root)
    except ToolkitError as error:
        return [str(error)], []
    problems += _overlaps("riksnorm.yaml", rules.riksnorm_file.periods)
    problems += _overlaps("jobbstimulans.yaml", rules.jobbstimulans_periods)
    problems += _overlaps("barns_inkomster.yaml", rules.child_earnings_periods)
    problems += _control(rules)
    for rule, legal in rules.lagrum.rules.items():
        problems += _overlaps(f"lagrum.yaml ({rule})", legal.wordings)
    years = [value.year for value in rules.prisbasbelopp_file.values]
    if len(years) != len(set(years)):
        problems.append("prisbasbelopp.yaml: samma år står flera gånger")
    municipalities = sorted((root / "kommuner").glob("*.yaml"))
    for path in municipalities:
        try:
            model = rules.load_municipality(path.stem)
            problems += _overlaps(display_path(path), model.settings)
        except ToolkitError as error:
            problems.append(str(error))
    problems += _other_files(root, rules)
    problems += _method_files(root)
    totals_only = [p.start.year for p in rules.riksnorm_file.periods if p.personal is None]
    summary = [
        f"Riksnorm med hela tabellen: {', '.join(map(str, rules.riksnorm_years()))}",
        f"Riksnorm med bara summor: {', '.join(map(str, totals_only)) or 'inga'}",
        f"Prisbasbelopp: {', '.join(map(str, sorted(years)))}",
        f"Regler med lagrum: {len(rules.lagrum.rules)}",
        f"Lagrum för handläggningen: {len(rules.lagrum.in_area('handläggning'))}",
        f"Kommuner: {', '.join(p.stem for p in municipalities)}",
    ]
    if not problems:
        summary.append("Parametrarna är giltiga.")
    return problems, summary


def case_files(project: Path = PROJECT) -> list[Path]:
    """Every case with a key: the case bank and the golden test cases."""
    return sorted((project / "casebank" / "cases").glob("*.yaml")) + sorted(
        (project / "tests" / "golden").glob("*.yaml")
    )


def _results(root: Path, project: Path = PROJECT) -> dict[str, str]:
    from ..assessment import assess
    from ..case import load_case

    rules = Rules(root)
    out = {}
    for path in case_files(project):
        try:
            case = load_case(path)
            result = assess(
                case,
                rules
                if not case.municipality or case.municipality == rules.municipality_slug
                else Rules(root, case.municipality),
            )
            out[display_path(path)] = f"{result.amount // 100} kr"
        except MissingParameterError:
            out[display_path(path)] = "saknar värde"
        except InputError as error:
            out[display_path(path)] = f"fel: {error.problem}"
    return out


def add_riksnorm_period(
    file: str, *, write: bool = True, parameters: Path = PARAMETERS, project: Path = PROJECT
) -> int:
    """Add one riksnorm period from FILE (same form as an item under 'perioder' in
    riksnorm.yaml) and print the cases whose result changes. Returns an exit code."""
    data = load(file)
    period = validate(RiksnormPeriod, data, display=file)
    target = parameters / "riksnorm.yaml"
    current, _ = load_model(RiksnormFile, target, display=display_path(target))
    overlap = _overlaps("riksnorm.yaml", [*current.periods, period])
    if overlap:
        raise InputError(overlap[0], file=file)
    before = _results(parameters, project)
    with tempfile.TemporaryDirectory() as tmp:
        trial = Path(tmp) / "parameters"
        shutil.copytree(parameters, trial)
        text = Path(file).read_text(encoding="utf-8").rstrip("\n")
        block = "\n" + "\n".join(
            ("  - " if i == 0 else "    ") + line if line else ""
            for i, line in enumerate(x for x in text.splitlines() if not x.startswith("#"))
        )
        new_text = target.read_text(encoding="utf-8").rstrip("\n") + "\n" + block + "\n"
        (trial / "riksnorm.yaml").write_text(new_text, encoding="utf-8")
        problems, _ = check_parameters(trial)
        if problems:
            raise InputError(problems[0], file=file)
        after = _results(trial, project)
    changed = [(name, before[name], after[name]) for name in before if before[name] != after[name]]
    print(f"Ny period {period.start}–{period.end or '…'} ({period.source.describe()}).")
    if changed:
        print("Fall vars resultat ändras (granska deras facit för hand):")
        for name, old, new in changed:
            print(f"  {name}: {old} → {new}")
    else:
        print("Inget fall ändrar resultat.")
    if write:
        target.write_text(new_text, encoding="utf-8")
        print(f"Skrev perioden till {display_path(target)}. Kör nu: python -m toolkit parameters check")
    else:
        print("Provkörning: ingenting skrevs.")
    return 0
