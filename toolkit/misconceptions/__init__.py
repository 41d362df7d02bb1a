"""The catalogue of misconceptions, and how each is recognised in a wrong answer.

The texts (name, explanation, skill, book section) are data in toolkit/misconceptions.yaml.
A detector computes, with the rules for the case's month, the amount(s) a trainee would
write if they held the misconception; a wrong answer equal to one of them names it. No
detector holds a figure: every alternative comes from the parameters.

catalogue   the misconceptions file and lookup by id
context     the line of the assessment a detector sees
detectors   one detector per misconception of the beräkning
matching    same_amount, alternatives, detect
"""

from .catalogue import BOOK_BASE, CATALOGUE, BookLink, Misconception, catalogue, get
from .context import LineContext, line_contexts
from .detectors import DETECTORS, Detector, detector
from .matching import alternatives, detect, same_amount

__all__ = [
    "BOOK_BASE",
    "CATALOGUE",
    "DETECTORS",
    "BookLink",
    "Detector",
    "LineContext",
    "Misconception",
    "alternatives",
    "catalogue",
    "detect",
    "detector",
    "get",
    "line_contexts",
    "same_amount",
]
