"""The case file: the contract between case authors and the toolkit.

The YAML speaks the authors' language (Swedish keys); the model maps them to English
names with pydantic aliases. Unknown keys are rejected with the file, line and key.
See case-format.md in the design folder and `python -m toolkit casebank new`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, PlainValidator, PrivateAttr, StrictBool, StrictInt

from . import settings
from .errors import InputError, MissingCaseValueError
from .months import Month
from .schemas.common import Kronor, SignedKronor, Strict, absurd_amount
from .yamlfile import field_name, line_of, load, validate

if TYPE_CHECKING:
    from .rules import Rules

FieldPath = tuple[str | int, ...]
# An invented first name as the case's allow-list holds it: one word, hyphen allowed (Anna-Karin).
FirstName = Annotated[str, Field(pattern=r"^[^\W\d_]{2,30}(?:-[^\W\d_]{2,30})?$")]

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
PersonId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]


def _month(value: Any) -> Month:
    try:
        return Month.parse(value)
    except ValueError as error:
        raise ValueError(str(error)) from None


MonthField = Annotated[Month, PlainValidator(_month), PlainSerializer(str, return_type=str)]


def _ore(value: Any) -> int:
    """A key's amount: whole kronor or kronor with at most two decimals, to öre."""
    if isinstance(value, bool):
        raise ValueError("ska vara ett belopp i kronor")
    try:
        number = Decimal(str(value).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"'{value}' är inget belopp i kronor") from None
    exponent = number.as_tuple().exponent
    if not number.is_finite() or not isinstance(exponent, int) or number < 0 or exponent < -2:
        raise ValueError(f"'{value}' är inget belopp i kronor och ören (högst två decimaler, inte negativt)")
    if number > settings.max_amount():  # compared before int(): '1e999999999' must not be expanded
        raise absurd_amount(str(value))
    return int(number * 100)


KronorOre = Annotated[int, BeforeValidator(_ore)]


class Person(Strict):
    id: PersonId
    role: Literal["sökande", "medsökande", "barn"] = Field(alias="roll")
    age: Annotated[StrictInt, Field(ge=0, le=120)] = Field(alias="ålder")
    lunch_outside_home: StrictBool = Field(default=False, alias="lunch_utanför_hemmet")
    school_youth: StrictBool = Field(default=False, alias="skolungdom")
    days_in_household: Annotated[StrictInt, Field(ge=1, le=31)] | None = Field(default=None, alias="dagar_i_hushållet")

    @property
    def adult(self) -> bool:
        return self.role != "barn"

    @property
    def part_time(self) -> bool:
        return self.days_in_household is not None


class AcceptedCost(Strict):
    """A housing cost above the riktvärde that the nämnd has accepted after an individual
    assessment (children's needs, the housing market, the effort to find a cheaper home)."""

    amount: Kronor = Field(alias="belopp")
    reason: str = Field(alias="skäl", min_length=10)


class Cost(Strict):
    type: str = Field(alias="typ")
    amount: Kronor = Field(alias="belopp")
    person: PersonId | None = None
    note: str | None = Field(default=None, alias="anmärkning")
    accepted_higher: AcceptedCost | None = Field(default=None, alias="godtagen_högre_kostnad")


class Income(Strict):
    type: str = Field(alias="typ")
    amount: Kronor = Field(alias="belopp")
    person: PersonId | None = None
    earlier_this_year: Kronor | None = Field(default=None, alias="tidigare_i_år")
    note: str | None = Field(default=None, alias="anmärkning")


class Asset(Strict):
    type: str = Field(alias="typ")
    amount: Kronor = Field(alias="belopp")
    person: PersonId | None = None
    note: str | None = Field(default=None, alias="anmärkning")


class Adjustment(Strict):
    """A norm raised or lowered for särskilda skäl, with the reason written out."""

    post: str = Field(min_length=3)
    amount: SignedKronor = Field(alias="belopp")
    reason: str = Field(alias="skäl", min_length=10)
    person: PersonId | None = None


class History(Strict):
    months_in_row: Annotated[StrictInt, Field(ge=0, le=600)] = Field(
        default=0, alias="försörjningsstöd_månader_i_följd"
    )
    jobbstimulans_from: MonthField | None = Field(default=None, alias="jobbstimulans_från")
    housing_grace_until: MonthField | None = Field(default=None, alias="rådrum_boende_till")


class SharedHome(Strict):
    persons_in_home: Annotated[StrictInt, Field(ge=2, le=30)] = Field(alias="antal_personer")


class Document(Strict):
    """One document the trainee reads: a pay slip, a bank statement, a register answer."""

    heading: str = Field(alias="rubrik", min_length=2)
    kind: str | None = Field(default=None, alias="typ")
    text: str


class Key(Strict):
    """The key (facit), worked out by a person from the rules, never copied from the toolkit."""

    amount: KronorOre = Field(alias="belopp")
    riksnorm: KronorOre | None = None
    costs: KronorOre | None = Field(default=None, alias="skäliga_kostnader")
    incomes: KronorOre | None = Field(default=None, alias="räknade_inkomster")
    adjustments: SignedKronor | None = Field(default=None, alias="justeringar")
    decision: Literal["bifall", "avslag"] | None = Field(default=None, alias="beslut")
    working: str | None = Field(default=None, alias="beräkning")
    source: str = Field(alias="källa", min_length=10)


class TeachingPoint(Strict):
    """What the case teaches, in words, and the conditions on the assessment that must hold
    for it (names from toolkit.casebank.teaching), so that a variant keeps the point."""

    text: str = Field(min_length=10)
    conditions: list[str] = Field(default_factory=list, alias="villkor")


class MonthRange(Strict):
    start: MonthField = Field(alias="från")
    end: MonthField = Field(alias="till")


class Variation(Strict):
    """Bounds within which a variant may change the case: the month, each age (± years) and
    each amount (± percent). See toolkit.casebank.variants."""

    months: MonthRange | None = Field(default=None, alias="månader")
    age: Annotated[StrictInt, Field(ge=0, le=10)] = Field(default=0, alias="ålder")
    percent: Annotated[StrictInt, Field(ge=0, le=50)] = Field(default=0, alias="belopp_procent")


class Case(Strict):
    id: Slug
    title: str = Field(alias="titel", min_length=3)
    month: MonthField = Field(alias="månad")
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    level: Literal[1, 2, 3] = Field(default=1, alias="nivå")
    household: list[Person] = Field(alias="hushåll", min_length=1)
    costs: list[Cost] = Field(default_factory=list, alias="kostnader")
    incomes: list[Income] = Field(default_factory=list, alias="inkomster")
    assets: list[Asset] = Field(default_factory=list, alias="tillgångar")
    adjustments: list[Adjustment] = Field(default_factory=list, alias="justeringar")
    history: History = Field(default_factory=History, alias="historik")
    shared_home: SharedHome | None = Field(default=None, alias="delat_boende")
    municipality: Slug | None = Field(default=None, alias="kommun")
    narrative: str = Field(default="", alias="berättelse")
    # The invented first names the texts use, so that the personal-data guard can tell them
    # from a real-looking full name (toolkit.casebank.names).
    invented_names: list[FirstName] = Field(default_factory=list, alias="påhittade_förnamn")
    documents: list[Document] = Field(default_factory=list, alias="dokument")
    key: Key | None = Field(default=None, alias="facit")
    teaching_point: TeachingPoint | None = Field(default=None, alias="lärandemål")
    variation: Variation | None = None
    # false for a draft (a new template or an anonymized text) that no person has reviewed yet
    reviewed: StrictBool = Field(default=True, alias="granskad")

    _source: Any = PrivateAttr(default=None)
    _file: str | None = PrivateAttr(default=None)

    # -- helpers the engine uses ------------------------------------------------------------
    def person(self, person_id: str) -> Person:
        for person in self.household:
            if person.id == person_id:
                return person
        raise KeyError(person_id)

    @property
    def applicant(self) -> Person:
        return next(p for p in self.household if p.role == "sökande")

    @property
    def co_applicant(self) -> Person | None:
        return next((p for p in self.household if p.role == "medsökande"), None)

    @property
    def full_time(self) -> list[Person]:
        return [p for p in self.household if not p.part_time]

    def line(self, path: FieldPath) -> int | None:
        """The line of a field in the file the case was read from (None when not from a file)."""
        return line_of(self._source, path) if self._source is not None else None

    def fail(self, path: FieldPath, problem: str) -> InputError:
        """An InputError for a field of this case, with its line when read from a file."""
        return InputError(
            problem, file=self._file, line=line_of(self._source, path) if self._source else None, field=field_name(path)
        )

    def missing(self, path: FieldPath, value: str, how: str) -> MissingCaseValueError:
        """A value this case must give is missing for the beräkning (exit code 3)."""
        return MissingCaseValueError(
            value,
            str(self.month),
            self._file or "<fall>",
            field=field_name(path),
            line=self.line(path[:-1]) if self._source is not None else None,
            how=how,
        )

    def problems(self, rules: Rules) -> Iterator[tuple[FieldPath, str]]:
        """Checks across fields, against the vocabularies, age bands and ages in the parameters."""
        ids = [p.id for p in self.household]
        # School youth are 18–20 (barns_inkomster.yaml); the youngest of them is of age. The parents
        # maintain a child until 18, and a school youth while the schooling lasts, until 21.
        youth_low, youth_high = rules.school_youth_ages()
        for i, person in enumerate(self.household):
            where: FieldPath = ("hushåll", i)
            if ids.count(person.id) > 1:
                yield where + ("id",), f"id '{person.id}' finns två gånger i hushållet"
            if person.adult and person.age < youth_low:
                yield where + ("ålder",), f"en {person.role} ska vara minst {youth_low} år (är {person.age})"
            lunch_age = any(band.covers(person.age) for band in rules.lunch_bands)
            if person.lunch_outside_home and not (person.role == "barn" and lunch_age):
                yield where + ("lunch_utanför_hemmet",), f"lunch utanför hemmet gäller bara barn {rules.lunch_ages()}"
            if person.role == "barn" and person.age > youth_high:
                yield (
                    where + ("ålder",),
                    (
                        f"{person.id} är {person.age} år: en skolungdom räknas som barn bara till och med {youth_high} år. "
                        "Hen är vuxen och ingår inte i föräldrarnas ansökan; hen gör en egen ansökan (bor hen kvar "
                        "hemma: hushållsgemenskap, delat_boende)"
                    ),
                )
            elif person.role == "barn" and person.age >= youth_low and not person.school_youth:
                yield (
                    where + ("ålder",),
                    (
                        f"{person.id} är {person.age} år och går inte i skolan: hen är vuxen och ingår inte i "
                        f"föräldrarnas ansökan. Ett barn räknas till {youth_low} år, en skolungdom (grundskola, "
                        f"gymnasieskola eller annan jämförlig grundutbildning) till och med {youth_high} år. Hen gör en "
                        "egen ansökan; bor hen kvar hemma är det hushållsgemenskap (delat_boende)"
                    ),
                )
            elif person.school_youth and not (person.role == "barn" and youth_low <= person.age <= youth_high):
                yield (
                    where + ("skolungdom",),
                    (f"skolungdom gäller bara barn som är {youth_low}–{youth_high} år och går i skolan"),
                )
            if person.part_time and person.role != "barn":
                yield where + ("dagar_i_hushållet",), "dagar i hushållet (umgänge) gäller bara barn"
        roles = [p.role for p in self.household]
        if roles.count("sökande") != 1:
            yield ("hushåll",), "hushållet ska ha exakt en sökande"
        if roles.count("medsökande") > 1:
            yield ("hushåll",), "hushållet kan ha högst en medsökande"
        if self.shared_home is not None:
            if self.shared_home.persons_in_home <= len(self.full_time):
                yield (
                    ("delat_boende", "antal_personer"),
                    ("antal personer i bostaden ska vara fler än de som ansökan gäller"),
                )
            if any(p.part_time for p in self.household):
                yield ("delat_boende",), "umgänge och delat boende i samma fall stöds inte: räkna för hand"
        for i, cost in enumerate(self.costs):
            if cost.type not in rules.cost_types:
                yield (
                    ("kostnader", i, "typ"),
                    (f"okänd kostnadstyp '{cost.type}' (finns: {', '.join(rules.cost_types)})"),
                )
            if cost.person is not None and cost.person not in ids:
                yield ("kostnader", i, "person"), f"personen '{cost.person}' finns inte i hushållet"
            accepted = cost.accepted_higher
            if accepted is not None and cost.type in rules.cost_types and not rules.cost_types[cost.type].housing_cap:
                yield (
                    ("kostnader", i, "godtagen_högre_kostnad"),
                    ("en godtagen kostnad över riktvärdet gäller bara boendekostnader, som prövas mot riktvärdet"),
                )
            elif accepted is not None and accepted.amount > cost.amount:
                yield (
                    ("kostnader", i, "godtagen_högre_kostnad", "belopp"),
                    (
                        f"den godtagna kostnaden ({accepted.amount} kr) kan inte vara högre än kostnaden ({cost.amount} kr)"
                    ),
                )
        for i, income in enumerate(self.incomes):
            where = ("inkomster", i)
            if income.type not in rules.income_types:
                yield where + ("typ",), f"okänd inkomsttyp '{income.type}' (finns: {', '.join(rules.income_types)})"
                continue
            if income.person is not None and income.person not in ids:
                yield where + ("person",), f"personen '{income.person}' finns inte i hushållet"
                continue
            if rules.income_types[income.type].from_employment and income.person is None:
                yield where + ("person",), "ange vems arbetsinkomsten är (person)"
            if income.earlier_this_year is not None and (income.person is None or self.person(income.person).adult):
                yield where + ("tidigare_i_år",), "tidigare_i_år gäller bara barns och skolungdomars arbetsinkomster"
        owners = [("tillgångar", i, a.person) for i, a in enumerate(self.assets)]
        owners += [("justeringar", i, a.person) for i, a in enumerate(self.adjustments)]
        for field, i, owner in owners:
            if owner is not None and owner not in ids:
                yield (field, i, "person"), f"personen '{owner}' finns inte i hushållet"
        months = self.variation.months if self.variation else None
        if months is not None and months.start > months.end:
            yield ("variation", "månader"), "variationens första månad ligger efter den sista"
        since = self.history.jobbstimulans_from
        if since is not None and since > self.month:
            yield ("historik", "jobbstimulans_från"), "jobbstimulansen kan inte ha börjat efter månaden som prövas"

    def check(self, rules: Rules) -> None:
        """Raise InputError for the first cross-field problem."""
        for path, problem in self.problems(rules):
            raise self.fail(path, problem)


def parse_case(data: Any, *, display: str = "<fall>", rules: Rules | None = None) -> Case:
    """Validate loaded YAML data as a case; with rules, also check the vocabularies."""
    case = validate(Case, data, display=display)
    case._source = data
    case._file = display
    if rules is not None:
        case.check(rules)
    return case


def load_case(path: str | Path, *, rules: Rules | None = None, display: str | None = None) -> Case:
    """Read a case file; InputError names the file, line and field of any problem."""
    name = display or str(path)
    # The data is only read (validated, and kept for the line of a problem): not copied.
    case = parse_case(load(path, display=name, shared=True), display=name, rules=rules)
    stem = Path(path).stem
    if stem != case.id and not name.startswith("<"):
        raise case.fail(("id",), f"id '{case.id}' ska vara samma som filnamnet ('{stem}')")
    return case
