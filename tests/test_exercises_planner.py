"""The supervisor's planner page in the exercise app (toolkit.exercises.planner), without a
browser: the example lists of casebank/metod give a plan with its report, solve time, table,
calendar and downloads; uploaded lists are read; bad input gives a Swedish message and the
choices stay.

Hand-known facts of the examples (casebank/metod/README.md and the files): 312 households, 23
of them in the intensive group; personal.csv lists S1–S8; March 2026 has four counting weeks
(Thursdays 5, 12, 19 and 26 March), so a weekly household is met four times and a monthly one once.
"""

from __future__ import annotations

import base64
import io
import re
from datetime import datetime

import pandas as pd
import pytest

from toolkit.exercises.app import ExerciseApp
from toolkit.exercises.common import SESSION
from toolkit.exercises.planner import PlannerPage, example_files
from toolkit.progress import Store


def upload(name: str, text: str) -> tuple[dict, ...]:
    data = text.encode("utf-8")
    return (
        {
            "name": name,
            "type": "text/csv",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime.now(),
        },
    )


def downloads(page: PlannerPage) -> dict[str, bytes]:
    links = re.findall(r"download='([^']+)' href='data:[^;]+;base64,([^']+)'", page.downloads.value)
    return {name: base64.b64decode(data) for name, data in links}


def test_the_example_lists_are_offered():
    assert example_files() == (["hushall.csv"], ["personal-juli.csv", "personal.csv"])
    page = PlannerPage()
    assert (page.households.value, page.staff.value, page.month.value) == ("hushall.csv", "personal.csv", "2026-03")


def test_the_example_month_gives_the_report_the_table_the_calendar_and_the_files():
    page = PlannerPage()
    page.plan_button.click()
    assert page.plan is not None and page.plan.feasible, page.status.value
    report = page.report.value
    assert "Alla gränser hålls." in report and "312 hushåll, 8 socialsekreterare" in report
    assert re.search(r"Lösningstid: \d+,\d\d s", report)
    assert [f"S{i}" for i in range(1, 9)] == re.findall(r"<tr><td>(S\d)</td>", page.table.value)
    assert page.chart.value.startswith("<figure") and "data:image/png;base64," in page.chart.value
    files = downloads(page)
    assert sorted(files) == ["plan-2026-03.csv", "plan-2026-03.xlsx"]
    visits = pd.read_csv(io.BytesIO(files["plan-2026-03.csv"]), sep=";", encoding="utf-8-sig")
    per_household = visits.groupby("hushåll").size()
    assert len(per_household) == 312
    assert sorted(per_household.value_counts().items()) == [(1, 312 - 23), (4, 23)]
    book = pd.read_excel(io.BytesIO(files["plan-2026-03.xlsx"]), sheet_name=None)
    assert list(book) == ["Sammanfattning", "Besök", "Per socialsekreterare", "Hushåll", "Gränser"]
    assert len(book["Besök"]) == len(visits)


def test_a_month_where_the_limits_cannot_be_kept_says_which_and_how_many_more():
    page = PlannerPage()
    page.staff.value, page.month.value = "personal-juli.csv", "2026-07"
    page.plan_button.click()
    assert page.plan is not None and not page.plan.feasible
    assert "Alla gränser går inte att hålla." in page.report.value
    assert "Det behövs 2 socialsekreterare till" in page.report.value


def test_uploaded_lists_are_planned():
    """Two households of A (H1 weekly, H2 monthly) and A full-time, March 2026: 4 + 1 = 5 visits."""
    page = PlannerPage()
    page.households_upload.value = upload(
        "vara-hushall.csv", "hushåll;möten;socialsekreterare\nH1;vecka;A\nH2;månad;A\n"
    )
    page.staff_upload.value = upload("var-personal.csv", "socialsekreterare\nA\n")
    plan = page.run()
    assert plan is not None and plan.feasible and len(plan.visits) == 5
    assert "2 hushåll, 1 socialsekreterare" in page.report.value


@pytest.mark.parametrize(
    "households, month, words",
    [
        (
            "hushåll;möten\nH1;månad\nH2;ibland\n",
            "2026-03",
            ["egna.csv, rad 3, kolumnen", "möten", "skriv månad eller vecka"],
        ),
        ("hushåll;möten\nH1;månad\n", "2026-13", ["Månaden:", "01–12"]),
        ("hushåll;möten\nH1;månad\n", "2017-03", ["metodens gränser", "saknas för 2017-03"]),
    ],
)
def test_bad_input_is_named_and_the_choices_stay(households, month, words):
    page = PlannerPage()
    page.households_upload.value = upload("egna.csv", households)
    page.month.value = month
    assert page.run() is None and page.plan is None
    for word in words:
        assert word in page.status.value.replace("&#39;", "'"), page.status.value
    assert page.report.value == page.downloads.value == ""
    assert page.month.value == month and page.households_upload.value[0]["name"] == "egna.csv"


def test_the_app_opens_the_planner_from_its_list(monkeypatch):
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    app = ExerciseApp(store=Store("sqlite://"), book_base="")
    assert app.start("metodhandledare-1")
    buttons = [w for w in app.root.children if getattr(w, "description", "") == "Planera månaden"]
    assert len(buttons) == 1
    buttons[0].click()
    assert any("Planera månaden" in getattr(w, "value", "") for w in app.root.children[1].children)
    back = app.root.children[0]
    back.click()
    assert any(getattr(w, "description", "") == "Planera månaden" for w in app.root.children)


def test_the_app_opens_the_groups_overview_for_a_supervisor_only(monkeypatch):
    """The overview button opens the supervisor's page; a trainee is told it is for supervisors
    and sees no table, a supervisor (a role in the store) sees the group's skills."""
    monkeypatch.setattr(SESSION, "pseudonym", None)
    monkeypatch.delenv("HANDBOK_PSEUDONYM", raising=False)
    monkeypatch.delenv("HANDBOK_METODHANDLEDARE", raising=False)
    store = Store("sqlite://")
    app = ExerciseApp(store=store, book_base="")
    assert app.start("ny-ss-07")
    [button] = [w for w in app.root.children if getattr(w, "description", "") == "Gruppens översikt"]
    button.click()
    assert app.root.children[1].children  # the page is shown
    page = app.open_supervisor()
    assert page.supervisor.value == "ny-ss-07"
    page.show_button.click()
    assert page.status.value and page.skills.value == ""
    from toolkit.progress.models import SUPERVISOR

    store.trainee("mh-01", role=SUPERVISOR)
    page.supervisor.value = "mh-01"
    page.show_button.click()
    assert page.skills.value != "", page.status.value
