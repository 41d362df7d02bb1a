"""The control exercises' parameter file, kontroll.yaml: the register service's change warning
(dated, with its source) and the actions a social secretary can take, each with the rule in
lagrum.yaml that gives its legal basis."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StrictInt, model_validator

from .common import Dated, Strict

NO_ACTION = "ingen_åtgärd"  # the action that excludes every other


class ChangeWarningPeriod(Dated):
    percent: Annotated[StrictInt, Field(ge=1, le=100)] = Field(alias="gräns_procent")


class ControlAction(Strict):
    id: str = Field(pattern=r"^[a-zåäö_]+$")
    text: str = Field(min_length=5)
    rule: str | None = Field(default=None, alias="lagrum")


class ControlFile(Strict):
    name: str = Field(alias="namn")
    change_warning: list[ChangeWarningPeriod] = Field(alias="ändringsvarning", min_length=1)
    registers: dict[str, str] = Field(default_factory=dict, alias="register")
    actions: list[ControlAction] = Field(alias="åtgärder", min_length=2)

    @model_validator(mode="after")
    def _actions(self) -> ControlFile:
        ids = [a.id for a in self.actions]
        if len(ids) != len(set(ids)):
            raise ValueError("samma åtgärd står flera gånger")
        if NO_ACTION not in ids:
            raise ValueError(f"åtgärden {NO_ACTION} saknas")
        return self
