"""A plan toward self-sufficiency as structured data, and a deterministic review of it.

The plan holds the goal in the client's own words, the obstacles, sub-goals, activities
(who does what by when), the next follow-up, the child perspective, cooperation with
Arbetsförmedlingen or the municipality's labour-market unit, and the client's own
responsibility for the economy. No UI here.

model    the plan, the plan files of the case bank, the review rules' file
review   the findings of the review (rule id, field, Swedish message, severity)
grading  the score, and the review against a draft's key
"""

from .grading import compare_with_key, score
from .model import (
    CHILDCARE,
    PARTNERS,
    RULE_IDS,
    SEVERITIES,
    Activity,
    Conditions,
    Cooperation,
    KeyFinding,
    Plan,
    PlanFile,
    PlanKey,
    SubGoal,
    load_plan_file,
    load_plan_rules,
    parse_plan,
    plan_by_id,
    plan_dir,
    plan_files,
    sections,
)
from .review import DEFAULT_FOLLOW_UP_MONTHS, Finding, add_months, follow_up_deadline, review, rules_markdown

__all__ = [
    "CHILDCARE",
    "DEFAULT_FOLLOW_UP_MONTHS",
    "PARTNERS",
    "RULE_IDS",
    "SEVERITIES",
    "Activity",
    "Conditions",
    "Cooperation",
    "Finding",
    "KeyFinding",
    "Plan",
    "PlanFile",
    "PlanKey",
    "SubGoal",
    "add_months",
    "compare_with_key",
    "follow_up_deadline",
    "load_plan_file",
    "load_plan_rules",
    "parse_plan",
    "plan_by_id",
    "plan_dir",
    "plan_files",
    "review",
    "rules_markdown",
    "score",
    "sections",
]
