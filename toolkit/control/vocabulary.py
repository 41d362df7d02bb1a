"""kontroll.yaml as the control exercise reads it: the actions and the change warning.

The values are in parameters/kontroll.yaml and the actions' citations in lagrum.yaml, all
read through Rules; this view only gathers them for the exercise module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..months import Month
from ..rules import Rules, load_rules
from ..schemas.control import ChangeWarningPeriod, ControlAction


@dataclass(frozen=True)
class ControlSettings:
    rules: Rules

    @property
    def actions(self) -> list[ControlAction]:
        """The actions in the order shown."""
        return self.rules.control_actions

    @property
    def change_warning(self) -> ChangeWarningPeriod:
        """The change warning in force this month (for a text that names no month of its own;
        feedback on a control uses the limit in force in the control's months)."""
        return self.rules.change_warning(Month.of(date.today()))

    def action(self, action_id: str) -> ControlAction:
        return next(a for a in self.actions if a.id == action_id)

    def citation(self, rule: str, month: Month) -> str:
        """The citation in force on the first day of the month (Rules.citation), marked when
        its section is not verified."""
        return str(self.rules.citation(rule, month))


def settings(rules: Rules | None = None) -> ControlSettings:
    """The control vocabulary for the municipality's rules."""
    return ControlSettings(rules or load_rules())
