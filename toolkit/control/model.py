"""The control exercise file (casebank/controls/<id>.yaml): a household as in a case file,
what the applicant declared for each month, synthetic register answers for the same months
(as the register service SSBTEK gives them: Försäkringskassan, Arbetsförmedlingen, the
a-kassa, CSN and Skatteverket) and the key worked out by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .. import settings as locations
from ..case import Case, PersonId, Slug, parse_case
from ..errors import InputError
from ..money import ore
from ..months import Month
from ..rules import display_path, load_rules
from ..schemas.common import Kronor, Strict
from ..yamlfile import load, validate

CONTROLS = locations.casebank_dir() / "controls"
SOURCES = ("Försäkringskassan", "Arbetsförmedlingen", "A-kassan", "CSN", "Skatteverket")


def _month_keys(value: Any) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, amount in value.items():
            try:
                out[str(Month.parse(str(key)))] = amount
            except ValueError as error:
                raise ValueError(str(error)) from None
        return out
    return value


class RegisterRow(Strict):
    """One line of a register answer: a benefit paid per month, or a fact per month."""

    source: Literal["Försäkringskassan", "Arbetsförmedlingen", "A-kassan", "CSN", "Skatteverket"] = Field(alias="källa")
    benefit: str | None = Field(default=None, alias="förmån")
    fact: str | None = Field(default=None, alias="uppgift")
    person: PersonId | None = None
    amounts: dict[str, Kronor] = Field(default_factory=dict, alias="belopp")
    gross: dict[str, Kronor] = Field(default_factory=dict, alias="brutto")
    tax: dict[str, Kronor] = Field(default_factory=dict, alias="skatt")
    values: dict[str, str] = Field(default_factory=dict, alias="värden")
    declared: dict[str, str] = Field(default_factory=dict, alias="redovisat")

    _keys = field_validator("amounts", "gross", "tax", "values", "declared", mode="before")(
        lambda cls, v: _month_keys(v)
    )

    @model_validator(mode="after")
    def _one_kind(self) -> RegisterRow:
        if (self.benefit is None) == (self.fact is None):
            raise ValueError("ett registersvar har antingen förmån (pengar) eller uppgift (en uppgift), inte båda")
        if self.fact is not None and (self.amounts or self.gross or self.tax):
            raise ValueError("en uppgift har värden, inte belopp")
        if self.benefit is not None and self.gross and not self.tax.keys() >= self.gross.keys():
            raise ValueError("brutto kräver skatt för samma månader")
        if self.benefit is not None and self.amounts and self.gross:
            raise ValueError("ange antingen belopp (utbetalt) eller brutto och skatt")
        return self

    @property
    def money(self) -> bool:
        return self.benefit is not None

    def months(self) -> list[str]:
        return sorted(set(self.amounts) | set(self.gross) | set(self.values))

    def net(self, month: str) -> int | None:
        """What was paid out in the month, in öre (gross minus tax for Skatteverket)."""
        if month in self.gross:
            return ore(self.gross[month] - self.tax[month])
        if month in self.amounts:
            return ore(self.amounts[month])
        return None

    def gross_amount(self, month: str) -> int | None:
        return ore(self.gross[month]) if month in self.gross else None


class DeclaredIncome(Strict):
    type: str = Field(alias="typ")
    amount: Kronor = Field(alias="belopp")
    person: PersonId | None = None


class ControlMonth(Strict):
    month: str = Field(alias="månad")
    declared: list[DeclaredIncome] = Field(default_factory=list, alias="redovisat")

    _month = field_validator("month", mode="before")(lambda cls, v: str(Month.parse(str(v))))


class Finding(Strict):
    benefit: str = Field(alias="förmån")
    month: str = Field(alias="månad")
    person: PersonId | None = None

    _month = field_validator("month", mode="before")(lambda cls, v: str(Month.parse(str(v))))


class ControlKey(Strict):
    """The key, worked out by hand: where the register differs, the amount paid in error per
    month, and what to do."""

    findings: list[Finding] = Field(default_factory=list, alias="avvikelser")
    paid_in_error: dict[str, Kronor] = Field(alias="felaktigt_utbetalt")
    actions: list[str] = Field(alias="åtgärder", min_length=1)
    motivation: str = Field(alias="motivering", min_length=20)
    working: str = Field(default="", alias="beräkning")
    source: str = Field(alias="källa", min_length=10)

    _keys = field_validator("paid_in_error", mode="before")(lambda cls, v: _month_keys(v))


class Control(Strict):
    id: Slug
    title: str = Field(alias="titel", min_length=3)
    level: Literal[1, 2, 3] = Field(default=1, alias="nivå")
    skills: list[str] = Field(default_factory=list, alias="färdigheter")
    municipality: Slug | None = Field(default=None, alias="kommun")
    application: dict[str, Any] = Field(alias="ansökan")
    narrative: str = Field(default="", alias="berättelse")
    months: list[ControlMonth] = Field(alias="månader", min_length=1)
    rows: list[RegisterRow] = Field(alias="registersvar", min_length=1)
    key: ControlKey = Field(alias="facit")

    def month_list(self) -> list[str]:
        return [m.month for m in self.months]

    def case(self, index: int, incomes: list[dict[str, Any]]) -> Case:
        """The application for one month as a case, with the given incomes."""
        data = dict(self.application)
        history = dict(data.get("historik") or {})
        history["försörjningsstöd_månader_i_följd"] = history.get("försörjningsstöd_månader_i_följd", 0) + index
        data.update(
            {
                "id": self.id,
                "titel": self.title,
                "månad": self.months[index].month,
                "historik": history,
                "inkomster": incomes,
            }
        )
        if self.municipality:
            data["kommun"] = self.municipality
        return parse_case(data, display=f"{self.id} ({self.months[index].month})")


def load_control(name: str | Path, folder: Path | None = None) -> Control:
    """A control exercise by id (in casebank/controls) or by path; InputError names the
    file, line and field of any problem."""
    path = Path(name)
    if path.suffix != ".yaml":
        path = Path(folder or locations.casebank_dir() / "controls") / f"{name}.yaml"
    display = display_path(path)
    data = load(path, display=display)
    control = validate(Control, data, display=display)
    if path.stem != control.id:
        raise InputError(f"id '{control.id}' ska vara samma som filnamnet ('{path.stem}')", file=display)
    rules = load_rules(control.municipality)
    known = {a.id for a in rules.control_actions}
    for action in control.key.actions:
        if action not in known:
            raise InputError(
                f"okänd åtgärd '{action}' (finns: {', '.join(sorted(known))})", file=display, field="facit.åtgärder"
            )
    for row in control.rows:
        if row.money and row.benefit not in rules.income_types:
            raise InputError(
                f"okänd förmån '{row.benefit}' (ska vara en inkomsttyp)", file=display, field="registersvar"
            )
    for i in range(len(control.months)):
        control.case(i, declared_incomes(control, i)).check(rules)
    return control


def control_ids(folder: Path | None = None) -> list[str]:
    return sorted(p.stem for p in Path(folder or locations.casebank_dir() / "controls").glob("*.yaml"))


def declared_incomes(control: Control, index: int) -> list[dict[str, Any]]:
    """The month's incomes as the applicant declared them, as case-file items."""
    return [
        {"typ": i.type, "belopp": i.amount, **({"person": i.person} if i.person else {})}
        for i in control.months[index].declared
    ]
