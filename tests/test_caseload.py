"""The caseload planner (toolkit.caseload): holidays, the month's calendar, the plan and its
limits, the report of a limit that cannot be kept, input files, exports, the command line,
the calendar charts and the grading of a trainee's week plan.

Every expected number is worked by hand in the test's docstring from the law (holidays),
the method's limits in toolkit/parameters/metod.yaml (45 households, 4 visits a day, every
month / every week) or a published calendar. Plans are checked by an independent checker
written here, never against the planner's own output.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, run_toolkit

from toolkit.caseload import Household, Staff, holidays, method_limits, month_calendar, plan_month
from toolkit.caseload.export import write_csv, write_excel
from toolkit.caseload.grading import WeekTask, describe_task, grade_week, model_answer, week_task
from toolkit.caseload.inputs import parse_days, read_households, read_staff, read_unit
from toolkit.caseload.planner import capacity
from toolkit.caseload.solver import schedule_days
from toolkit.caseload.workdays import parse_weekdays
from toolkit.errors import InputError, MissingParameterError
from toolkit.months import Month

EXAMPLES = ROOT / "casebank" / "metod"
MON_FRI = frozenset(range(5))


def d(text: str) -> date:
    return date.fromisoformat(text)


def days_between(first: str, last: str) -> frozenset[date]:
    start, end = d(first), d(last)
    return frozenset(start + timedelta(days=i) for i in range((end - start).days + 1))


# -- an independent checker of a plan ---------------------------------------------------------------
def check_plan(plan, households, staff, month: Month) -> None:
    """Every limit of the method, checked from the visits alone (not from the planner's counts)."""
    calendar = month_calendar(month)
    limits = method_limits(month)
    people = {s.id: s for s in staff}
    kinds = {h.id: h.frequency for h in households}
    assert set(plan.assignment) == set(kinds), "every household is in the plan"
    per_day = Counter((v.staff, v.day) for v in plan.visits)
    assert max(per_day.values()) <= limits.max_visits_per_day
    for visit in plan.visits:
        assert visit.day in calendar.working_days, visit
        if visit.staff in people:
            member = people[visit.staff]
            assert visit.day.weekday() in member.weekdays and visit.day not in member.absent, visit
        assert plan.assignment[visit.household] == visit.staff
    for sid, count in Counter(plan.assignment.values()).items():
        percent = people[sid].percent if sid in people else 100
        assert count <= limits.max_households * percent // 100, sid
    met = Counter(v.household for v in plan.visits)
    for hid, kind in kinds.items():
        if kind == "månad":
            assert met[hid] == 1, hid
        else:
            for week in calendar.weeks:
                assert sum(1 for v in plan.visits if v.household == hid and v.day in week) == 1, (hid, week)


# -- holidays and the calendar ----------------------------------------------------------------------
def test_easter_and_the_days_that_follow_it():
    """Easter Sunday by the almanac: 2018-04-01, 2019-04-21, 2020-04-12, 2024-03-31, 2025-04-20,
    2026-04-05. Långfredagen is two days before, annandag påsk the day after, Kristi
    himmelsfärdsdag the sixth Thursday after (39 days), pingstdagen the seventh Sunday (49 days)
    (lag (1989:253) om allmänna helgdagar 2 §)."""
    for year, easter in (
        (2018, "04-01"),
        (2019, "04-21"),
        (2020, "04-12"),
        (2024, "03-31"),
        (2025, "04-20"),
        (2026, "04-05"),
    ):
        sunday = d(f"{year}-{easter}")
        days = holidays(year)
        assert days[sunday] == "påskdagen"
        assert days[sunday - timedelta(days=2)] == "långfredagen"
        assert days[sunday + timedelta(days=1)] == "annandag påsk"
        assert days[sunday + timedelta(days=39)] == "Kristi himmelsfärdsdag"
        assert (sunday + timedelta(days=39)).weekday() == 3
        assert days[sunday + timedelta(days=49)] == "pingstdagen"


def test_the_holidays_of_2018_as_a_university_published_them():
    """Uppsala universitet, "Röda dagar, halvdagar och klämdagar 2018": långfredagen 30 mars,
    annandag påsk 2 april, första maj (tisdag), Kristi himmelfärds dag 10 maj, nationaldagen
    onsdag 6 juni, juldagen 25 december, annandag jul 26 december; midsommarafton fredag 22 juni
    and julafton måndag 24 december and nyårsafton 31 december were free days too."""
    days = holidays(2018)
    for when, name in (
        ("03-30", "långfredagen"),
        ("04-02", "annandag påsk"),
        ("05-01", "första maj"),
        ("05-10", "Kristi himmelsfärdsdag"),
        ("06-06", "nationaldagen"),
        ("06-23", "midsommardagen"),
        ("12-25", "juldagen"),
        ("12-26", "annandag jul"),
    ):
        assert days[d(f"2018-{when}")] == name
    off = month_calendar(Month(2018, 6)).days_off
    assert off[d("2018-06-22")] == "midsommarafton"
    assert month_calendar(Month(2018, 12)).days_off[d("2018-12-24")] == "julafton"


def test_the_holidays_of_2020_as_a_magazine_published_them():
    """chef.se, "Här är alla röda dagar 2020": långfredagen 10 april, annandag påsk 13 april,
    nationaldagen on a Saturday, midsommarafton fredag 19 juni and midsommardagen 20 juni, alla
    helgons dag lördag 31 oktober, juldagen fredag 25 december."""
    days = holidays(2020)
    assert days[d("2020-04-10")] == "långfredagen" and days[d("2020-04-13")] == "annandag påsk"
    assert days[d("2020-06-20")] == "midsommardagen" and days[d("2020-10-31")] == "alla helgons dag"
    assert d("2020-06-06").weekday() == 5 and days[d("2020-06-06")] == "nationaldagen"
    assert month_calendar(Month(2020, 6)).days_off == {d("2020-06-19"): "midsommarafton"}


def test_nationaldagen_replaced_annandag_pingst_on_1_april_2005():
    """Lag (2004:1320), in force 2005-04-01: nationaldagen in, annandag pingst out. Easter 2004 was
    11 April, so annandag pingst 2004 was 31 May; in 2005 (Easter 27 March) it would have been
    16 May but was no longer a holiday."""
    assert holidays(2004)[d("2004-05-31")] == "annandag pingst"
    assert d("2004-06-06") not in holidays(2004)
    assert d("2005-05-16") not in holidays(2005)
    assert holidays(2005)[d("2005-06-06")] == "nationaldagen"
    assert holidays(2005)[d("2005-03-25")] == "långfredagen"


def test_a_year_before_the_law_has_no_holiday_list():
    with pytest.raises(MissingParameterError, match="helgdagar"):
        holidays(1989)


@pytest.mark.parametrize(
    "month, working, weeks, off",
    [
        # March 2026 starts on a Sunday: 22 weekdays, no holiday. ISO weeks 10–13 have their Thursday
        # in March; week 14 (30 March – 5 April) has its Thursday on 2 April and belongs to April.
        ("2026-03", 22, [5, 5, 5, 5], {}),
        # April 2026: 22 weekdays minus långfredagen (3rd) and annandag påsk (6th) = 20. Weeks by
        # Thursday: 2 April (1–2 April worked), 9 (7–10), 16, 23 (full), 30 (27–30; 1 May is May's).
        ("2026-04", 20, [2, 4, 5, 5, 4], {"2026-04-03": "långfredagen", "2026-04-06": "annandag påsk"}),
        # December 2026: 23 weekdays minus julafton (Thu 24), juldagen (Fri 25), nyårsafton (Thu 31) = 20.
        (
            "2026-12",
            20,
            [4, 5, 5, 3, 3],
            {"2026-12-24": "julafton", "2026-12-25": "juldagen", "2026-12-31": "nyårsafton"},
        ),
    ],
)
def test_the_months_working_days_and_weeks(month, working, weeks, off):
    calendar = month_calendar(Month.parse(month))
    assert len(calendar.working_days) == working
    assert [len(w) for w in calendar.weeks] == weeks
    assert calendar.days_off == {d(k): v for k, v in off.items()}


def test_the_other_week_rule_counts_every_week_with_a_working_day(tmp_path):
    """With vecka_hör_till_månad: arbetsdag, March 2026 also counts 30–31 March (ISO week 14):
    five weeks, the last with two working days."""
    import shutil

    from toolkit.settings import PARAMETERS

    for name in ("metod.yaml", "helgdagar.yaml"):
        shutil.copy(PARAMETERS / name, tmp_path / name)
    path = tmp_path / "metod.yaml"
    text = path.read_text(encoding="utf-8")
    assert "vecka_hör_till_månad: torsdag" in text
    path.write_text(text.replace("vecka_hör_till_månad: torsdag", "vecka_hör_till_månad: arbetsdag"), encoding="utf-8")
    assert [len(w) for w in month_calendar(Month(2026, 3), tmp_path).weeks] == [5, 5, 5, 5, 2]


def test_weekdays_and_days_away_are_read_in_swedish():
    assert parse_weekdays("mån-fre") == MON_FRI
    assert parse_weekdays("mån tis ons") == frozenset({0, 1, 2})
    assert parse_weekdays("måndag, torsdag") == frozenset({0, 3})
    assert parse_weekdays("") == MON_FRI
    with pytest.raises(ValueError, match="ingen veckodag"):
        parse_weekdays("måndagar")
    assert parse_days("2026-03-09/2026-03-11 2026-03-20") == {
        d("2026-03-09"),
        d("2026-03-10"),
        d("2026-03-11"),
        d("2026-03-20"),
    }
    with pytest.raises(ValueError, match="slutar före"):
        parse_days("2026-03-11/2026-03-09")


def test_the_limits_have_a_date_and_a_source():
    limits = method_limits(Month(2026, 3))
    assert (limits.max_households, limits.max_visits_per_day) == (45, 4)
    assert "Borås" in limits.source.describe()
    with pytest.raises(MissingParameterError, match="metodens gränser"):
        method_limits(Month(2018, 7))


# -- plans that keep every limit --------------------------------------------------------------------
def test_a_small_unit_keeps_every_limit_and_every_household_stays_with_its_secretary():
    """Two full-time secretaries, ten monthly and two weekly households each, March 2026: well
    inside every limit, so nobody should be moved."""
    staff = [Staff("A"), Staff("B")]
    households = [Household(f"{s}{i}", "vecka" if i < 2 else "månad", s) for s in "AB" for i in range(12)]
    plan = plan_month(households, staff, "2026-03")
    assert plan.feasible and plan.extra_staff == 0 and not plan.breaches
    assert plan.moved == []
    check_plan(plan, households, staff, Month(2026, 3))
    # 10 monthly + 2 × 4 weekly visits = 18 visits each
    assert Counter(v.staff for v in plan.visits) == {"A": 18, "B": 18}


def test_weekly_households_move_to_a_colleague_when_their_secretary_is_away_a_whole_week():
    """A is on leave 9–13 March 2026 (a whole counting week), so A cannot meet a weekly household
    that week: both of A's weekly households must be met by B this month."""
    staff = [Staff("A", absent=days_between("2026-03-09", "2026-03-13")), Staff("B")]
    households = [
        Household("H1", "vecka", "A"),
        Household("H2", "vecka", "A"),
        Household("H3", "månad", "A"),
        Household("H4", "månad", "B"),
    ]
    plan = plan_month(households, staff, "2026-03")
    assert plan.feasible
    assert plan.moved == [("H1", "A", "B"), ("H2", "A", "B")]
    check_plan(plan, households, staff, Month(2026, 3))


def test_new_households_go_to_the_secretary_with_room():
    """A has 44 households (room for one), B has 10: the two new households should not both go to A,
    and the plan keeps A at or under 45."""
    staff = [Staff("A"), Staff("B")]
    households = (
        [Household(f"A{i:02d}", "månad", "A") for i in range(44)]
        + [Household(f"B{i:02d}", "månad", "B") for i in range(10)]
        + [Household("N1"), Household("N2")]
    )
    plan = plan_month(households, staff, "2026-03")
    assert plan.feasible and plan.moved == []
    assert plan.assignment["N1"] == plan.assignment["N2"] == "B"
    check_plan(plan, households, staff, Month(2026, 3))


def test_the_same_input_gives_the_same_plan():
    staff = [Staff("A"), Staff("B", 50, frozenset({0, 1, 2}))]
    households = [Household(f"H{i:02d}", "vecka" if i % 7 == 0 else "månad") for i in range(40)]
    first, second = plan_month(households, staff, "2026-04"), plan_month(households, staff, "2026-04")
    assert first.visits == second.visits and first.assignment == second.assignment
    check_plan(first, households, staff, Month(2026, 4))


# -- limits that cannot be kept ----------------------------------------------------------------------
def test_one_household_too_many_needs_one_more_secretary():
    """46 households, one full-time secretary: the cap is 45, so one more secretary is needed
    (and one is enough)."""
    staff = [Staff("A")]
    households = [Household(f"H{i:02d}", "månad", "A") for i in range(46)]
    plan = plan_month(households, staff, "2026-03")
    assert not plan.feasible and plan.extra_staff == 1
    assert [b.rule for b in plan.breaches] == ["hushållstak"]
    assert "46 hushåll men plats för 45" in plan.breaches[0].message
    assert Counter(plan.assignment.values())["A"] <= 45


def test_part_time_scales_the_cap():
    """50 percent of 45 is 22.5, rounded down to 22 (metod.yaml: i_proportion): 23 households
    break the cap, 22 do not."""
    staff = [Staff("A", 50)]
    assert plan_month([Household(f"H{i}", "månad", "A") for i in range(22)], staff, "2026-03").feasible
    plan = plan_month([Household(f"H{i}", "månad", "A") for i in range(23)], staff, "2026-03")
    assert not plan.feasible and plan.extra_staff == 1
    assert "23 hushåll men plats för 22" in plan.breaches[0].message


def test_too_few_working_days_break_the_visit_limit():
    """A works Mondays only: in March 2026 that is the 2nd, 9th, 16th, 23rd and 30th, 5 days × 4
    visits = 20 visits. 30 monthly households need 30 visits, so the limit of four a day breaks;
    a full-time colleague (22 days × 4 = 88 visits, cap 45) takes the other 10: one more is enough."""
    staff = [Staff("A", weekdays=frozenset({0}))]
    households = [Household(f"H{i:02d}", "månad", "A") for i in range(30)]
    plan = plan_month(households, staff, "2026-03")
    assert not plan.feasible and plan.extra_staff == 1
    assert [b.rule for b in plan.breaches] == ["besök_per_dag"]
    assert "kräver 30 besök" in plan.breaches[0].message and "plats för 20" in plan.breaches[0].message
    check_plan(plan, households, staff, Month(2026, 3))


def test_a_weekly_household_with_nobody_working_every_week():
    """The only secretary is away 9–13 March 2026: a household in the intensive group cannot be
    met that week, so the weekly limit breaks and one more secretary is needed."""
    staff = [Staff("A", absent=days_between("2026-03-09", "2026-03-13"))]
    plan = plan_month([Household("H1", "vecka", "A"), Household("H2", "månad", "A")], staff, "2026-03")
    assert not plan.feasible and plan.extra_staff == 1
    assert [b.rule for b in plan.breaches] == ["veckomöte"]
    assert plan.assignment["H1"] == "NY-1"


def test_the_summer_example_needs_two_more_secretaries():
    """casebank/metod/personal-juli.csv, July 2026, by hand: the most households each secretary
    can meet is the lower of the cap and 4 visits × working days: S1 3 days (1–3 July) → 12;
    S2 5 days (27–31 July) → 20; S3 Mondays–Wednesdays before 13 July (1, 6, 7, 8 July) → 16;
    S5 13 days (1–17 July) → 52, cap 45 → 45; S7 Mondays–Thursdays from 20 July (8 days) → 32,
    cap 33 → 32; S4, S6, S8 → 45 each. Together 260 of the 312 households in hushall.csv, so 52
    are short; one full-time secretary meets at most 45, so at least two more are needed."""
    households, staff = read_unit(EXAMPLES / "hushall.csv", EXAMPLES / "personal-juli.csv")
    assert len(households) == 312
    plan = plan_month(households, staff, "2026-07")
    assert not plan.feasible and plan.extra_staff == 2 and plan.extra_lower_bound == 2
    assert any("högst 260 av 312" in b.message for b in plan.breaches)
    check_plan(plan, households, staff, Month(2026, 7))


def test_the_march_example_keeps_every_limit():
    households, staff = read_unit(EXAMPLES / "hushall.csv", EXAMPLES / "personal.csv")
    plan = plan_month(households, staff, "2026-03")
    assert plan.feasible
    check_plan(plan, households, staff, Month(2026, 3))
    # S5 is away 16–20 March, a whole counting week: S5's weekly households must move.
    weekly_of_s5 = {h.id for h in households if h.secretary == "S5" and h.frequency == "vecka"}
    assert weekly_of_s5 and weekly_of_s5 <= {hid for hid, own, _ in plan.moved if own == "S5"}


def test_bad_ids_are_refused():
    with pytest.raises(InputError, match="står två gånger"):
        plan_month([Household("H1"), Household("H1")], [Staff("A")], "2026-03")
    with pytest.raises(InputError, match="inte finns i personallistan"):
        plan_month([Household("H1", "månad", "X")], [Staff("A")], "2026-03")


def test_the_day_spread_is_as_even_as_possible():
    """The exact spread (schedule_days) against a small CP-SAT model written here: for random
    secretaries and loads, the busiest day must equal the model's optimum, and weekly households
    get one visit in every week."""
    from ortools.sat.python import cp_model

    limits = method_limits(Month(2026, 4))
    calendar = month_calendar(Month(2026, 4))
    rng = random.Random(7)
    for _ in range(25):
        member = Staff(
            "A",
            weekdays=frozenset(rng.sample(range(5), rng.randint(2, 5))),
            absent=frozenset(rng.sample(list(calendar.working_days), rng.randint(0, 4))),
        )
        cap = capacity(member, calendar, limits, "i_proportion")
        if not cap.weekly_ok:
            continue
        weekly = rng.randint(0, cap.weekly_max)
        monthly = rng.randint(0, min(cap.cap - weekly, cap.visits - weekly * len(calendar.weeks)))
        visits = schedule_days(cap, calendar.weeks, [f"M{i}" for i in range(monthly)], [f"W{i}" for i in range(weekly)])
        peak = max(Counter(day for day, _, _ in visits).values(), default=0)
        model = cp_model.CpModel()
        a = {x: model.new_int_var(0, 4, "") for x in cap.days}
        b = {x: model.new_int_var(0, 4, "") for x in cap.days}
        top = model.new_int_var(0, 4, "top")
        for week in calendar.weeks:
            model.add(sum(a[x] for x in week if x in a) == weekly)
        model.add(sum(b.values()) == monthly)
        for x in cap.days:
            model.add(a[x] + b[x] <= top)
            if calendar.week_of(x) is None:
                model.add(a[x] == 0)
        model.minimize(top)
        solver = cp_model.CpSolver()
        assert solver.solve(model) == cp_model.OPTIMAL
        assert peak == solver.value(top)
        for week in calendar.weeks:
            for i in range(weekly):
                assert sum(1 for day, hid, _ in visits if hid == f"W{i}" and day in week) == 1


# -- input files ------------------------------------------------------------------------------------
def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_the_example_files_are_read():
    households = read_households(EXAMPLES / "hushall.csv")
    staff = read_staff(EXAMPLES / "personal.csv")
    assert len(households) == 312 and sum(1 for h in households if h.frequency == "vecka") == 23
    assert [s.id for s in staff] == [f"S{i}" for i in range(1, 9)]
    s3 = staff[2]
    assert (s3.percent, s3.weekdays) == (60, frozenset({0, 1, 2}))
    assert staff[4].absent == days_between("2026-03-16", "2026-03-20")


def test_comma_separated_files_with_a_byte_order_mark_are_read(tmp_path):
    path = write(tmp_path, "h.csv", "\ufeffhushåll,möten,socialsekreterare\nH1,vecka,A\n\nH2,Månad,\n")
    assert read_households(path) == [Household("H1", "vecka", "A"), Household("H2", "månad", None)]


@pytest.mark.parametrize(
    "kind, text, where, problem",
    [
        ("h", "hushåll;möten\nH1;ibland\n", "rad 2, kolumnen 'möten'", "skriv månad eller vecka"),
        ("h", "hushåll;besök\nH1;månad\n", "rad 1, kolumnen 'besök'", "okänd kolumn"),
        ("h", "hushåll\nH1\n", "rad 1, kolumnen 'möten'", "saknas"),
        ("h", "hushåll;möten\nH1;månad\nH1;vecka\n", "rad 3, kolumnen 'hushåll'", "står redan på rad 2"),
        ("h", "hushåll;möten\nAnna Svensson;månad\n", "rad 2, kolumnen 'hushåll'", "ingen kod"),
        ("h", "hushåll;möten\n", "", "inga rader"),
        ("s", "socialsekreterare;tjänstgöringsgrad\nA;120\n", "rad 2, kolumnen 'tjänstgöringsgrad'", "1–100"),
        ("s", "socialsekreterare;frånvaro\nA;9 mars\n", "rad 2, kolumnen 'frånvaro'", "inget datum"),
        ("s", "socialsekreterare;arbetsdagar\nA;mån-lör\n", "rad 2, kolumnen 'arbetsdagar'", "måndag–fredag"),
        ("s", "socialsekreterare;arbetsdagar\nA;vardagar\n", "rad 2, kolumnen 'arbetsdagar'", "ingen veckodag"),
    ],
)
def test_a_bad_file_names_the_row_and_the_column(tmp_path, kind, text, where, problem):
    path = write(tmp_path, "fil.csv", text)
    reader = read_households if kind == "h" else read_staff
    with pytest.raises(InputError) as error:
        reader(path, display="fil.csv")
    message = error.value.describe()
    assert message.startswith("fil.csv") and where in message and problem in message, message


def test_a_file_not_saved_as_utf8_is_named(tmp_path):
    path = write(tmp_path, "h.csv", "hushåll;möten\nH1;månad\n", encoding="latin-1")
    with pytest.raises(InputError, match="UTF-8"):
        read_households(path)


def test_a_secretary_missing_from_the_staff_file_names_the_household_row(tmp_path):
    households = write(tmp_path, "h.csv", "hushåll;möten;socialsekreterare\nH1;månad;A\nH2;månad;Q\n")
    staff = write(tmp_path, "p.csv", "socialsekreterare\nA\n")
    with pytest.raises(InputError) as error:
        read_unit(households, staff, households_display="h.csv", staff_display="p.csv")
    assert error.value.describe() == "h.csv, rad 3, kolumnen 'socialsekreterare': 'Q' finns inte i p.csv"


# -- exports ----------------------------------------------------------------------------------------
def test_the_plan_is_exported_to_csv_and_excel(tmp_path):
    households, staff = read_unit(EXAMPLES / "hushall.csv", EXAMPLES / "personal.csv")
    plan = plan_month(households, staff, "2026-03")
    visits = pd.read_csv(write_csv(plan, tmp_path / "ut.csv"), sep=";", encoding="utf-8-sig")
    assert list(visits.columns) == [
        "datum",
        "veckodag",
        "socialsekreterare",
        "hushåll",
        "möten",
        "tillagd_socialsekreterare",
    ]
    assert len(visits) == len(plan.visits)
    # every monthly household once, every weekly one four times (four counting weeks in March 2026)
    per_household = visits.groupby("hushåll").size()
    weekly = {h.id for h in households if h.frequency == "vecka"}
    assert all(per_household[h] == (4 if h in weekly else 1) for h in per_household.index)
    book = pd.read_excel(write_excel(plan, tmp_path / "ut.xlsx"), sheet_name=None)
    assert list(book) == ["Sammanfattning", "Besök", "Per socialsekreterare", "Hushåll", "Gränser"]
    assert len(book["Besök"]) == len(plan.visits) and len(book["Hushåll"]) == 312
    assert book["Gränser"]["värde"].tolist()[:2] == [45, 4]


# -- the command line ------------------------------------------------------------------------------
toolkit = run_toolkit  # the command in this process (tests/conftest.py)


def test_the_command_plans_the_example_month(tmp_path):
    out = tmp_path / "mars.xlsx"
    done = toolkit(
        "caseload",
        "plan",
        "casebank/metod/hushall.csv",
        "casebank/metod/personal.csv",
        "--månad",
        "2026-03",
        "--excel",
        str(out),
        "--csv",
        str(tmp_path / "mars.csv"),
    )
    assert done.returncode == 0, done.stderr
    assert "Alla gränser hålls." in done.stdout and "Lösningstid:" in done.stdout
    assert out.is_file() and (tmp_path / "mars.csv").is_file()


def test_the_command_says_which_limit_breaks_and_exits_1():
    done = toolkit(
        "caseload", "plan", "casebank/metod/hushall.csv", "casebank/metod/personal-juli.csv", "--månad", "2026-07"
    )
    assert done.returncode == 1, done.stderr
    assert "Det behövs 2 socialsekreterare till" in done.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["casebank/metod/hushall.csv", "saknas.csv", "--månad", "2026-03"], "saknas.csv: filen finns inte"),
        (["casebank/metod/hushall.csv", "casebank/metod/personal.csv", "--månad", "2026-13"], "ÅÅÅÅ-MM"),
        (["casebank/metod/hushall.csv", "casebank/metod/personal.csv", "--månad", "2017-03"], "metodens gränser"),
    ],
)
def test_bad_input_gives_one_swedish_line(args, expected):
    done = toolkit("caseload", "plan", *args)
    assert done.returncode in (2, 3)
    assert expected in done.stderr and "Traceback" not in done.stderr


def test_a_bad_row_exits_2_naming_file_row_and_column(tmp_path):
    households = write(tmp_path, "h.csv", "hushåll;möten\nH1;månad\nH2;varannan vecka\n")
    done = toolkit("caseload", "plan", str(households), "casebank/metod/personal.csv", "--månad", "2026-03")
    assert done.returncode == 2
    line = done.stderr.strip()
    assert "\n" not in line and "rad 3, kolumnen 'möten'" in line and "Traceback" not in line


# -- charts ----------------------------------------------------------------------------------------
def test_the_calendar_charts_come_with_a_text():
    from toolkit.plots.caseload import staff_calendar, unit_calendar
    from toolkit.plots.results import png

    staff = [Staff("A", absent=frozenset({d("2026-04-08")})), Staff("B")]
    households = [Household("H1", "vecka", "A"), Household("H2", "månad", "A"), Household("H3", "månad", "B")]
    plan = plan_month(households, staff, "2026-04")
    fig, text = unit_calendar(plan)
    assert png(fig).startswith(b"\x89PNG")
    assert "april 2026" in text and "långfredagen" in text and "annandag påsk" in text
    fig, text = staff_calendar(plan, "A")
    assert png(fig).startswith(b"\x89PNG")
    assert "A är ledig onsdag 8 april" in text and "H1*" in text
    with pytest.raises(ValueError, match="finns inte"):
        staff_calendar(plan, "Q")


# -- the week plan for the exercise ----------------------------------------------------------------
@pytest.fixture
def easter_week() -> WeekTask:
    """The week of 30 March 2026 (långfredagen is 3 April). A works Monday–Friday; B is away
    Tuesday 31 March. H1 is in the intensive group (A), H2 (A) and H3 (B) have their monthly
    meeting this week, H4 (B) does not."""
    return WeekTask(
        d("2026-03-30"),
        (Staff("A"), Staff("B", absent=frozenset({d("2026-03-31")}))),
        (
            Household("H1", "vecka", "A"),
            Household("H2", "månad", "A"),
            Household("H3", "månad", "B"),
            Household("H4", "månad", "B"),
        ),
        frozenset({"H2", "H3"}),
        method_limits(Month(2026, 3)),
    )


def test_a_week_plan_that_keeps_every_limit_passes(easter_week):
    grade = grade_week(
        easter_week, [("H1", "A", d("2026-03-30")), ("H2", "A", d("2026-03-31")), ("H3", "B", d("2026-04-01"))]
    )
    assert grade.passed and grade.breaches == ()
    assert set(grade.kept) == {"arbetsdag", "frånvaro", "besök_per_dag", "veckomöte", "månadsmöte", "hushållstak"}


@pytest.mark.parametrize(
    "proposal, rule, words",
    [
        (
            [("H1", "A", "2026-04-03"), ("H2", "A", "2026-03-31"), ("H3", "B", "2026-04-01")],
            "arbetsdag",
            ["fredag 3 april", "långfredagen"],
        ),
        (
            [("H1", "A", "2026-03-30"), ("H2", "A", "2026-03-31"), ("H3", "B", "2026-03-31")],
            "frånvaro",
            ["B arbetar inte tisdag 31 mars"],
        ),
        ([("H2", "A", "2026-03-31"), ("H3", "B", "2026-04-01")], "veckomöte", ["H1", "intensiva gruppen"]),
        ([("H1", "A", "2026-03-30"), ("H2", "A", "2026-03-31")], "månadsmöte", ["H3", "månadsmöte"]),
        (
            [
                ("H1", "A", "2026-03-30"),
                ("H2", "A", "2026-03-30"),
                ("H3", "B", "2026-04-01"),
                ("H4", "A", "2026-03-30"),
                ("H1", "A", "2026-03-30"),
                ("H2", "A", "2026-03-30"),
            ],
            "besök_per_dag",
            ["A har 5 besök måndag 30 mars", "högst 4"],
        ),
    ],
)
def test_the_grading_names_the_broken_limit(easter_week, proposal, rule, words):
    grade = grade_week(easter_week, [(h, s, d(day)) for h, s, day in proposal])
    assert not grade.passed
    assert rule in grade.broken_rules()
    message = next(b.message for b in grade.breaches if b.rule == rule)
    for word in words:
        assert word in message, message
    assert rule not in grade.kept


def test_a_colleague_meeting_the_household_is_only_a_warning(easter_week):
    grade = grade_week(
        easter_week,
        [
            ("H1", "A", d("2026-03-30")),
            ("H2", "B", d("2026-04-01")),
            ("H3", "B", d("2026-04-01")),
            ("Q9", "A", d("2026-03-30")),
        ],
    )
    assert grade.passed
    assert sorted(b.rule for b in grade.breaches) == ["annan_socialsekreterare", "okänd"]
    assert all(b.severity == "varning" for b in grade.breaches)


def test_seeded_week_tasks_are_repeatable_and_their_model_answer_passes():
    assert week_task(11) == week_task(11)
    for seed in range(40):
        task = week_task(seed)
        answer = model_answer(task)
        grade = grade_week(task, [(v.household, v.staff, v.day) for v in answer])
        assert grade.passed and not grade.breaches, (seed, grade.breaches)
        assert len(answer) == len(task.to_meet())
        text = "\n".join(describe_task(task))
        assert all(h.id in text for h in task.to_meet())


def test_a_week_task_starts_on_a_monday():
    with pytest.raises(ValueError, match="ingen måndag"):
        week_task(1, d("2026-03-31"))
    assert week_task(1, d("2026-03-02")).days[0] == d("2026-03-02")


@pytest.fixture
def full_caseloads(easter_week) -> WeekTask:
    """The Easter week with caseloads at the cap (metod.yaml: 45 from August 2018, scaled by
    part-time): A has 43 households besides H1 and H2, so 45; B works 50 % (cap 45 · 50 // 100
    = 22) and has 20 besides H3 and H4, so 22."""
    b = Staff("B", 50, absent=frozenset({d("2026-03-31")}))
    return WeekTask(
        easter_week.monday,
        (Staff("A"), b),
        easter_week.households,
        easter_week.due,
        easter_week.limits,
        (("A", 43), ("B", 20)),
    )


def test_the_household_cap_counts_a_colleagues_household_met(full_caseloads):
    """A meets B's H3 this week: A then has 45 + 1 = 46 households, over the cap of 45. B hands
    H3 over (a monthly household met by A), so B has 21: within 22."""
    grade = grade_week(
        full_caseloads, [("H1", "A", d("2026-03-30")), ("H2", "A", d("2026-03-31")), ("H3", "A", d("2026-04-01"))]
    )
    assert grade.broken_rules() == ["hushållstak"]
    (breach,) = [b for b in grade.breaches if b.rule == "hushållstak"]
    assert breach.staff == "A" and "46 hushåll" in breach.message and "taket är 45" in breach.message


def test_the_household_cap_is_scaled_by_part_time(full_caseloads):
    """B (50 %, cap 22, 22 households) meets A's weekly H1 as well: 23, over. A keeps H1 (a
    weekly household stays with its own secretary for the other weeks), so A stays at 45."""
    grade = grade_week(
        full_caseloads, [("H1", "B", d("2026-03-30")), ("H2", "A", d("2026-03-31")), ("H3", "B", d("2026-04-01"))]
    )
    assert grade.broken_rules() == ["hushållstak"]
    (breach,) = [b for b in grade.breaches if b.rule == "hushållstak"]
    assert (
        breach.staff == "B"
        and "23 hushåll" in breach.message
        and "taket är 22 hushåll (50 procents tjänst)" in (breach.message)
    )


def test_the_same_plan_is_within_the_cap_when_the_caseloads_are_small(easter_week):
    grade = grade_week(
        easter_week, [("H1", "B", d("2026-03-30")), ("H2", "A", d("2026-03-31")), ("H3", "A", d("2026-04-01"))]
    )
    assert grade.passed and "hushållstak" in grade.kept
