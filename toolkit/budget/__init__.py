"""Budget advice: a household budget set against the riksnorm and reference costs, and what
each piece of advice does to the monthly result and to the bistånd. No UI here.

Lowering expenses works as well as raising income, but not every saving lowers the bistånd:
- a cost the riksnorm covers (food, phone, ...): the norm stays, the household keeps the saving;
- a reasonable cost outside the norm (rent, electricity, ...): the bistånd falls with the cost;
- debts and costs outside försörjningsstöd: paid by the household; debts belong to the
  municipality's budget and debt counselling, never to the bistånd.
Everything the riksnorm covers is read from assess(); reference costs come from
toolkit/parameters/konsumentverket.yaml with their source and year.

data        the vocabulary and the reference costs (parameters)
model       the budget file, its checks, and the case the engine assesses
analysis    the budget against the norm and the references, with flags
advice      reading advice and its effect and verdict; the outcome of all advice
projection  month by month without and with the advice
grading     the advice against the key
"""

from .advice import VERDICTS, WRONG, Advice, AdviceEffect, Outcome, effect, outcome, read_advice
from .analysis import Analysis, Comparison, Flag, analyse, reference_note, sources
from .data import DEBTS, NORM, BudgetData, load_budget_data
from .grading import BudgetFeedback, KeyCheck, check_advice, key_advice
from .model import ACTIONS, Budget, budget_by_id, budget_dir, budget_files, load_budget, parse_budget, to_case
from .projection import MonthRow, Projection, project

__all__ = [
    "ACTIONS",
    "DEBTS",
    "NORM",
    "VERDICTS",
    "WRONG",
    "Advice",
    "AdviceEffect",
    "Analysis",
    "Budget",
    "BudgetData",
    "BudgetFeedback",
    "Comparison",
    "Flag",
    "KeyCheck",
    "MonthRow",
    "Outcome",
    "Projection",
    "analyse",
    "budget_by_id",
    "budget_dir",
    "budget_files",
    "check_advice",
    "effect",
    "key_advice",
    "load_budget",
    "load_budget_data",
    "outcome",
    "parse_budget",
    "project",
    "read_advice",
    "reference_note",
    "sources",
    "to_case",
]
