"""The plan in plain Swedish: what holds, what breaks, how many more secretaries it takes,
and how long the solver took."""

from __future__ import annotations

from ..months import Month, month_label
from .limits import load_method
from .model import Plan


def number(value: int) -> str:
    """2336 -> '2 336' (a no-break space between thousands, as in Swedish print)."""
    return f"{value:,}".replace(",", "\u00a0")


def seconds(value: float) -> str:
    """0.3217 -> '0,32 s'."""
    return f"{value:.2f} s".replace(".", ",")


def limits_line(plan: Plan) -> str:
    """The limits the plan keeps, with their source."""
    limits = plan.limits
    return (
        f"Gränserna: högst {limits.max_households} hushåll per socialsekreterare, högst "
        f"{limits.max_visits_per_day} besök per dag, ett möte med varje hushåll varje månad och med "
        f"hushållen i den intensiva gruppen varje vecka (källa: {limits.source.describe()})."
    )


def extra_staff_text(plan: Plan) -> str:
    """Why the plan adds secretaries, and how the number was found."""
    days = plan.working_days
    exact = plan.solver_status == "OPTIMAL"
    text = (
        f"Det behövs {'' if exact else 'högst '}{plan.extra_staff} socialsekreterare till på heltid som "
        f"arbetar alla {days} arbetsdagar i månaden. "
    )
    if exact:
        text += (
            "Det är det minsta antalet som ger en plan som håller alla gränser: planeraren söker först "
            "en plan med så få tillagda socialsekreterare som möjligt."
        )
    else:
        text += "Planeraren hann inte pröva om färre räcker."
    if plan.extra_lower_bound:
        text += (
            f" Ett överslag, gräns för gräns, ger minst {plan.extra_lower_bound}"
            f"{'' if plan.extra_lower_bound == plan.extra_staff else ' (gränserna tillsammans kräver fler)'}."
        )
    return text


def summary(plan: Plan) -> list[str]:
    """The plan's main lines, one sentence each."""
    month = Month.parse(plan.month)
    own = [load for load in plan.loads if not load.extra]
    weekly = sum(1 for v in plan.visits if v.kind == "vecka")
    lines = [
        f"Plan för {month_label(month)}: {number(plan.households)} hushåll, {len(own)} socialsekreterare, "
        f"{plan.working_days} arbetsdagar.",
        limits_line(plan),
    ]
    if plan.feasible:
        lines.append("Alla gränser hålls.")
    else:
        lines.append("Gränserna går inte att hålla med den personal som finns:")
        lines += [f"- {breach.message}" for breach in plan.breaches]
        lines.append(extra_staff_text(plan))
        lines.append("Planen nedan visar hur det skulle se ut med dem (NY-1, NY-2 …).")
    busiest = max((load.busiest_day for load in plan.loads), default=0)
    lines.append(
        f"Besök i månaden: {number(len(plan.visits))}, varav {number(weekly)} i den intensiva gruppen. "
        f"Flest besök en dag för en socialsekreterare: {busiest}."
    )
    if plan.moved:
        lines.append(
            f"Hushåll som träffas av någon annan än sin egen socialsekreterare den här månaden: "
            f"{number(len(plan.moved))}."
        )
    lines += plan.notes
    lines.append(f"Lösningstid: {seconds(plan.solve_seconds)} (OR-Tools CP-SAT, {status_text(plan.solver_status)}).")
    lines.append(settings_line())
    return lines


def settings_line() -> str:
    """The handbook's own choices the plan rests on (not in the sources), in one sentence."""
    settings = load_method().settings
    part_time = (
        "taket räknas i proportion till tjänstgöringsgraden"
        if settings.part_time_cap == "i_proportion"
        else "taket är detsamma vid deltid"
    )
    weeks = (
        "en vecka hör till den månad där veckans torsdag ligger"
        if settings.week_rule == "torsdag"
        else "varje vecka med en arbetsdag i månaden räknas"
    )
    return (
        f"Handbokens egna val, som inte står i källorna: {part_time}; {weeks}; taket gäller de hushåll "
        "som socialsekreteraren möter under månaden."
    )


def status_text(status: str) -> str:
    return {"OPTIMAL": "bästa möjliga plan", "FEASIBLE": "en giltig plan, inte bevisat bästa"}.get(status, status)


def staff_table(plan: Plan) -> str:
    """One line per secretary: days, cap, households, visits, busiest day."""
    head = f"{'Socialsekreterare':<18} {'Dagar':>5} {'Tak':>4} {'Hushåll':>8} {'Varav vecka':>12} {'Besök':>6} {'Flest/dag':>10}"
    rows = [head]
    for load in plan.loads:
        name = load.staff + (" (ny)" if load.extra else "")
        rows.append(
            f"{name:<18} {load.working_days:>5} {load.household_cap:>4} {load.monthly + load.weekly:>8} "
            f"{load.weekly:>12} {load.visits:>6} {load.busiest_day:>10}"
        )
    return "\n".join(rows)


def text_report(plan: Plan) -> str:
    """The whole report for the command line."""
    return "\n".join(summary(plan)) + "\n\n" + staff_table(plan)
