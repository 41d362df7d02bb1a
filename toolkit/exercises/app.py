"""The exercises as a local web app (Voilà): a pseudonym asked once, the exercises by skill,
and the supervisor's planner page (toolkit.exercises.planner).

The app lists the exercises of the registry (casebank/ovningar.yaml: title, skills) and opens
one with the registry's own function, as the book's notebooks do. Above the form it shows the
instruction from the first Markdown cell of the exercise's notebook, read as text: no
notebook is executed and no code is ever shown.

`python -m toolkit.exercises.app [--port 8866]` (or `make serve`) starts Voilà on
127.0.0.1 with a template that loads nothing from another host.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
from markupsafe import Markup

from .. import settings
from ..errors import InputError
from ..progress import Store, check_pseudonym
from .base import Exercise
from .catalogue import done_exercises, programme_groups, skill_progress
from .common import SESSION, sentence, show_instead, skill_name
from .registry import Entry, Registry, build, load_registry
from .render import field_message, html

if TYPE_CHECKING:
    from .planner import PlannerPage
    from .supervisor import SupervisorView


def exercises_dir() -> Path:
    """The exercise notebooks: <book>/exercises."""
    return settings.book_dir() / "exercises"


def app_notebook() -> Path:
    """The notebook Voilà serves: <book>/app/ovningar.ipynb."""
    return settings.book_dir() / "app" / "ovningar.ipynb"


def voila_templates() -> Path:
    """The Voilà template folder (JUPYTER_PATH) with the offline template 'handbok'."""
    return settings.book_dir() / "app" / "jupyter"


def built_book_base() -> str | None:
    """The built book's folder relative to the project (Voilà serves files from there), or None."""
    built = settings.built_book_dir()
    try:
        return built.resolve().relative_to(settings.project_root()).as_posix()
    except ValueError:  # a built book outside the project is not served beside the app
        return None


def read_entry(path: Path) -> Entry:
    """The registry's entry for an exercise notebook file."""
    return load_registry().by_notebook(Path(path).stem)


def instruction_markdown(entry: Entry) -> str:
    """The instruction of an exercise: its notebook's first Markdown cell without the heading."""
    notebook = json.loads((exercises_dir() / f"{entry.notebook}.ipynb").read_text(encoding="utf-8"))
    cell = next((c for c in notebook["cells"] if c["cell_type"] == "markdown"), {"source": ""})
    source = cell["source"]
    markdown = "".join(source) if isinstance(source, list) else source
    return re.sub(r"^#\s+.+$", "", markdown, count=1, flags=re.MULTILINE).strip()


def chapter_title(name: str) -> str:
    """'bedomning-och-berakning' -> 'Bedömning och beräkning' (the chapter's first heading)."""
    path = settings.book_dir() / "chapters" / f"{name}.md"
    if path.is_file():
        heading = re.search(r"^#\s+(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if heading:
            return heading.group(1).strip()
    return name.replace("-", " ")


def instruction_html(markdown: str) -> str:
    """The instruction as HTML: MyST directives (:::) are left out, raw HTML is escaped."""
    from markdown_it import MarkdownIt

    kept, skipping = [], False
    for line in markdown.splitlines():
        if line.strip().startswith(":::"):
            skipping = not skipping if line.strip() == ":::" or skipping else True
            continue
        if not skipping:
            kept.append(line)
    text = "\n".join(kept)
    # A MyST cross-reference such as {doc}`../chapters/x` becomes plain text: "kapitlet x".
    text = re.sub(r"\{doc\}`([^`<]*?)\s*<[^>]*>`", r"\1", text)
    text = re.sub(r"\{doc\}`[^`]*?([\w-]+)`", lambda m: "kapitlet " + chapter_title(m.group(1)), text)
    return str(MarkdownIt("commonmark", {"html": False}).render(text))


def requested_exercise() -> str | None:
    """The exercise the book's button asks for (?ovning=bedomning-01), which Voilà hands the
    kernel as QUERY_STRING; None when there is none."""
    from urllib.parse import parse_qs

    values = parse_qs(os.environ.get("QUERY_STRING", "")).get("ovning")
    return values[0] if values else None


class ExerciseApp:
    """Start page (pseudonym), the list of exercises by skill, and one exercise at a time."""

    def __init__(self, *, registry: Registry | None = None, store: Store | None = None, book_base: str | None = None):
        self.entries = (registry or load_registry()).exercises
        self.store = store
        if store is not None:
            SESSION.use_store(store)
        if book_base is None:
            built = built_book_base()
            served = built is not None and (settings.built_book_dir() / "index.html").is_file()
            book_base = f"/voila/files/{built}/book/chapters/" if served else ""
        self.book_base = book_base
        self.current: Exercise[Any, Any] | None = None
        self.root = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.root.add_class("hb-app")
        self.pseudonym = widgets.Text(
            description="Pseudonym:", placeholder="till exempel ny-ss-07", layout=widgets.Layout(width="26em")
        )
        self.pseudonym_message = widgets.HTML()
        self.start_button = widgets.Button(description="Börja", button_style="primary")
        self.start_button.on_click(lambda _b: self.start(self.pseudonym.value))
        known = SESSION.current_pseudonym()
        if known:
            self.start(known)
        else:
            self._show_start()

    # -- views ------------------------------------------------------------------------------------
    def _show(self, children: list[widgets.Widget]) -> None:
        """Show a view and close what the one before showed and this one does not: without it
        every list and exercise a trainee opens would stay in the kernel's and the browser's
        memory until the session ends (about 300 widgets for the list alone). The start view's
        fields are kept: they are the app's own."""
        if self.current is not None and not any(self.current.root is child for child in children):
            self.current.close()
            self.current = None
        show_instead(self.root, children, keep=[self.pseudonym, self.start_button, self.pseudonym_message])

    def _show_start(self) -> None:
        intro = widgets.HTML(html("app", "start"))
        self._show([intro, widgets.HBox([self.pseudonym, self.start_button]), self.pseudonym_message])

    def start(self, pseudonym: str) -> bool:
        """Remember the pseudonym for this session and show the list; False with a message if invalid."""
        try:
            name = check_pseudonym(pseudonym)
        except InputError as error:
            self.pseudonym_message.value = field_message(sentence(error.problem))
            return False
        SESSION.pseudonym = name
        self.pseudonym_message.value = ""
        self.show_list()
        wanted = requested_exercise()
        if wanted and any(e.id == wanted for e in self.entries):
            self.open(wanted)
        return True

    def _store(self) -> Store:
        return self.store or SESSION.store()

    def show_list(self) -> None:
        """The exercises in the order of the introduction programme, each once and marked when
        done, under the trainee's progress per skill."""
        name = SESSION.current_pseudonym()
        try:
            done = done_exercises(self._store(), name)
            progress = skill_progress(self.entries, self._store(), name)
        except Exception:  # the list still works without the store
            done, progress = set(), skill_progress(self.entries, Store("sqlite://"), None)
        children: list[widgets.Widget] = [widgets.HTML(html("app", "list_header", name, progress))]
        for group in programme_groups(self.entries):
            children.append(widgets.HTML(html("app", "group", group.title)))
            for entry in group.entries:
                button = widgets.Button(
                    description=entry.title, tooltip=entry.title, layout=widgets.Layout(width="auto")
                )
                button.add_class("hb-open")
                button.on_click(lambda _b, e=entry: self.open(e.id))
                about = html("app", "about", [skill_name(s) for s in entry.skills], entry.record_id in done)
                children.append(
                    widgets.HBox([button, widgets.HTML(about)], layout=widgets.Layout(align_items="center"))
                )
        children.append(widgets.HTML(html("common", "section", "För metodhandledare")))
        planner = widgets.Button(description="Planera månaden", tooltip="Planera enhetens besök för en månad")
        planner.add_class("hb-open")
        planner.on_click(lambda _b: self.open_planner())
        children.append(planner)
        overview = widgets.Button(description="Gruppens översikt", tooltip="Färdigheter, veckor och försök att bedöma")
        overview.add_class("hb-open")
        overview.on_click(lambda _b: self.open_supervisor())
        children.append(overview)
        self._show(children)

    def open_supervisor(self) -> SupervisorView:
        """Show the supervisor's overview of the group (toolkit.exercises.supervisor); it shows
        nothing to a trainee. Returns it (for tests)."""
        # Imported here: the supervisor's pages need pandas, which a trainee's session never loads.
        from .supervisor import SupervisorView

        back = widgets.Button(description="← Till listan")
        back.on_click(lambda _b: self.show_list())
        view = SupervisorView(self._store)
        view.supervisor.value = SESSION.current_pseudonym() or ""
        self._show([back, view.root])
        return view

    def open_planner(self) -> PlannerPage:
        """Show the supervisor's planner page (toolkit.exercises.planner); returns it (for tests)."""
        from .planner import PlannerPage

        back = widgets.Button(description="← Till listan")
        back.on_click(lambda _b: self.show_list())
        page = PlannerPage()
        self._show([back, page.root])
        return page

    def open(self, exercise_id: str) -> Exercise[Any, Any] | None:
        """Show one exercise of the registry; returns it (for tests), or None with a message."""
        entry = next(e for e in self.entries if e.id == exercise_id)
        back = widgets.Button(description="← Till listan")
        back.on_click(lambda _b: self.show_list())
        heading = widgets.HTML(
            html("app", "exercise", entry.title, Markup(instruction_html(instruction_markdown(entry))))
        )
        self._show([back, heading])
        try:
            self.current = build(entry, book_base=self.book_base)
        except Exception as error:  # show what went wrong, in Swedish, never a traceback
            self.current = None
            heading.value += field_message(f"Övningen kunde inte startas: {error}")
            return None
        self._show([back, heading, self.current.root])
        return self.current

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


def app(**options: Any) -> ExerciseApp:
    """The exercise app for the Voilà page book/app/ovningar.ipynb."""
    return ExerciseApp(**options)


# -- starting Voilà -----------------------------------------------------------------------------------


def voila_command(
    port: int, *, notebook: Path | None = None, python: str | None = None
) -> tuple[list[str], dict[str, str]]:
    """The command and environment that serve the app on 127.0.0.1 (no browser, no CDN)."""
    built = built_book_base()
    argv = [
        python or sys.executable,
        "-m",
        "toolkit.exercises.server",  # Voilà with kernel limits, culling and the host check
        str(notebook or app_notebook()),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--template=handbok",
        f"--Voila.root_dir={settings.project_root()}",
        # Only the built book may be fetched as a file (links from the feedback to its sections).
        f"--VoilaConfiguration.file_allowlist={re.escape(built) if built else '(?!)'}/.*",
        "--VoilaConfiguration.show_tracebacks=False",
        # The page is Swedish: <html lang="sv"> for screen readers and spelling.
        "--VoilaExporter.language_code=sv",
    ]
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(voila_templates()), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return argv, env


def main(argv: list[str] | None = None) -> int:
    """`python -m toolkit.exercises.app`: serve the app with Voilà on this computer."""
    parser = argparse.ArgumentParser(
        prog="python -m toolkit.exercises.app", description="Startar övningarna som en lokal webbapp (Voilà)."
    )
    parser.add_argument("--port", type=int, default=8866, help="porten på 127.0.0.1 (standard 8866)")
    args = parser.parse_args(argv)
    command, env = voila_command(args.port)
    print(f"Övningarna startar på http://127.0.0.1:{args.port}/ (avsluta med Ctrl+C)", flush=True)
    os.execvpe(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
