"""The supervisor's planner page in the exercise app: choose (or upload) a household list and a
staff list, plan the month with toolkit.caseload, and see the report, the solve time, the
limits, the calendar chart and the plan to download as CSV or Excel.

Every figure comes from the core (toolkit.caseload) and the chart from toolkit.plots; this
module only builds the page. Uploaded files are read from a temporary folder that is removed
afterwards; nothing is kept.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import settings
from ..caseload import Plan, plan_month
from ..caseload.export import staff_frame, write_csv, write_excel
from ..caseload.inputs import read_unit
from ..caseload.report import summary
from ..errors import InputError, ToolkitError
from ..months import Month
from .render import field_message, html

EXAMPLES = "metod"  # the example lists: <case bank>/metod/*.csv
DEFAULT_MONTH = "2026-03"  # the month the example staff list is written for (casebank/metod/README.md)
STAFF_COLUMNS = {
    "socialsekreterare": "Socialsekreterare",
    "arbetsdagar": "Arbetsdagar",
    "hushållstak": "Tak",
    "hushåll": "Hushåll",
    "varav_varje_vecka": "Varav varje vecka",
    "besök": "Besök",
    "flest_besök_en_dag": "Flest besök en dag",
}


def example_files() -> tuple[list[str], list[str]]:
    """The example CSV files in the case bank: (household lists, staff lists), by their columns
    (a household list has 'möten', a staff list starts with 'socialsekreterare')."""
    households, staff = [], []
    for path in sorted((settings.casebank_dir() / EXAMPLES).glob("*.csv")):
        header = path.read_text(encoding="utf-8-sig").split("\n", 1)[0].replace(",", ";").split(";")
        columns = [c.strip() for c in header]
        if "hushåll" in columns and "möten" in columns:
            households.append(path.name)
        elif columns[0] == "socialsekreterare":
            staff.append(path.name)
    return households, staff


class PlannerPage:
    """Files, month, 'Planera' and the result (root)."""

    def __init__(self) -> None:
        households, staff = example_files()
        self.plan: Plan | None = None
        self.households = widgets.Dropdown(
            options=households, description="Hushåll:", style={"description_width": "8em"}
        )
        self.staff = widgets.Dropdown(
            options=staff,
            value="personal.csv" if "personal.csv" in staff else None,
            description="Personal:",
            style={"description_width": "8em"},
        )
        self.households_upload = widgets.FileUpload(accept=".csv", multiple=False, description="Egen lista")
        self.staff_upload = widgets.FileUpload(accept=".csv", multiple=False, description="Egen lista")
        self.month = widgets.Text(value=DEFAULT_MONTH, description="Månad:", placeholder="ÅÅÅÅ-MM")
        self.plan_button = widgets.Button(description="Planera", button_style="primary", icon="calendar")
        self.plan_button.on_click(lambda _b: self.run())
        self.status = widgets.HTML()
        self.report = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.HTML()
        self.downloads = widgets.HTML()
        self.root = widgets.VBox(
            [
                widgets.HTML(html("caseload", "planner_intro")),
                widgets.HBox([self.households, self.households_upload]),
                widgets.HBox([self.staff, self.staff_upload]),
                self.month,
                self.plan_button,
                self.status,
                self.report,
                self.table,
                self.chart,
                self.downloads,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.root.add_class("hb-exercise")

    def _file(self, folder: Path, upload: widgets.FileUpload, chosen: str | None, kind: str) -> tuple[Path, str]:
        """The file to read and the name to show: an uploaded file first, else the chosen example."""
        if upload.value:
            item = upload.value[0]
            path = folder / f"{kind}.csv"
            path.write_bytes(bytes(item["content"]))
            return path, str(item["name"])
        if not chosen:
            raise InputError(f"välj en lista över {kind} eller ladda upp en egen")
        path = settings.casebank_dir() / EXAMPLES / chosen
        return path, settings.display_path(path)

    def run(self) -> Plan | None:
        """Plan the month; None with a Swedish message (the choices stay) when something is wrong."""
        for part in (self.report, self.table, self.chart, self.downloads):
            part.value = ""
        self.plan = None
        try:
            month = Month.parse(self.month.value.strip())
        except ValueError as error:
            self.status.value = field_message(f"Månaden: {error}")
            return None
        try:
            with tempfile.TemporaryDirectory() as folder:
                households_path, households_name = self._file(
                    Path(folder), self.households_upload, self.households.value, "hushåll"
                )
                staff_path, staff_name = self._file(Path(folder), self.staff_upload, self.staff.value, "personal")
                households, staff = read_unit(
                    households_path, staff_path, households_display=households_name, staff_display=staff_name
                )
            plan = plan_month(households, staff, month)
        except InputError as error:
            self.status.value = field_message(f"{error.describe()}. Rätta filen och försök igen.")
            return None
        except ToolkitError as error:
            self.status.value = field_message(str(error))
            return None
        self.status.value = ""
        self.plan = plan
        self.show(plan)
        return plan

    def show(self, plan: Plan) -> None:
        """The report, the table per secretary, the calendar and the downloads."""
        from ..plots.caseload import unit_calendar
        from ..plots.figure import html_figure

        self.report.value = html("caseload", "planner_report", plan.feasible, summary(plan))
        frame = staff_frame(plan)[list(STAFF_COLUMNS)].rename(columns=STAFF_COLUMNS)
        self.table.value = html("caseload", "table", list(frame.columns), frame.values.tolist())
        self.chart.value = html_figure(*unit_calendar(plan))
        self.downloads.value = html("caseload", "downloads", self.exports(plan))

    @staticmethod
    def exports(plan: Plan) -> list[tuple[str, str, str]]:
        """(file name, label, data URI) for the CSV and the Excel file: built in memory, nothing fetched."""
        kinds = (
            ("csv", "Besöken som CSV", "text/csv", write_csv),
            (
                "xlsx",
                "Planen som Excel",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                write_excel,
            ),
        )
        out = []
        with tempfile.TemporaryDirectory() as folder:
            for suffix, label, mime, writer in kinds:
                name = f"plan-{plan.month}.{suffix}"
                data = base64.b64encode(writer(plan, Path(folder) / name).read_bytes()).decode("ascii")
                out.append((name, label, f"data:{mime};base64,{data}"))
        return out

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


def planner_page(**_options: Any) -> PlannerPage:
    """The planner page for the app (or a notebook)."""
    return PlannerPage()
