"""Seeded variants of a case: new ages, amounts and month, the same teaching point.

A case declares its bounds (`variation: {månader, ålder, belopp_procent}`) and its teaching
point (`lärandemål.villkor`). A variant draws, from a seed:
- a month in the declared range (history months such as jobbstimulans_från move with it);
- for each distinct age, a change of at most ± `ålder` years;
- for each distinct amount of 100 kr or more, a change of at most ± `belopp_procent` percent,
  rounded like the original (to hundreds, tens or kronor). Amounts set by law or by
  Försäkringskassan's fixed tables (the income types with `fast_belopp: true` in
  parameters/inkomsttyper.yaml) and the adjustments keep their values.
The narrative and the documents are rewritten to match: every date and month name moves
with the month, every "N år" of a person's age and every amount of the case changes with
it. In a document that shows one of the case's amounts (a pay slip, a rent notice), the
other kronor amounts change in the same proportion and a difference such as gross pay −
tax = net pay is kept exact.

The variant's key is recomputed by the engine: this is the one place where the toolkit
produces a key, because the variant's numbers are new. The variant is rejected, and the
next draw tried, unless the case is still valid, every condition of the teaching point
still holds and the decision (bifall/avslag) is the same as in the original.

The seed is a pure function of trainee, exercise and cohort (and the attempt), so a trainee
who retakes the exercise in a new cohort, or makes a new attempt, gets new numbers, and two
trainees side by side get different ones.
"""

from __future__ import annotations

import copy
import hashlib
import io
import random
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from ..assessment import Assessment, assess
from ..case import Case, load_case, parse_case
from ..errors import InputError, MissingParameterError, ToolkitError
from ..money import format_kr, kronor_json
from ..months import Month
from ..rules import Rules, load_rules
from ..textfile import read_text
from ..yamlfile import loads, read_only
from . import display
from .guard import find
from .rewrite import MIN_VARIED_AMOUNT, rewrite
from .teaching import CONDITIONS, failing

MAX_TRIES = 200


class VariantError(ToolkitError):
    """No variant within the case's bounds keeps its teaching point, or the case has no bounds."""


def seed_for(trainee: str, exercise: str, cohort: str, attempt: int = 1) -> int:
    """The variant seed for one trainee's attempt at one exercise in one cohort.

    A pure function (SHA-256 of the four values), so the same trainee gets the same numbers
    when the page is reloaded, and new numbers in a new cohort or a new attempt.
    """
    text = "\x1f".join((cohort.strip(), trainee.strip(), exercise.strip(), str(attempt)))
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:6], "big")


@dataclass(frozen=True)
class Draw:
    """The changes of one candidate variant."""

    month: Month
    month_shift: int
    ages: dict[int, int]  # original age -> new age
    amounts: dict[int, int]  # original kronor -> new kronor
    kept: frozenset[int] = frozenset()  # the case's other amounts, which never change


@dataclass
class Variant:
    data: CommentedMap
    case: Case
    result: Assessment
    seed: int
    tries: int
    draw: Draw
    text: str  # the variant's file, as dumped from data and read back into case

    def yaml(self) -> str:
        return self.text


# -- drawing ------------------------------------------------------------------------------------
def _granularity(value: int) -> int:
    if value % 100 == 0 and value >= 1000:
        return 100
    if value % 10 == 0:
        return 10
    return 1


def _scale(value: int, percent: int) -> int:
    step = _granularity(value)
    exact = Fraction(value * (100 + percent), 100 * step)
    return max(step, int(exact + Fraction(1, 2)) * step)


def all_amounts(case: Case) -> set[int]:
    """Every amount of the case's data, in kronor."""
    values = {i.amount for i in case.incomes} | {c.amount for c in case.costs} | {a.amount for a in case.assets}
    values |= {abs(a.amount) for a in case.adjustments}
    return values | {i.earlier_this_year for i in case.incomes if i.earlier_this_year}


def varied_amounts(case: Case, rules: Rules) -> set[int]:
    """The distinct amounts a variant may change (an amount shared with a fixed item stays)."""
    fixed = {i.amount for i in case.incomes if i.type in rules.fixed_income_types()}
    fixed |= {abs(a.amount) for a in case.adjustments}
    values = {i.amount for i in case.incomes} | {c.amount for c in case.costs} | {a.amount for a in case.assets}
    values |= {i.earlier_this_year for i in case.incomes if i.earlier_this_year}
    return {v for v in values if v >= MIN_VARIED_AMOUNT and v not in fixed}


def draw(case: Case, rng: random.Random, rules: Rules) -> Draw:
    """One random candidate within the case's bounds."""
    bounds = case.variation
    assert bounds is not None
    month = case.month
    if bounds.months is not None:
        span = bounds.months.end.minus(bounds.months.start)
        month = bounds.months.start.plus(rng.randint(0, span))
    ages = {age: age + rng.randint(-bounds.age, bounds.age) for age in sorted({p.age for p in case.household})}
    amounts = {
        value: _scale(value, rng.randint(-bounds.percent, bounds.percent))
        for value in sorted(varied_amounts(case, rules))
    }
    kept = frozenset(all_amounts(case) - set(amounts))
    return Draw(month, month.minus(case.month), ages, amounts, kept)


# -- building a candidate -----------------------------------------------------------------------
def _set_text(node: Any, key: Any, text: str) -> None:
    old = node[key]
    node[key] = LiteralScalarString(text) if isinstance(old, LiteralScalarString) or "\n" in text else text


def apply(data: CommentedMap, case: Case, drawn: Draw, seed: int, rules: Rules) -> CommentedMap:
    """A copy of the case's YAML data with the drawn changes (the key is set later)."""
    new = copy.deepcopy(data)
    new["id"] = f"{case.id}-v{seed}"
    new["månad"] = str(drawn.month)
    for person in new.get("hushåll", []):
        person["ålder"] = drawn.ages.get(person["ålder"], person["ålder"])
    for field in ("inkomster", "kostnader", "tillgångar"):
        for item in new.get(field, []) or []:
            if item.get("typ") in rules.fixed_income_types() and field == "inkomster":
                continue
            item["belopp"] = drawn.amounts.get(item["belopp"], item["belopp"])
            if item.get("tidigare_i_år"):
                item["tidigare_i_år"] = drawn.amounts.get(item["tidigare_i_år"], item["tidigare_i_år"])
            if item.get("anmärkning"):
                _set_text(item, "anmärkning", rewrite(str(item["anmärkning"]), drawn))
    history = new.get("historik") or {}
    for key in ("jobbstimulans_från", "rådrum_boende_till"):
        if history.get(key):
            history[key] = str(Month.parse(str(history[key])).plus(drawn.month_shift))
    if new.get("berättelse"):
        _set_text(new, "berättelse", rewrite(str(new["berättelse"]), drawn))
    for document in new.get("dokument", []) or []:
        document["rubrik"] = rewrite(str(document["rubrik"]), drawn)
        _set_text(document, "text", rewrite(str(document["text"]), drawn, document=True))
    if "facit" in new:
        del new["facit"]
    return new


def rejection(
    original: Case, original_result: Assessment, candidate: Case, result: Assessment, rules: Rules
) -> list[str]:
    """Why a candidate is not a usable variant (empty: it keeps the teaching point)."""
    reasons = []
    conditions = original.teaching_point.conditions if original.teaching_point else []
    for name in failing(candidate, result, rules, conditions):
        reasons.append(f"lärandemålet håller inte: {CONDITIONS[name].describe(rules, candidate.month)}")
    if result.decision != original_result.decision:
        reasons.append(f"beslutet blir {result.decision}, i originalet {original_result.decision}")
    return reasons


def working(result: Assessment) -> str:
    """The variant's beräkning, line by line, as a supervisor would write it."""

    def kr(amount: int) -> str:
        return format_kr(amount).replace("\u202f", " ").replace("\u00a0", " ")

    def part(category: str, heading: str, total: int) -> str:
        lines = result.lines_in(category)
        items = " + ".join(
            f"{kr(line.amount)} ({line.post.lower()}"
            + (f", av {kr(line.reported)}" if line.reported is not None else "")
            + ")"
            for line in lines
        )
        return f"{heading}: {items or '0 kr'} = {kr(total)}."

    out = [part("riksnorm", "Riksnorm", result.riksnorm)]
    if result.lines_in("justering"):
        out.append(part("justering", "Justeringar", result.adjustments))
    out.append(part("kostnad", "Skäliga kostnader", result.costs))
    out.append(part("inkomst", "Räknade inkomster", result.incomes))
    adjust = f" + {kr(result.adjustments)}" if result.lines_in("justering") else ""
    out.append(
        f"Försörjningsstöd: {kr(result.riksnorm)}{adjust} + {kr(result.costs)} − {kr(result.incomes)} = "
        f"{kr(result.unrounded)}, avrundat {kr(result.amount)} ({result.decision})."
    )
    return "\n".join(out) + "\n"


def _key(result: Assessment, case_id: str, seed: int) -> CommentedMap:
    key = CommentedMap()
    key["belopp"] = kronor_json(result.amount)
    key["riksnorm"] = kronor_json(result.riksnorm)
    key["skäliga_kostnader"] = kronor_json(result.costs)
    key["räknade_inkomster"] = kronor_json(result.incomes)
    if result.lines_in("justering"):
        key["justeringar"] = result.adjustments // 100
    key["beslut"] = result.decision
    key["beräkning"] = LiteralScalarString(working(result))
    key["källa"] = (
        f"Variant av fallet {case_id} (frö {seed}). Facit är omräknat av toolkit eftersom variantens "
        f"belopp är nya; originalets facit är handräknat och granskat."
    )
    return key


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def dump(data: Any) -> str:
    stream = io.StringIO()
    _yaml().dump(data, stream)
    return stream.getvalue()


def make_variant(path: str | Path, seed: int, *, rules: Rules | None = None, tries: int = MAX_TRIES) -> Variant:
    """A variant of the case file for this seed; VariantError when none keeps the point."""
    path = Path(path)
    name = display(path)
    text = read_text(path, display=name)  # a regular UTF-8 file only: never a pipe or a device
    original = load_case(path, display=name)
    if original.variation is None:
        raise VariantError(
            f"{name}: fallet har ingen variation (fältet variation), så det går inte att göra en variant"
        )
    if rules is None or (original.municipality and original.municipality != rules.municipality_slug):
        rules = load_rules(original.municipality)
    original_result = assess(original, rules)
    reasons = rejection(original, original_result, original, original_result, rules)
    if reasons:
        raise VariantError(f"{name}: fallets eget lärandemål håller inte ({'; '.join(reasons)})")
    data = read_only(text, display=name, roundtrip=True)  # apply() changes a copy; comments stay
    rng = random.Random(seed)
    seen: Counter[str] = Counter()  # why candidates were turned down, for the error
    for attempt in range(1, tries + 1):
        drawn = draw(original, rng, rules)
        if (
            drawn.month_shift == 0
            and all(k == v for k, v in drawn.ages.items())
            and all(k == v for k, v in drawn.amounts.items())
        ):
            seen["samma som originalet"] += 1
            continue
        candidate_data = apply(data, original, drawn, seed, rules)
        reason = _try(candidate_data, original, original_result, rules, name)
        if isinstance(reason, str):
            seen[reason] += 1
            continue
        candidate, result = reason
        candidate_data["facit"] = _key(result, original.id, seed)
        text = dump(candidate_data)
        if find(text, declared=original.invented_names or None):  # the file as the trainee gets it
            seen["texten liknar en personuppgift"] += 1
            continue
        try:
            # The file as it will be written is read back: what a trainee gets is what was checked.
            final = parse_case(loads(text, display=name, shared=True), display=name, rules=rules)
        except InputError as error:
            seen[f"ogiltigt fall: {error.problem}"] += 1
            continue
        return Variant(candidate_data, final, result, seed, attempt, drawn, text)
    why = "; ".join(f"{reason} ({count} gånger)" for reason, count in seen.most_common())
    raise VariantError(
        f"{name}: ingen av {tries} varianter inom gränserna i fältet variation behåller "
        f"lärandemålet ({why}). Vidga eller ändra gränserna."
    )


def _try(data: CommentedMap, original: Case, original_result: Assessment, rules: Rules, name: str):
    """(case, result) for an accepted candidate, or the reason it was rejected."""
    try:
        # The data in memory, not its text read back: make_variant reads back the accepted one.
        candidate = parse_case(data, display=name, rules=rules)
        result = assess(candidate, rules)
    except InputError as error:
        return f"ogiltigt fall: {error.problem}"
    except MissingParameterError:
        return "ett regelvärde saknas för månaden"
    reasons = rejection(original, original_result, candidate, result, rules)
    if reasons:
        return reasons[0]
    return candidate, result
