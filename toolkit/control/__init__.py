"""Control of an application against register answers: discrepancies, the change warning,
and the amount paid in error. No UI here.

model       the control exercise file (casebank/controls/<id>.yaml) and its checks
analysis    discrepancies, change warnings, the amount paid in error month by month
grading     the trainee's answer, the misconception detectors, the feedback
vocabulary  the actions and the change warning of parameters/kontroll.yaml
"""

from .analysis import (
    ChangeWarning,
    Discrepancy,
    MonthResult,
    change_warnings,
    changed_more_than,
    declared_amount,
    differs,
    discrepancies,
    paid_in_error,
    row_label,
)
from .grading import (
    ACTIONS,
    DETECTORS,
    MOTIVATION,
    TOTAL,
    ControlAnswer,
    ControlContext,
    ControlFeedback,
    compare_control,
    control_detector,
    month_field,
    read_control_answer,
    right_control_answer,
    row_field,
)
from .model import CONTROLS, SOURCES, Control, ControlKey, RegisterRow, control_ids, declared_incomes, load_control
from .vocabulary import ControlSettings, settings

__all__ = [
    "ACTIONS",
    "CONTROLS",
    "ChangeWarning",
    "Control",
    "ControlAnswer",
    "ControlContext",
    "ControlFeedback",
    "ControlKey",
    "ControlSettings",
    "DETECTORS",
    "Discrepancy",
    "MOTIVATION",
    "MonthResult",
    "RegisterRow",
    "SOURCES",
    "TOTAL",
    "change_warnings",
    "changed_more_than",
    "compare_control",
    "control_detector",
    "control_ids",
    "declared_amount",
    "declared_incomes",
    "differs",
    "discrepancies",
    "load_control",
    "month_field",
    "paid_in_error",
    "read_control_answer",
    "right_control_answer",
    "row_field",
    "row_label",
    "settings",
]
