"""The beräkning of försörjningsstöd: a case in, an explained result out.

försörjningsstöd = max(0, riksnorm + justeringar + skäliga kostnader − räknade inkomster)

Every line of the result names the person, the post, the amount, the rule and its
citation in force in the month assessed. Amounts are integers in öre. A share (of the household's
common costs, or of a child's amount by umgänge days) is kept exact on its line and in every
total; only what is shown is rounded to the öre, and the amount paid is rounded once, from the
exact total, by the municipality's setting.
"""

from __future__ import annotations

from fractions import Fraction

from .case import Case, Person
from .child_earnings import child_wages
from .errors import InputError
from .housing import assess_housing
from .jobbstimulans import JobbstimulansStatus, jobbstimulans_status
from .money import format_kr, ore, round_once, round_ore
from .result import CATEGORIES, Assessment, Line
from .rules import Rules, band_label, load_rules
from .words import number_word


class _Builder:
    """Collects the lines of one assessment."""

    def __init__(self, case: Case, rules: Rules):
        self.case, self.rules, self.month = case, rules, case.month
        self.lines: list[Line] = []
        self.notices: list[str] = []
        self.settings = rules.municipal(self.month)

    def cite(self, rule: str) -> str:
        return str(self.rules.citation(rule, self.month))

    def add(
        self,
        key: str,
        category: str,
        post: str,
        person: str | None,
        amount: int | Fraction,
        rule: str,
        explanation: str = "",
        reported: int | None = None,
    ) -> None:
        """A line; an exact share (a Fraction of öre) is shown rounded and added exactly."""
        exact = amount
        shown = round_ore(exact)
        self.lines.append(
            Line(
                key,
                category,
                post,
                person,
                shown,
                rule,
                self.cite(rule),
                explanation,
                reported,
                exact if isinstance(exact, Fraction) and exact != shown else None,
            )
        )

    # -- riksnorm -------------------------------------------------------------------------------
    def days_divisor(self) -> int:
        return 30 if self.settings.umgange.days_per_month == "30" else self.month.days

    def riksnorm(self) -> None:
        case = self.case
        full_time = case.full_time
        if self._only_totals():
            return
        co = case.co_applicant
        applicant = case.applicant
        if co is not None:
            self.add(
                "norm:sambor",
                "riksnorm",
                "Personliga kostnader, sambor (ett belopp för båda)",
                f"{applicant.id}+{co.id}",
                ore(self.rules.adult_amount(self.month, couple=True)),
                "riksnorm_belopp",
            )
        else:
            self.add(
                f"norm:{applicant.id}",
                "riksnorm",
                "Personliga kostnader, ensamstående",
                applicant.id,
                ore(self.rules.adult_amount(self.month, couple=False)),
                "riksnorm_belopp",
            )
        for person in case.household:
            if person.role != "barn":
                continue
            amount, band = self._child(person)
            post = f"Personliga kostnader, barn {band_label(band)}"
            if person.lunch_outside_home:
                post += ", äter lunch utanför hemmet"
            # A school youth counts as a child because the parents maintain them while in school.
            rule = "skolungdom" if person.school_youth else "riksnorm_belopp"
            if person.school_youth:
                post += ", skolungdom"
            days = person.days_in_household
            if days is not None:
                divisor = self.days_divisor()
                if days > divisor:
                    raise self.case.fail(
                        ("hushåll", case.household.index(person), "dagar_i_hushållet"),
                        f"{days} dagar är fler än månadens {divisor}",
                    )
                share = Fraction(ore(amount) * days, divisor)
                self.add(
                    f"norm:{person.id}",
                    "riksnorm",
                    post + f", umgänge {days} dagar",
                    person.id,
                    share,
                    "umgänge",
                    f"{format_kr(ore(amount))} × {days}/{divisor} dagar",
                    ore(amount),
                )
            else:
                self.add(f"norm:{person.id}", "riksnorm", post, person.id, ore(amount), rule)
        self._household(len(full_time))

    def _child(self, person: Person) -> tuple[int, str]:
        try:
            return self.rules.child_amount(self.month, person.age, person.lunch_outside_home)
        except ValueError as error:
            raise self.case.fail(("hushåll", self.case.household.index(person)), str(error)) from None

    def _household(self, persons: int) -> None:
        shared = self.case.shared_home
        if shared is not None:
            total = shared.persons_in_home
            cost = self.rules.household_cost(self.month, total)
            share = Fraction(ore(cost) * persons, total)
            self.add(
                "hushåll",
                "riksnorm",
                f"Hushållsgemensamma kostnader, andel i hushållsgemenskap ({persons} av {total} personer)",
                None,
                share,
                "hushållsgemenskap",
                f"{format_kr(ore(cost))} för {total} personer ÷ {total} × {persons}",
            )
        else:
            cost = self.rules.household_cost(self.month, persons)
            rows = self.rules.household_rows(self.month)
            if persons > rows:
                last, before = (self.rules.household_cost(self.month, n) for n in (rows, rows - 1))
                self.add(
                    "hushåll",
                    "riksnorm",
                    f"Hushållsgemensamma kostnader, {persons} personer",
                    None,
                    ore(cost),
                    "fler_än_sju_personer",
                    f"{format_kr(ore(last))} för {number_word(rows)} personer + {persons - rows} × "
                    f"{format_kr(ore(last - before))}",
                )
            else:
                self.add(
                    "hushåll",
                    "riksnorm",
                    f"Hushållsgemensamma kostnader, {persons} {'person' if persons == 1 else 'personer'}",
                    None,
                    ore(cost),
                    "riksnorm_belopp",
                )
        if self.settings.umgange.household_costs:
            size = persons
            for person in self.case.household:
                days = person.days_in_household
                if days is None:
                    continue
                step = self.rules.household_cost(self.month, size + 1) - self.rules.household_cost(self.month, size)
                size += 1
                divisor = self.days_divisor()
                amount = Fraction(ore(step) * days, divisor)
                self.add(
                    f"hushåll:{person.id}",
                    "riksnorm",
                    f"Hushållsgemensamma kostnader, umgänge {days} dagar",
                    person.id,
                    amount,
                    "umgänge",
                    f"{format_kr(ore(step))} × {days}/{divisor} dagar",
                )

    def _only_totals(self) -> bool:
        """For a year whose full table is not verified, use a verified total where the
        household matches it exactly; otherwise the table lookup raises the missing value."""
        period = self.rules.riksnorm(self.month)
        if period.personal is not None or period.totals is None:
            return False
        case, totals = self.case, period.totals
        alone = case.shared_home is None and all(p.role != "barn" for p in case.household)
        note = f"bara summan är verifierad för {self.month.year}; hela tabellen saknas"
        if alone and case.co_applicant is None and totals.single_one_person is not None:
            self.add(
                "norm:summa",
                "riksnorm",
                "Riksnorm, ensamstående i eget hushåll (summa)",
                case.applicant.id,
                ore(totals.single_one_person),
                "riksnorm_belopp",
                note,
            )
            return True
        if alone and case.co_applicant is not None and totals.couple_two_persons is not None:
            self.add(
                "norm:summa",
                "riksnorm",
                "Riksnorm, sambor i eget hushåll (summa)",
                f"{case.applicant.id}+{case.co_applicant.id}",
                ore(totals.couple_two_persons),
                "riksnorm_belopp",
                note,
            )
            return True
        return False

    # -- adjustments, costs, incomes ----------------------------------------------------------------
    def adjustments(self) -> None:
        for i, item in enumerate(self.case.adjustments):
            self.add(
                f"justering:{i + 1}",
                "justering",
                f"Justering: {item.post}",
                item.person,
                ore(item.amount),
                "särskilda_skäl",
                item.reason,
            )

    def costs(self) -> None:
        for i, cost in enumerate(self.case.costs):
            kind = self.rules.cost_types[cost.type]
            amount, explanation, reported = ore(cost.amount), "", None
            if kind.housing_cap:
                housing = assess_housing(self.case, self.rules, i, cost)
                amount, explanation, reported = housing.counted, housing.explanation, housing.reported
                if housing.notice:
                    self.notices.append(housing.notice)
            self.add(
                f"kostnad:{i + 1}",
                "kostnad",
                kind.label,
                cost.person,
                amount,
                "skäliga_kostnader",
                explanation,
                reported,
            )

    def incomes(self) -> JobbstimulansStatus | None:
        status = None
        children = child_wages(self.case, self.rules)
        for i, income in enumerate(self.case.incomes):
            kind = self.rules.income_types[income.type]
            person = self.case.person(income.person) if income.person else None
            reported = ore(income.amount)
            counted, rule, explanation = Fraction(reported), "inkomster", ""
            if not kind.counted:
                counted, explanation = Fraction(0), "räknas inte"
            elif i in children:
                counted, rule, explanation = Fraction(children[i].counted), "barns_inkomster", children[i].explanation()
            elif kind.from_employment and person is not None and person.role == "barn":
                explanation = "regeln om barns inkomster gällde inte ännu"
            elif kind.from_employment and person is not None:
                status = status or jobbstimulans_status(self.case, self.rules)
                if status.applies:
                    rule_params = self.rules.jobbstimulans(self.month)
                    assert rule_params is not None
                    percent = rule_params.percent_not_counted
                    counted = reported - Fraction(reported * percent, 100)
                    rule = "jobbstimulans"
                    explanation = f"{100 - percent} % räknas: {status.reason}"
                else:
                    explanation = f"hela lönen räknas: {status.reason}"
            self.add(
                f"inkomst:{i + 1}",
                "inkomst",
                kind.label,
                income.person,
                counted,
                rule,
                explanation,
                reported if counted != reported else None,
            )
        return status

    def assets(self) -> None:
        if not self.case.assets:
            return
        total = sum(ore(asset.amount) for asset in self.case.assets)
        persons = len(self.case.full_time)
        buffer = ore(self.settings.savings_buffer_per_person) * persons
        counted = max(0, total - buffer)
        self.add(
            "tillgångar",
            "inkomst",
            "Tillgångar över sparbufferten",
            None,
            counted,
            "inkomster",
            f"tillgångar {format_kr(total)} − buffert {format_kr(buffer)} "
            f"({format_kr(ore(self.settings.savings_buffer_per_person))} per person)",
            total,
        )


def assess(case: Case, rules: Rules | None = None) -> Assessment:
    """Assess a case for its month: every line with rule and citation, totals, decision.

    The amount is max(0, riksnorm + adjustments + reasonable costs − counted incomes), rounded
    by the municipality's setting; 0 means avslag.
    4 kap. 1 och 3 §§ socialtjänstlagen (2001:453); from 2025-07-01 12 kap. 7 § socialtjänstlagen (2025:400).
    """
    if rules is None or (case.municipality and case.municipality != rules.municipality_slug):
        rules = load_rules(case.municipality)
    case.check(rules)
    builder = _Builder(case, rules)
    builder.riksnorm()
    builder.adjustments()
    builder.costs()
    status = builder.incomes()
    builder.assets()
    if status is not None and status.applies is False:
        builder.notices.append(f"Jobbstimulans: {status.reason}.")
    # Exact until the totals; each total is shown to the öre, and the amount is rounded once.
    exact = {
        category: sum((line.value for line in builder.lines if line.category == category), 0) for category in CATEGORIES
    }
    total = exact["riksnorm"] + exact["justering"] + exact["kostnad"] - exact["inkomst"]
    amount = round_once(total, builder.settings.rounding) if total > 0 else 0
    decision = "bifall" if amount > 0 else "avslag"
    return Assessment(
        case_id=case.id,
        title=case.title,
        month=case.month,
        municipality=rules.municipality.name,
        lines=tuple(builder.lines),
        riksnorm=round_ore(exact["riksnorm"]),
        adjustments=round_ore(exact["justering"]),
        costs=round_ore(exact["kostnad"]),
        incomes=round_ore(exact["inkomst"]),
        unrounded=round_ore(total),
        amount=amount,
        decision=decision,
        decision_citation=str(rules.citation("rätt_till_bistånd", case.month)),
        notices=tuple(builder.notices),
        jobbstimulans=status,
        exact_total=Fraction(total),
    )


def assess_file(path: str, rules: Rules | None = None) -> Assessment:
    """Read and assess a case file; InputError names the file, line and field of bad input."""
    from .case import load_case

    rules = rules or load_rules()
    case = load_case(path, rules=None)
    if case.municipality and case.municipality != rules.municipality_slug:
        rules = load_rules(case.municipality)
    return assess(case, rules)


__all__ = [
    "Assessment",
    "CATEGORIES",
    "InputError",
    "JobbstimulansStatus",
    "Line",
    "assess",
    "assess_file",
    "jobbstimulans_status",
]
