"""The beräkning of försörjningsstöd: a case in, an explained result out.

försörjningsstöd = max(0, riksnorm + justeringar + skäliga kostnader − räknade inkomster)

Every line of the result names the person, the post, the amount, the rule and its
citation in force in the month assessed. Amounts are integers in öre; a share of the
household's common costs is kept exact and rounded to the öre, half up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .case import Case, Income, Person
from .errors import InputError
from .jobbstimulans import JobbstimulansStatus, jobbstimulans_status
from .money import format_kr, kronor_json, ore, round_kronor, round_ore
from .months import Month
from .rules import Rules, band_label, load_rules
from .words import number_word, persons_text

CATEGORIES = ("riksnorm", "justering", "kostnad", "inkomst")


@dataclass(frozen=True)
class Line:
    key: str            # stable across variants: 'norm:p1', 'hushåll', 'kostnad:1', 'inkomst:2'
    category: str       # one of CATEGORIES
    post: str           # what the line is, in Swedish
    person: str | None
    amount: int         # öre; what the line adds (riksnorm, costs) or what is counted (incomes)
    rule: str           # rule id in toolkit/parameters/lagrum.yaml
    citation: str       # the legal citation in force in the month
    explanation: str = ""
    reported: int | None = None  # öre: the amount in the case, where a rule changed it


@dataclass(frozen=True)
class Assessment:
    case_id: str
    title: str
    month: Month
    municipality: str
    lines: tuple[Line, ...]
    riksnorm: int
    adjustments: int
    costs: int
    incomes: int
    unrounded: int
    amount: int
    decision: str
    decision_citation: str
    notices: tuple[str, ...] = field(default=())
    jobbstimulans: JobbstimulansStatus | None = None

    def lines_in(self, category: str) -> list[Line]:
        return [line for line in self.lines if line.category == category]

    def line(self, key: str) -> Line:
        for line in self.lines:
            if line.key == key:
                return line
        raise KeyError(key)

    def to_json(self) -> dict[str, Any]:
        """The object of case-format.md: amounts in kronor (öre as two decimals)."""
        return {
            "fall": self.case_id,
            "titel": self.title,
            "månad": str(self.month),
            "kommun": self.municipality,
            "riksnorm": kronor_json(self.riksnorm),
            "justeringar": kronor_json(self.adjustments),
            "skäliga_kostnader": kronor_json(self.costs),
            "räknade_inkomster": kronor_json(self.incomes),
            "belopp": kronor_json(self.amount),
            "beslut": self.decision,
            "beslut_regel": self.decision_citation,
            "rader": [
                {
                    "nyckel": line.key,
                    "kategori": line.category,
                    "post": line.post,
                    "person": line.person,
                    "belopp": kronor_json(line.amount),
                    "regel": line.citation,
                    "regel_id": line.rule,
                    "förklaring": line.explanation,
                    **({"redovisat": kronor_json(line.reported)} if line.reported is not None else {}),
                }
                for line in self.lines
            ],
            "anmärkningar": list(self.notices),
        }


class _Builder:
    """Collects the lines of one assessment."""

    def __init__(self, case: Case, rules: Rules):
        self.case, self.rules, self.month = case, rules, case.month
        self.lines: list[Line] = []
        self.notices: list[str] = []
        self.settings = rules.municipal(self.month)

    def cite(self, rule: str) -> str:
        return str(self.rules.citation(rule, self.month))

    def add(self, key: str, category: str, post: str, person: str | None, amount: int, rule: str,
            explanation: str = "", reported: int | None = None) -> None:
        self.lines.append(Line(key, category, post, person, amount, rule, self.cite(rule), explanation, reported))

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
            self.add("norm:sambor", "riksnorm", "Personliga kostnader, sambor (ett belopp för båda)",
                     f"{applicant.id}+{co.id}", ore(self.rules.adult_amount(self.month, couple=True)),
                     "riksnorm_belopp")
        else:
            self.add(f"norm:{applicant.id}", "riksnorm", "Personliga kostnader, ensamstående", applicant.id,
                     ore(self.rules.adult_amount(self.month, couple=False)), "riksnorm_belopp")
        for person in case.household:
            if person.role != "barn":
                continue
            amount, band = self._child(person)
            post = f"Personliga kostnader, barn {band_label(band)}"
            if person.lunch_outside_home:
                post += ", äter lunch utanför hemmet"
            if person.school_youth:
                post += ", skolungdom"
            days = person.days_in_household
            if days is not None:
                divisor = self.days_divisor()
                if days > divisor:
                    raise self.case.fail(("hushåll", case.household.index(person), "dagar_i_hushållet"),
                                         f"{days} dagar är fler än månadens {divisor}")
                share = round_ore(Fraction(ore(amount) * days, divisor))
                self.add(f"norm:{person.id}", "riksnorm", post + f", umgänge {days} dagar", person.id, share,
                         "umgänge", f"{format_kr(ore(amount))} × {days}/{divisor} dagar", ore(amount))
            else:
                self.add(f"norm:{person.id}", "riksnorm", post, person.id, ore(amount), "riksnorm_belopp")
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
            share = round_ore(Fraction(ore(cost) * persons, total))
            self.add("hushåll", "riksnorm",
                     f"Hushållsgemensamma kostnader, andel i hushållsgemenskap ({persons} av {total} personer)",
                     None, share, "hushållsgemenskap",
                     f"{format_kr(ore(cost))} för {total} personer ÷ {total} × {persons}")
        else:
            cost = self.rules.household_cost(self.month, persons)
            rows = self.rules.household_rows(self.month)
            if persons > rows:
                last, before = (self.rules.household_cost(self.month, n) for n in (rows, rows - 1))
                self.add("hushåll", "riksnorm", f"Hushållsgemensamma kostnader, {persons} personer", None,
                         ore(cost), "fler_än_sju_personer",
                         f"{format_kr(ore(last))} för {number_word(rows)} personer + {persons - rows} × "
                         f"{format_kr(ore(last - before))}")
            else:
                self.add("hushåll", "riksnorm", f"Hushållsgemensamma kostnader, {persons} "
                         f"{'person' if persons == 1 else 'personer'}", None, ore(cost), "riksnorm_belopp")
        if self.settings.umgange.household_costs:
            size = persons
            for person in self.case.household:
                days = person.days_in_household
                if days is None:
                    continue
                step = self.rules.household_cost(self.month, size + 1) - self.rules.household_cost(self.month, size)
                size += 1
                divisor = self.days_divisor()
                amount = round_ore(Fraction(ore(step) * days, divisor))
                self.add(f"hushåll:{person.id}", "riksnorm", f"Hushållsgemensamma kostnader, umgänge {days} dagar",
                         person.id, amount, "umgänge", f"{format_kr(ore(step))} × {days}/{divisor} dagar")

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
            self.add("norm:summa", "riksnorm", "Riksnorm, ensamstående i eget hushåll (summa)", case.applicant.id,
                     ore(totals.single_one_person), "riksnorm_belopp", note)
            return True
        if alone and case.co_applicant is not None and totals.couple_two_persons is not None:
            self.add("norm:summa", "riksnorm", "Riksnorm, sambor i eget hushåll (summa)",
                     f"{case.applicant.id}+{case.co_applicant.id}", ore(totals.couple_two_persons),
                     "riksnorm_belopp", note)
            return True
        return False

    # -- adjustments, costs, incomes ----------------------------------------------------------------
    def adjustments(self) -> None:
        for i, item in enumerate(self.case.adjustments):
            self.add(f"justering:{i + 1}", "justering", f"Justering: {item.post}", item.person,
                     ore(item.amount), "särskilda_skäl", item.reason)

    def costs(self) -> None:
        persons = len(self.case.full_time)
        for i, cost in enumerate(self.case.costs):
            kind = self.rules.cost_types[cost.type]
            amount = ore(cost.amount)
            explanation, reported = "", None
            if kind.housing_cap:
                amount, explanation, reported = self._housing(amount, persons)
            self.add(f"kostnad:{i + 1}", "kostnad", kind.label, cost.person, amount, "skäliga_kostnader",
                     explanation, reported)

    def _housing(self, amount: int, persons: int) -> tuple[int, str, int | None]:
        cap = ore(self.rules.housing_cap(self.month, persons))
        if amount <= cap:
            return amount, f"inom kommunens riktvärde {format_kr(cap)} för {persons_text(persons)}", None
        grace = self.case.history.housing_grace_until
        over = format_kr(amount - cap)
        name = self.rules.municipality.name
        if grace is not None and self.month > grace:
            self.notices.append(f"Boendekostnaden begränsas till riktvärdet {format_kr(cap)}: rådrummet "
                                f"gick ut {grace}.")
            return cap, f"över riktvärdet med {over}; rådrummet gick ut {grace}, så riktvärdet räknas", amount
        if grace is not None:
            self.notices.append(f"Boendekostnaden är {over} över {name}s riktvärde; den godtas under rådrum "
                                f"till och med {grace}.")
            return amount, f"över riktvärdet {format_kr(cap)} med {over}; godtas under rådrum till och med {grace}", None
        months = self.settings.grace_months
        self.notices.append(f"Boendekostnaden är {over} över {name}s riktvärde {format_kr(cap)} för "
                            f"{persons_text(persons)}. Den godtas nu; ge ett rådrum (normalt {months} månader) att sänka "
                            f"kostnaden och skriv in datumet i planen.")
        return amount, f"över riktvärdet {format_kr(cap)} med {over}; godtas, rådrum ska ges", None

    def incomes(self) -> JobbstimulansStatus | None:
        status = None
        for i, income in enumerate(self.case.incomes):
            kind = self.rules.income_types[income.type]
            person = self.case.person(income.person) if income.person else None
            reported = ore(income.amount)
            counted, rule, explanation = reported, "inkomster", ""
            if not kind.counted:
                counted, explanation = 0, "räknas inte"
            elif kind.from_employment and person is not None and person.role == "barn":
                counted, rule, explanation = self._child_earnings(income, person, reported)
            elif kind.from_employment and person is not None:
                status = status or jobbstimulans_status(self.case, self.rules)
                if status.applies:
                    rule_params = self.rules.jobbstimulans(self.month)
                    assert rule_params is not None
                    percent = rule_params.percent_not_counted
                    counted = reported - round_ore(Fraction(reported * percent, 100))
                    rule = "jobbstimulans"
                    explanation = f"{100 - percent} % räknas: {status.reason}"
                else:
                    explanation = f"hela lönen räknas: {status.reason}"
            self.add(f"inkomst:{i + 1}", "inkomst", kind.label, income.person, counted, rule, explanation,
                     reported if counted != reported else None)
        return status

    def _child_earnings(self, income: Income, person: Person, reported: int) -> tuple[int, str, str]:
        rule = self.rules.child_earnings(self.month)
        # A child is younger than the school youth the rule also covers.
        is_child = rule is not None and person.age < rule.school_youth_min_age
        school_youth = (rule is not None and person.school_youth
                        and rule.school_youth_min_age <= person.age <= rule.school_youth_max_age)
        if rule is None or not (is_child or school_youth):
            why = ("regeln om barns inkomster gällde inte ännu" if rule is None
                   else f"{person.id} är {person.age} år och går inte i skolan: hela lönen räknas")
            return reported, "inkomster", why
        limit = ore(self.rules.prisbasbelopp(self.month.year) * rule.limit_in_prisbasbelopp)
        earlier = ore(income.earlier_this_year or 0)
        left = max(0, limit - earlier)
        exempt = min(reported, left)
        counted = reported - exempt
        explanation = (f"ett prisbasbelopp ({format_kr(limit)}) per kalenderår räknas inte; tidigare i år "
                       f"{format_kr(earlier)}, kvar av gränsen {format_kr(left)}")
        return counted, "barns_inkomster", explanation

    def assets(self) -> None:
        if not self.case.assets:
            return
        total = sum(ore(asset.amount) for asset in self.case.assets)
        persons = len(self.case.full_time)
        buffer = ore(self.settings.savings_buffer_per_person) * persons
        counted = max(0, total - buffer)
        self.add("tillgångar", "inkomst", "Tillgångar över sparbufferten", None, counted, "inkomster",
                 f"tillgångar {format_kr(total)} − buffert {format_kr(buffer)} "
                 f"({format_kr(ore(self.settings.savings_buffer_per_person))} per person)", total)


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
    totals = {category: sum(line.amount for line in builder.lines if line.category == category)
              for category in CATEGORIES}
    unrounded = totals["riksnorm"] + totals["justering"] + totals["kostnad"] - totals["inkomst"]
    amount = max(0, round_kronor(unrounded, builder.settings.rounding)) if unrounded > 0 else 0
    decision = "bifall" if amount > 0 else "avslag"
    return Assessment(
        case_id=case.id, title=case.title, month=case.month, municipality=rules.municipality.name,
        lines=tuple(builder.lines), riksnorm=totals["riksnorm"], adjustments=totals["justering"],
        costs=totals["kostnad"], incomes=totals["inkomst"], unrounded=unrounded, amount=amount,
        decision=decision, decision_citation=str(rules.citation("rätt_till_bistånd", case.month)),
        notices=tuple(builder.notices), jobbstimulans=status)


def assess_file(path: str, rules: Rules | None = None) -> Assessment:
    """Read and assess a case file; InputError names the file, line and field of bad input."""
    from .case import load_case

    rules = rules or load_rules()
    case = load_case(path, rules=None)
    if case.municipality and case.municipality != rules.municipality_slug:
        rules = load_rules(case.municipality)
    return assess(case, rules)


__all__ = ["Assessment", "CATEGORIES", "InputError", "JobbstimulansStatus", "Line", "assess", "assess_file",
           "jobbstimulans_status"]
