"""Execute the book's pages inside the build process, not in one Jupyter kernel per page.

A kernel per page costs a process start and the imports of the toolkit every time (about
two seconds a page on a small machine). The pages' code cells are short, hidden and
deterministic: they ask the toolkit for a table or a chart. This extension runs them in one
IPython shell inside Sphinx, each page in a fresh namespace, with the outputs (stdout,
Markdown, HTML, images) recorded exactly as a kernel would record them.

A page that builds ipywidgets needs a real kernel (the widget state lives in the kernel's
comms), so a notebook whose code imports ipywidgets or toolkit.exercises still goes to
myst-nb's own kernel client. An error in a cell fails the page as before: the build runs
with -W, so a failing page fails the build.
"""

from __future__ import annotations

import base64
import os
import re
import time
import traceback
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import nbformat
from sphinx.application import Sphinx

# Code that needs a kernel: widgets keep their state in the kernel's comms.
NEEDS_KERNEL = re.compile(r"^\s*(from|import)\s+(ipywidgets|toolkit\.exercises)\b", re.MULTILINE)


def needs_kernel(notebook: nbformat.NotebookNode) -> bool:
    """True when a code cell imports ipywidgets or the exercise widgets."""
    return any(cell.cell_type == "code" and NEEDS_KERNEL.search(cell.source) for cell in notebook.cells)


class _Collector:
    """The outputs of one cell, in the order they were produced."""

    def __init__(self) -> None:
        self.outputs: list[nbformat.NotebookNode] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
        else:
            self.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))

    def display(self, data: dict[str, Any], metadata: dict[str, Any] | None) -> None:
        bundle = {}
        for mime, value in data.items():
            # A kernel sends binary formats (PNG) base64-encoded in its JSON messages.
            bundle[mime] = base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value
        self.outputs.append(nbformat.v4.new_output("display_data", data=bundle, metadata=metadata or {}))

    def clear(self) -> None:
        self.outputs.clear()


class _Writer:
    """A file-like stdout/stderr that records into the current collector."""

    def __init__(self, shell: _Shell, name: str) -> None:
        self.shell, self.name = shell, name

    def write(self, text: str) -> int:
        self.shell.current.stream(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


class _Shell:
    """One IPython shell for the whole build, publishing into the current cell's collector."""

    def __init__(self) -> None:
        from IPython.core.displayhook import DisplayHook
        from IPython.core.displaypub import DisplayPublisher
        from IPython.core.interactiveshell import InteractiveShell

        outer = self

        class Publisher(DisplayPublisher):
            def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
                outer.current.display(data, metadata)

            def clear_output(self, wait=False):
                outer.current.clear()

        class Hook(DisplayHook):
            # The value of a cell's last expression is shown like display(value), as in a kernel.
            def write_output_prompt(self):
                pass

            def write_format_data(self, format_dict, md_dict=None):
                outer.current.display(format_dict, md_dict)

        os.environ.setdefault("MPLBACKEND", "Agg")
        self.ipython = InteractiveShell.instance(displayhook_class=Hook, display_pub_class=Publisher)
        self.current = _Collector()
        # A matplotlib figure shows as PNG, as the inline backend of a kernel shows it; by name,
        # so that matplotlib is imported only by a page that draws.
        formatter = self.ipython.display_formatter.formatters["image/png"]
        formatter.for_type_by_name("matplotlib.figure", "Figure", _png)

    def run(self, source: str) -> tuple[list[nbformat.NotebookNode], BaseException | None]:
        self.current = _Collector()
        out, err = _Writer(self, "stdout"), _Writer(self, "stderr")
        with _redirect(out, err):
            result = self.ipython.run_cell(source, store_history=False, silent=False)
        error = result.error_before_exec or result.error_in_exec
        return self.current.outputs, error

    def new_page(self, folder: Path) -> None:
        # A fresh namespace per page, as a new kernel gives. Not InteractiveShell.reset(): it
        # also runs a full garbage collection, half a second a page in a build this size.
        shell = self.ipython
        shell.user_ns.clear()
        shell.user_ns_hidden.clear()
        shell.init_user_ns()
        shell.user_ns["__name__"] = "__main__"
        os.chdir(folder)


def _png(figure: Any) -> bytes:
    from IPython.core.pylabtools import print_figure

    return print_figure(figure, "png", bbox_inches="tight")


@contextmanager
def _redirect(out: _Writer, err: _Writer):
    import sys

    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


_SHELL: _Shell | None = None


def _shell() -> _Shell:
    global _SHELL
    if _SHELL is None:
        _SHELL = _Shell()
    return _SHELL


def _client_class():
    from myst_nb.core.execute import NotebookClientBase

    class InProcessClient(NotebookClientBase):
        """Runs the notebook's code cells in the build's own IPython shell."""

        def start_client(self) -> None:
            shell = _shell()
            folder = self.path.parent if self.path is not None else Path.cwd()
            cwd = Path.cwd()
            started = time.perf_counter()
            error: BaseException | None = None
            count = 0
            code = [cell for cell in self.notebook.cells if cell.cell_type == "code"]
            try:
                if code:  # a page of text only (the exercise pages) needs no namespace
                    shell.new_page(folder)
                for cell in code:
                    count += 1
                    outputs, error = shell.run(cell.source)
                    cell.outputs, cell.execution_count = outputs, count
                    if error is not None:
                        break
            finally:
                os.chdir(cwd)
            runtime = time.perf_counter() - started
            tb = "".join(traceback.format_exception(error)) if error is not None else None
            if error is not None:
                self.logger.warning(f"Executing notebook failed: {error.__class__.__name__}", subtype="exec")
            else:
                self.logger.info(f"Executed notebook in the build process in {runtime:.2f} seconds")
            self.exec_metadata = {
                "mtime": datetime.now().timestamp(),
                "runtime": runtime,
                "method": "inprocess",
                "succeeded": error is None,
                "error": error.__class__.__name__ if error is not None else None,
                "traceback": tb,
            }

    return InProcessClient


def _install() -> None:
    import myst_nb.sphinx_ as sphinx_module
    from myst_nb.core import execute

    kernel_client = execute.create_client
    in_process = _client_class()

    def create_client(notebook, source, nb_config, logger, read_fmt=None):
        if nb_config.execution_mode != "force" or needs_kernel(notebook):
            return kernel_client(notebook, source, nb_config, logger, read_fmt)
        path = Path(source) if Path(source).is_file() else None
        return in_process(notebook, path, nb_config, logger)

    sphinx_module.create_client = create_client


def setup(app: Sphinx) -> dict[str, Any]:
    _install()
    return {"parallel_read_safe": False, "parallel_write_safe": True, "version": "1"}
