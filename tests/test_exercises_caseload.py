"""The week-plan exercise (toolkit.exercises.caseload), driven as a trainee would: hand-worked
plans for a hand-made Easter week, one that keeps every limit and one that breaks each limit
of toolkit/parameters/metod.yaml. The feedback must name the broken limit and the store must
get one line per limit.

The limits from metod.yaml (period from 2018-08-01): at most 45 households per secretary
(scaled by part-time: hushållstak_vid_deltid i_proportion), at most 4 visits a day, the
intensive group every week, every household every month. Holidays from helgdagar.yaml:
långfredagen 2026 is Friday 3 April.
"""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.caseload import Household, Staff, method_limits
from toolkit.caseload.grading import WeekTask
from toolkit.exercises import WeekPlanExercise, open_exercise
from toolkit.exercises.common import SESSION
from toolkit.months import Month
from toolkit.progress import AttemptRecord, Store

MON, TUE, WED, FRI = date(2026, 3, 30), date(2026, 3, 31), date(2026, 4, 1), date(2026, 4, 3)
LIMITS = ["arbetsdag", "frånvaro", "besök_per_dag", "veckomöte", "månadsmöte", "hushållstak"]


class SpyStore(Store):
    """An in-memory store that also keeps the records it was handed (lines are not stored yet)."""

    def __init__(self) -> None:
        super().__init__("sqlite://")
        self.records: list[AttemptRecord] = []

    def record(self, pseudonym: str, attempt: AttemptRecord) -> int:
        self.records.append(attempt)
        return super().record(pseudonym, attempt)


def easter(extra: tuple[Household, ...] = (), others: tuple[tuple[str, int], ...] = (), b_percent: int = 100):
    """The week of 30 March 2026. A works Monday–Friday; B is away Tuesday 31 March. H1 is in the
    intensive group (A); H2 (A) and H3 (B) have their monthly meeting this week; H4 (B) does not."""
    households = (
        Household("H1", "vecka", "A"),
        Household("H2", "månad", "A"),
        Household("H3", "månad", "B"),
        Household("H4", "månad", "B"),
        *extra,
    )
    due = frozenset({"H2", "H3"} | {h.id for h in extra})
    staff = (Staff("A"), Staff("B", b_percent, absent=frozenset({TUE})))
    return WeekTask(MON, staff, households, due, method_limits(Month(2026, 3)), others)


def exercise(task: WeekTask, store: Store | None = None, pseudonym: str | None = "ny-ss-07") -> WeekPlanExercise:
    return WeekPlanExercise(task, store=store or SpyStore(), pseudonym=pseudonym, book_base="")


def check(ex: WeekPlanExercise, plan: list[tuple[str, str, date | None]]):
    ex.fill(plan)
    ex.check_button.click()
    assert ex.grade_shown is not None
    return ex.grade_shown


def test_a_plan_that_keeps_every_limit_is_all_right_and_recorded_line_by_line():
    """H1 (A) Monday, H2 (A) Tuesday, H3 (B) Wednesday: one visit a day each, on working days,
    every household due met by its own secretary. A has 2 households, B 2: far under 45."""
    store = SpyStore()
    ex = exercise(easter(), store)
    grade = check(ex, [("H1", "A", MON), ("H2", "A", TUE), ("H3", "B", WED)])
    assert grade.passed and set(grade.kept) == set(LIMITS)
    assert "Din plan håller 6 av 6 gränser." in ex.result.value and "gränsen bröts" not in ex.result.value
    (record,) = store.records
    assert (record.exercise, record.score, record.max_score) == ("veckoplan/2026-03-30", 6, 6)
    assert [(line.key, line.skill, line.right) for line in record.lines] == [
        (key, "besöksplanering", True) for key in LIMITS
    ]
    assert record.answer == [
        {"hushåll": "H1", "socialsekreterare": "A", "dag": "2026-03-30"},
        {"hushåll": "H2", "socialsekreterare": "A", "dag": "2026-03-31"},
        {"hushåll": "H3", "socialsekreterare": "B", "dag": "2026-04-01"},
    ]


FIVE = tuple(Household(f"H{i}", "månad", "A") for i in range(5, 8))  # with H1, H2: five for A


@pytest.mark.parametrize(
    "task, plan, rule, limit_text, words",
    [
        # Långfredagen (Friday 3 April 2026) is an allmän helgdag: nobody works.
        (
            easter(),
            [("H1", "A", FRI), ("H2", "A", TUE), ("H3", "B", WED)],
            "arbetsdag",
            "besök bara på arbetsdagar",
            ["fredag 3 april", "långfredagen"],
        ),
        # B is away Tuesday 31 March.
        (
            easter(),
            [("H1", "A", MON), ("H2", "A", TUE), ("H3", "B", TUE)],
            "frånvaro",
            "besök bara de dagar socialsekreteraren arbetar",
            ["B arbetar inte tisdag 31 mars"],
        ),
        # Five visits for A on Monday: H1, H2, H5, H6, H7; the limit is 4.
        (
            easter(FIVE),
            [
                ("H1", "A", MON),
                ("H2", "A", MON),
                ("H3", "B", WED),
                ("H5", "A", MON),
                ("H6", "A", MON),
                ("H7", "A", MON),
            ],
            "besök_per_dag",
            "högst 4 besök per dag och socialsekreterare",
            ["A har 5 besök måndag 30 mars", "högst 4 besök per dag"],
        ),
        # H1 (intensive group) gets no visit this week.
        (
            easter(),
            [("H1", "A", None), ("H2", "A", TUE), ("H3", "B", WED)],
            "veckomöte",
            "den intensiva gruppen",
            ["H1", "varje vecka"],
        ),
        # H3's monthly meeting falls this week but gets no visit.
        (
            easter(),
            [("H1", "A", MON), ("H2", "A", TUE), ("H3", "B", None)],
            "månadsmöte",
            "vars månadsmöte ska vara den här veckan",
            ["H3 ska ha sitt månadsmöte den här veckan"],
        ),
        # A has 43 households besides H1 and H2 (45, the cap) and meets B's H3 too: 46.
        (
            easter(others=(("A", 43), ("B", 0))),
            [("H1", "A", MON), ("H2", "A", TUE), ("H3", "A", WED)],
            "hushållstak",
            "högst 45 hushåll per socialsekreterare",
            ["A får 46 hushåll", "taket är 45"],
        ),
        # B works 50 %: cap 45 · 50 // 100 = 22; B has 20 besides H3 and H4, and meets A's H1: 23.
        (
            easter(others=(("A", 0), ("B", 20)), b_percent=50),
            [("H1", "B", MON), ("H2", "A", TUE), ("H3", "B", WED)],
            "hushållstak",
            "högst 45 hushåll per socialsekreterare",
            ["B får 23 hushåll", "taket är 22 hushåll (50 procents tjänst)"],
        ),
    ],
    ids=["helgdag", "ledig", "fem-besok", "intensiv", "manadsmote", "tak", "tak-deltid"],
)
def test_a_plan_that_breaks_a_limit_is_told_which(task, plan, rule, limit_text, words):
    store = SpyStore()
    ex = exercise(task, store)
    grade = check(ex, plan)
    assert grade.broken_rules() == [rule]
    shown = ex.result.value
    assert "Din plan håller 5 av 6 gränser." in shown
    assert f"✗ {grade.rule_text(rule)}</b>: gränsen bröts." in shown and limit_text in grade.rule_text(rule)
    for word in words:
        assert word in shown, shown
    (record,) = store.records
    assert (record.score, record.max_score) == (5, 6)
    assert {line.key: line.right for line in record.lines} == {key: key != rule for key in LIMITS}


def test_a_colleague_meeting_a_household_is_a_warning_not_a_broken_limit():
    ex = exercise(easter())
    grade = check(ex, [("H1", "A", MON), ("H2", "B", WED), ("H3", "B", WED)])
    assert grade.passed
    assert "Att tänka på:" in ex.result.value and "H2 har A som sin socialsekreterare" in ex.result.value


def test_without_a_pseudonym_the_result_shows_and_nothing_is_recorded(monkeypatch):
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    store = SpyStore()
    ex = exercise(easter(), store, pseudonym=None)
    check(ex, [("H1", "A", MON), ("H2", "A", TUE), ("H3", "B", WED)])
    assert "6 av 6" in ex.result.value and "pseudonym" in ex.status.value and "Planen finns kvar" in ex.status.value
    assert store.records == [] and ex.day_field["H3"].value == WED.isoformat()
    ex.pseudonym.value = "ny-ss-07"
    ex.check_button.click()
    assert len(store.records) == 1 and "sparat" in ex.status.value


def test_the_form_lists_each_household_to_meet_with_its_own_secretary():
    ex = exercise(easter())
    assert list(ex.day_field) == ["H1", "H2", "H3"]  # H4 has no meeting due this week
    assert [ex.who_field[h].value for h in ex.who_field] == ["A", "A", "B"]
    assert all(field.value == "" for field in ex.day_field.values())
    assert ex.day_field["H1"].options[0] == ("inget besök", "")
    assert len(ex.day_field["H1"].options) == 6  # no visit, Monday–Friday


def test_the_registered_week_opens_checks_itself_and_names_its_attempts():
    ex = open_exercise("veckoplan-01", store=Store("sqlite://"), pseudonym="ny-ss-07")
    assert isinstance(ex, WeekPlanExercise) and ex.exercise_id == "veckoplan/veckoplan-01"
    assert ex.task.monday == MON  # the registry's seed gives the Easter week
    assert ex.selftest().startswith("Självtest godkänt")
