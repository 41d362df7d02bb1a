"""A deterministic review of a plan: findings, each with a rule id, a field, a Swedish message
and a severity. The rules, the vague words and the number words are data in
toolkit/parameters/planregler.yaml; the labour-market unit's criteria and the follow-up
interval are in the municipality file.

Convention for "the next monthly meeting": at most `uppföljning.högst_månader` (1 in
Exempelstad) calendar months after the plan date, on the same day of the month; where that
day does not exist, the last day of that month (2025-01-31 → 2025-02-28). No interval in the
municipality file means one month, the monthly meeting of the method.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..rules import Rules, load_rules
from ..schemas.plan import PlanRulesFile
from .model import SEVERITIES, Plan, load_plan_rules

DEFAULT_FOLLOW_UP_MONTHS = 1


@dataclass(frozen=True)
class Finding:
    rule: str
    field: str | None
    message: str
    severity: str  # 'fel' or 'varning'

    @property
    def severity_label(self) -> str:
        return SEVERITIES[self.severity]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later; the last day of the month where it does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def follow_up_deadline(plan: Plan, rules: Rules | None = None) -> dt.date:
    """The latest day for the next follow-up: the next monthly meeting (see the module docstring)."""
    rules = rules or load_rules()
    interval = rules.municipality.follow_up
    return add_months(plan.date, interval.within_months if interval else DEFAULT_FOLLOW_UP_MONTHS)


def _has_word(text: str, words: list[str]) -> str | None:
    for word in words:
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags=re.IGNORECASE):
            return word
    return None


def _measurable(text: str, when: dt.date | None, words: PlanRulesFile) -> bool:
    return (
        when is not None
        or bool(re.search(r"\d", text))
        or _has_word(text, words.number_words) is not None
        or _has_word(text, words.time_words) is not None
    )


def _texts(plan: Plan) -> list[tuple[str, str]]:
    """Every free text of the plan with its field name, for the vague-word check."""
    texts = [("mål", plan.goal)]
    texts += [(f"hinder[{i + 1}]", t) for i, t in enumerate(plan.obstacles)]
    texts += [(f"delmål[{i + 1}]", g.text) for i, g in enumerate(plan.subgoals)]
    texts += [(f"aktiviteter[{i + 1}].vad", a.what) for i, a in enumerate(plan.activities)]
    texts += [("barnperspektiv", plan.child_perspective)]
    texts += [(f"samverkan[{i + 1}].vad", c.what) for i, c in enumerate(plan.cooperation)]
    texts += [("eget_ansvar", plan.own_responsibility)]
    return [(field, text) for field, text in texts if text.strip()]


def review(plan: Plan, rules: Rules | None = None, words: PlanRulesFile | None = None) -> list[Finding]:
    """Review a plan: every finding with rule id, field, Swedish message and severity.

    Deterministic: the same plan always gives the same findings in the same order.
    """
    rules = rules or load_rules()
    words = words or load_plan_rules()
    found: list[Finding] = []

    def add(rule: str, field: str | None, message: str) -> None:
        found.append(Finding(rule, field, message, words.rules[rule].severity))

    # 1. every element is there
    activities = [a for a in plan.activities if a.what.strip() or a.who.strip() or a.when]
    subgoals = [g for g in plan.subgoals if g.text.strip() or g.date]
    if not plan.goal.strip():
        add("saknat-element", "mål", "Planen har inget mål. Skriv målet med klientens egna ord.")
    if not [o for o in plan.obstacles if o.strip()]:
        add("saknat-element", "hinder", "Planen säger inte vad som hindrar klienten från att försörja sig själv.")
    if not subgoals:
        add("saknat-element", "delmål", "Planen har inga delmål på vägen mot målet.")
    if not activities:
        add("saknat-element", "aktiviteter", "Planen har inga aktiviteter: vem gör vad, och när?")
    if plan.next_follow_up is None:
        add("saknat-element", "nästa_uppföljning", "Planen säger inte när den följs upp nästa gång.")
    if not any(c.partner in ("arbetsförmedlingen", "arbetsmarknadsenheten") for c in plan.cooperation):
        add(
            "saknat-element",
            "samverkan",
            "Planen säger inget om samverkan med Arbetsförmedlingen eller arbetsmarknadsenheten.",
        )
    if not plan.own_responsibility.strip():
        add("saknat-element", "eget_ansvar", "Planen säger inte vad klienten själv ansvarar för i sin ekonomi.")
    for i, activity in enumerate(plan.activities):
        if (activity.who.strip() or activity.when) and not activity.what.strip():
            add("saknat-element", f"aktiviteter[{i + 1}].vad", f"Aktivitet {i + 1} säger inte vad som ska göras.")
    # 2–3. activities: who and when
    for i, activity in enumerate(plan.activities):
        if not activity.what.strip():
            continue
        if not activity.who.strip():
            add(
                "aktivitet-utan-ansvarig",
                f"aktiviteter[{i + 1}].vem",
                f"Aktivitet {i + 1} ({activity.what.strip()}) säger inte vem som gör den.",
            )
        if activity.when is None:
            add(
                "aktivitet-utan-datum",
                f"aktiviteter[{i + 1}].när",
                f"Aktivitet {i + 1} ({activity.what.strip()}) säger inte när den ska vara gjord.",
            )
    # 4–5. the next follow-up: not before the plan, not after the next monthly meeting
    if plan.next_follow_up is not None:
        deadline = follow_up_deadline(plan, rules)
        if plan.next_follow_up < plan.date:
            add(
                "uppföljning-före-plandatum",
                "nästa_uppföljning",
                f"Nästa uppföljning ({plan.next_follow_up}) ligger före planens datum ({plan.date}).",
            )
        elif plan.next_follow_up > deadline:
            add(
                "uppföljning-för-sent",
                "nästa_uppföljning",
                f"Nästa uppföljning ({plan.next_follow_up}) ligger efter nästa månadsmöte. Följ upp senast {deadline}.",
            )
    # 6–7. measurable goal and sub-goals
    if plan.goal.strip() and not _measurable(plan.goal, plan.goal_date, words):
        add(
            "mål-inte-mätbart",
            "mål",
            "Målet har varken ett tal eller ett datum. Skriv till exempel hur mycket eller när, så att ni kan se "
            "när det är nått.",
        )
    for i, goal in enumerate(plan.subgoals):
        if goal.text.strip() and not _measurable(goal.text, goal.date, words):
            add("delmål-inte-mätbart", f"delmål[{i + 1}]", f"Delmål {i + 1} har varken ett tal eller ett datum.")
    # 8. vague wording
    for field, text in _texts(plan):
        for phrase in words.vague:
            if _has_word(text, [phrase]):
                add("vag-formulering", field, f'"{phrase}" är vagt. Skriv vad som ska hända, vem som gör det och när.')
    # 9. the child perspective
    if plan.children > 0 and not plan.child_perspective.strip():
        add(
            "barnperspektiv-saknas",
            "barnperspektiv",
            f"Hushållet har {plan.children} barn. Skriv hur planen påverkar barnen och vad de behöver.",
        )
    # 10–11. a referral to the labour-market unit and its criteria
    unit = rules.municipality.labour_market_unit
    for i, cooperation in enumerate(plan.cooperation):
        if unit is None or cooperation.partner != "arbetsmarknadsenheten" or not cooperation.referral:
            continue
        field = f"samverkan[{i + 1}]"
        c = plan.conditions
        if c.work_capacity is None:
            add(
                "remiss-kriterier-okända",
                field,
                f"Planen säger inte hur stor arbetsförmågan är. "
                f"{unit.name} kräver minst {unit.min_work_capacity_percent} procent.",
            )
        elif c.work_capacity < unit.min_work_capacity_percent:
            add(
                "remiss-bryter-kriterier",
                field,
                f"Arbetsförmågan är {c.work_capacity} procent. {unit.name} kräver "
                f"minst {unit.min_work_capacity_percent} procent.",
            )
        checks = [
            ("ordnat_boende", c.settled_housing, "har ordnat boende", "har inte ordnat boende"),
            ("drogfrihet", c.drug_free, "är drogfri", "är inte drogfri"),
        ]
        for requirement, value, unknown, broken in checks:
            if requirement not in unit.requirements:
                continue
            if value is None:
                add(
                    "remiss-kriterier-okända",
                    field,
                    f"Planen säger inte om klienten {unknown}. {unit.name} kräver det.",
                )
            elif value is False:
                add("remiss-bryter-kriterier", field, f"Klienten {broken}. {unit.name} kräver det.")
        if "barnomsorg" in unit.requirements and plan.children > 0:
            if c.childcare is None:
                add(
                    "remiss-kriterier-okända",
                    field,
                    f"Planen säger inte om barnomsorgen är ordnad. {unit.name} kräver det.",
                )
            elif c.childcare == "saknas":
                add("remiss-bryter-kriterier", field, f"Barnomsorgen är inte ordnad. {unit.name} kräver det.")
    return found


def rules_markdown(words: PlanRulesFile | None = None) -> str:
    """The review rules as a Markdown table (id, severity, meaning) for the book."""
    words = words or load_plan_rules()
    rows = ["| Regel | Allvar | Vad den betyder |", "|---|---|---|"]
    rows += [f"| `{rule}` | {SEVERITIES[r.severity]} | {r.description} |" for rule, r in words.rules.items()]
    return "\n".join(rows)
