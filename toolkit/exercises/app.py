"""The exercises as a local web app (Voilà): a pseudonym asked once, the exercises by skill.

The app reads the exercise notebooks in book/exercises/: the title and instruction from the
first Markdown cell, the skills from the notebook metadata {"handbok": {"färdigheter": [...]}},
and the code that creates the exercise from the cell tagged remove-input. Opening an
exercise runs that code in this kernel and shows the form; no code is ever shown.

`python -m toolkit.exercises.app [--port 8866]` (or `make serve`) starts Voilà on
127.0.0.1 with a template that loads nothing from another host.
"""
from __future__ import annotations

import argparse
import ast
import html
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .. import settings
from ..errors import InputError
from ..progress import Store, check_pseudonym
from . import assessment
from .assessment import NOTE, OK, SESSION, STYLE, esc, field_message, skill_name, skill_names

PROJECT = settings.project_root()
EXERCISES = settings.book_dir() / "exercises"
APP_NOTEBOOK = settings.book_dir() / "app" / "ovningar.ipynb"
TEMPLATES = settings.book_dir() / "app" / "jupyter"
BUILT_BOOK = settings.built_book_dir()
OTHER = "övrigt"


@dataclass
class Entry:
    """One exercise notebook as the app lists it."""

    slug: str
    title: str
    instruction: str        # Markdown
    code: str
    skills: list[str] = field(default_factory=list)
    routine: str | None = None


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def read_entry(path: Path) -> Entry | None:
    """An exercise notebook, or None when it has no hidden cell that creates an exercise."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    markdown = next((_text(c) for c in notebook["cells"] if c["cell_type"] == "markdown"), "")
    code = next((_text(c) for c in notebook["cells"] if c["cell_type"] == "code"
                 and "remove-input" in c.get("metadata", {}).get("tags", [])), None)
    if code is None:
        return None
    heading = re.search(r"^#\s+(.+)$", markdown, re.MULTILINE)
    title = heading.group(1).strip() if heading else path.stem
    title = re.sub(r"^Övning:\s*", "", title)
    body = re.sub(r"^#\s+.+$", "", markdown, count=1, flags=re.MULTILINE)
    meta = notebook.get("metadata", {}).get("handbok", {})
    return Entry(path.stem, title, body.strip(), code, list(meta.get("färdigheter", [])), meta.get("rutin"))


def discover(folder: Path = EXERCISES) -> list[Entry]:
    """Every exercise notebook in the folder, sorted by file name (bedomning-01, ...)."""
    entries = [read_entry(path) for path in sorted(Path(folder).glob("*.ipynb"))]
    return [e for e in entries if e is not None]


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
    return MarkdownIt("commonmark", {"html": False}).render(text)


def run_exercise(entry: Entry) -> Any:
    """Run the notebook's hidden code and return the value of its last expression."""
    tree = ast.parse(entry.code)
    namespace: dict[str, Any] = {"__name__": f"exercise_{entry.slug.replace('-', '_')}"}
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, entry.slug, "exec"), namespace)  # noqa: S102 - the project's own notebooks
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), entry.slug, "eval"), namespace)  # noqa: S307


def by_skill(entries: list[Entry]) -> dict[str, list[Entry]]:
    """Exercises grouped by skill, in the order of casebank/skills.yaml; an exercise that trains
    several skills is listed under each."""
    order = list(skill_names())
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        for skill in entry.skills or [OTHER]:
            groups.setdefault(skill, []).append(entry)
    rank = {skill: i for i, skill in enumerate(order)}
    return dict(sorted(groups.items(), key=lambda kv: (kv[0] == OTHER, rank.get(kv[0], len(order)), kv[0])))


class ExerciseApp:
    """Start page (pseudonym), the list of exercises by skill, and one exercise at a time."""

    def __init__(self, *, folder: Path = EXERCISES, store: Store | None = None, book_base: str | None = None):
        self.entries = discover(folder)
        self.store = store
        if store is not None:
            SESSION._store = store
        if book_base is None:
            book_base = "/voila/files/_build/html/book/chapters/" if (BUILT_BOOK / "index.html").is_file() else ""
        self.book_base = book_base
        self.current: Any = None
        self.root = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.root.add_class("hb-app")
        self.pseudonym = widgets.Text(description="Pseudonym:", placeholder="till exempel ny-ss-07",
                                      layout=widgets.Layout(width="26em"))
        self.pseudonym_message = widgets.HTML()
        self.start_button = widgets.Button(description="Börja", button_style="primary")
        self.start_button.on_click(lambda _b: self.start(self.pseudonym.value))
        known = SESSION.current_pseudonym()
        if known:
            self.start(known)
        else:
            self._show_start()

    # -- views ------------------------------------------------------------------------------------
    def _show_start(self) -> None:
        intro = widgets.HTML(
            STYLE + "<h2>Övningar i ekonomiskt bistånd</h2>"
            "<p>Här övar du på att räkna försörjningsstöd och kontrollera uppgifter, med påhittade fall. "
            "Du får återkoppling direkt, rad för rad.</p>"
            "<p>Skriv en <b>pseudonym</b>, alltså ett påhittat namn som din metodhandledare känner igen, "
            "till exempel <i>ny-ss-07</i>. Skriv aldrig ditt riktiga namn. Dina försök sparas under "
            "pseudonymen på den här datorn.</p>")
        self.root.children = [intro, widgets.HBox([self.pseudonym, self.start_button]), self.pseudonym_message]

    def start(self, pseudonym: str) -> bool:
        """Remember the pseudonym for this session and show the list; False with a message if invalid."""
        try:
            name = check_pseudonym(pseudonym)
        except InputError as error:
            self.pseudonym_message.value = field_message(error.problem[:1].upper() + error.problem[1:] + ".")
            return False
        SESSION.pseudonym = name
        os.environ["HANDBOK_PSEUDONYM"] = name  # exercises from other modules read it too
        self.pseudonym_message.value = ""
        self.show_list()
        return True

    def _done(self) -> set[str]:
        """Exercises (notebook names) the trainee has done with every row right."""
        name = SESSION.current_pseudonym()
        if not name:
            return set()
        done = set()
        try:
            attempts = (self.store or SESSION.store()).attempts(name)
        except Exception:  # the list still works without the store
            return set()
        for attempt in attempts:
            if attempt.max_score and attempt.score == attempt.max_score:
                done.add(attempt.exercise)
        return done

    def show_list(self) -> None:
        done = self._done()
        header = widgets.HTML(
            STYLE + f"<h2>Övningar</h2><p style='color:{NOTE}'>Du övar som <b>{esc(SESSION.current_pseudonym())}"
            "</b>. Välj en övning. Övningarna är ordnade efter färdighet; samma övning kan stå under flera.</p>")
        children: list[widgets.Widget] = [header]
        for skill, entries in by_skill(self.entries).items():
            title = "Övrigt" if skill == OTHER else skill_name(skill)
            children.append(widgets.HTML(f"<div class='hb-section'>{esc(title)}</div>"))
            for entry in entries:
                button = widgets.Button(description=entry.title, tooltip=entry.title,
                                        layout=widgets.Layout(width="auto", max_width="46em"))
                button.add_class("hb-open")
                button.on_click(lambda _b, e=entry: self.open(e.slug))
                mark = f"<span style='color:{OK}'>✓ klar</span>" if self._exercise_done(entry, done) else ""
                children.append(widgets.HBox([button, widgets.HTML(mark)]))
        self.root.children = children

    @staticmethod
    def _exercise_done(entry: Entry, done: set[str]) -> bool:
        ids = {d.split("/", 1)[-1] for d in done}
        return any(f"\"{i}\"" in entry.code or f"'{i}'" in entry.code for i in ids)

    def open(self, slug: str) -> Any:
        """Show one exercise; returns the exercise object (for tests)."""
        entry = next(e for e in self.entries if e.slug == slug)
        back = widgets.Button(description="← Till listan")
        back.on_click(lambda _b: self.show_list())
        heading = widgets.HTML(STYLE + f"<h2>{esc(entry.title)}</h2>" + instruction_html(entry.instruction))
        output = widgets.Output()
        self.root.children = [back, heading, output]
        # Exercises read where book links point when they are created; the app's base applies
        # only to the exercises it opens, so nothing leaks to other exercises in the process.
        previous, assessment.BOOK_BASE = assessment.BOOK_BASE, self.book_base
        try:
            self.current = run_exercise(entry)
        except Exception as error:  # show what went wrong, in Swedish, never a traceback
            self.current = None
            heading.value += field_message(f"Övningen kunde inte startas: {error}")
            return None
        finally:
            assessment.BOOK_BASE = previous
        form = getattr(self.current, "root", None) or getattr(self.current, "widget", None)
        if isinstance(form, widgets.Widget):
            self.root.children = [back, heading, form]
        else:
            from IPython.display import display

            with output:
                display(self.current)
        return self.current

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.root)


def app(**options) -> ExerciseApp:
    """The exercise app for the Voilà page book/app/ovningar.ipynb."""
    return ExerciseApp(**options)


# -- starting Voilà -----------------------------------------------------------------------------------

def voila_command(port: int, *, notebook: Path = APP_NOTEBOOK, python: str | None = None) -> tuple[list[str], dict]:
    """The command and environment that serve the app on 127.0.0.1 (no browser, no CDN)."""
    argv = [python or sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", "--template=handbok", f"--Voila.root_dir={PROJECT}",
            # Only the built book may be fetched as a file (links from the feedback to its sections).
            "--VoilaConfiguration.file_allowlist=_build/html/.*",
            "--VoilaConfiguration.show_tracebacks=False"]
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(TEMPLATES), env.get("JUPYTER_PATH", "")) if p)
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return argv, env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.exercises.app",
                                     description="Startar övningarna som en lokal webbapp (Voilà).")
    parser.add_argument("--port", type=int, default=8866, help="porten på 127.0.0.1 (standard 8866)")
    args = parser.parse_args(argv)
    command, env = voila_command(args.port)
    print(f"Övningarna startar på http://127.0.0.1:{args.port}/ (avsluta med Ctrl+C)", flush=True)
    os.execvpe(command[0], command, env)
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
