"""The review's score, and the review against a draft's key (facit)."""

from __future__ import annotations

from .model import RULE_IDS, KeyFinding, PlanKey
from .review import Finding


def score(findings: list[Finding]) -> tuple[int, int]:
    """(rules without a finding, all rules): the score stored with an attempt."""
    broken = {f.rule for f in findings}
    return len(RULE_IDS) - len(broken), len(RULE_IDS)


def compare_with_key(findings: list[Finding], key: PlanKey) -> tuple[list[KeyFinding], list[Finding]]:
    """(expected findings the review did not give, findings the key did not expect)."""
    got = {(f.rule, f.field) for f in findings}
    expected = {(k.rule, k.field) for k in key.findings}
    missing = [k for k in key.findings if (k.rule, k.field) not in got]
    extra = [f for f in findings if (f.rule, f.field) not in expected]
    return missing, extra
