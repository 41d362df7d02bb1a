"""The handbook's own Sphinx pieces: the municipality, the legal citations and the review note.

- The municipality file (toolkit/parameters/kommuner/<KOMMUN>.yaml) gives the book its title,
  logo and the MyST substitutions {{ kommun }}, {{ kommun_enhet }}, {{ kommun_namnd }},
  {{ kommun_kontakter }}, {{ kommun_riktlinjer }}, {{ kommun_arbetsmarknadsenhet }} and
  {{ kommun_arbetsmarknadsenhet_krav }}. A changed file changes a config value
  that Sphinx compares between builds, so the whole book is read again.
- ```{lagrum} rule_id ...``` renders the citations of rules from toolkit/parameters/lagrum.yaml,
  every wording with the dates it is in force.
- ```{ovning} exercise_id``` renders an exercise page's static preview (toolkit.preview).
- `handbok_ovningsapp` (in _config.yml) is the exercise app's address: each exercise page links
  to its live exercise there (toolkit.preview), and shows no link when it is empty.
- A page whose front matter declares `regler` and `granskad` gets a closing note that says
  which rule values it relies on and when it was last reviewed.
- A preview build of a few pages (a smaller _toc.yml) shows links to the pages it leaves out
  as plain text instead of failing; a link to a page that does not exist still fails.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.config import Config

DEFAULT_MUNICIPALITY = "exempelstad"
PARAMETERS = Path("toolkit") / "parameters"


def municipality_slug(config_value: str | None = None) -> str:
    """The municipality the book is built for: the config value, else KOMMUN, else the default."""
    return config_value or os.environ.get("KOMMUN") or DEFAULT_MUNICIPALITY


def municipality_file(root: Path, slug: str) -> Path:
    return Path(root) / PARAMETERS / "kommuner" / f"{slug}.yaml"


def load_municipality(root: Path, slug: str):
    """The validated municipality file (toolkit's schema); InputError names any problem."""
    from toolkit.schemas.municipality import MunicipalityFile
    from toolkit.yamlfile import load_model

    path = municipality_file(root, slug)
    model, _ = load_model(MunicipalityFile, path, display=str(path.relative_to(root)))
    return model


def substitutions(model) -> dict[str, str]:
    """The MyST substitutions a page can use for the municipality (text only, no figures)."""
    contacts = "\n".join(f"- **{c.function}**: {c.how}" for c in model.contacts) or "- (inga kontaktvägar angivna)"
    guidelines = "\n".join(f"- {g}" for g in model.guidelines) or "- (inga lokala riktlinjer angivna)"
    unit = getattr(model, "labour_market_unit", None)
    if unit is not None:
        labels = {"ordnat_boende": "ordnat boende", "barnomsorg": "ordnad barnomsorg", "drogfrihet": "drogfrihet"}
        criteria = [f"- minst {unit.min_work_capacity_percent} procent arbetsförmåga"]
        criteria += [f"- {labels.get(r, r.replace('_', ' '))}" for r in unit.requirements]
        unit_name, unit_criteria = unit.name, "\n".join(criteria)
    else:
        unit_name = "kommunens arbetsmarknadsenhet"
        unit_criteria = "- (kommunens krav för arbetsmarknadsenheten är inte angivna i kommunfilen)"
    return {
        "kommun_arbetsmarknadsenhet": unit_name,
        "kommun_arbetsmarknadsenhet_krav": unit_criteria,
        "kommun": model.name,
        "kommun_enhet": model.unit,
        "kommun_namnd": model.board,
        "kommun_kontakter": contacts,
        "kommun_riktlinjer": guidelines,
    }


def apply_municipality(app: Sphinx, config: Config) -> None:
    root = Path(app.confdir)
    slug = municipality_slug(config.handbok_kommun)
    path = municipality_file(root, slug)
    model = load_municipality(root, slug)
    # Executed pages read the municipality through toolkit.rules, which follows KOMMUN:
    # the kernels inherit this process's environment.
    os.environ["KOMMUN"] = slug
    # The exercise pages link to the live exercise in the app at this address (none: no link).
    os.environ["HANDBOK_OVNINGSAPP"] = (config.handbok_ovningsapp or "").strip()
    config.handbok_kommun_fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()
    subs = dict(config.myst_substitutions or {})
    subs.update(substitutions(model))
    config.myst_substitutions = subs
    config.html_title = f"{config.html_title} – {model.name}"
    config.project = f"{model.unit}, {model.name}"
    config.author = f"{model.unit}, {model.name}"
    if model.logo:
        config.html_logo = model.logo
    options = dict(config.html_theme_options or {})
    options["search_bar_text"] = "Sök i handboken …"
    config.html_theme_options = options


class LagrumDirective(Directive):
    """```{lagrum} rule_id rule_id ...``` : the dated citations of the rules, from lagrum.yaml."""

    required_arguments = 1
    optional_arguments = 30
    has_content = False

    def run(self) -> list[nodes.Node]:
        from toolkit.maintenance.tables import lagrum_markdown
        from toolkit.schemas.national import LagrumFile
        from toolkit.yamlfile import load_model

        env = self.state.document.settings.env
        # The book's own parameters (beside _config.yml), national and the same for every municipality:
        # the calculation rules' citations and the legal basis of the routines (område: handläggning).
        path = Path(env.app.confdir) / PARAMETERS / "lagrum.yaml"
        env.note_dependency(str(path))
        lagrum, _ = load_model(LagrumFile, path, display=str(PARAMETERS / "lagrum.yaml"))
        try:
            text = lagrum_markdown(self.arguments, lagrum=lagrum)
        except KeyError as error:
            raise self.error(str(error)) from None
        container = nodes.container(classes=["lagrum"])
        self.state.nested_parse(StringList(text.splitlines(), source="lagrum.yaml"), self.content_offset, container)
        return [container]


class ExerciseDirective(Directive):
    """```{ovning} exercise_id``` : the exercise page's static preview (toolkit.preview) as HTML.

    A preview is text and tables, not computation, so it needs no code cell and no kernel; the
    page depends on the toolkit and the case bank like an executed page (toolkit_deps.py)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from toolkit.errors import InputError
        from toolkit.preview import exercise_preview

        try:
            preview = exercise_preview(self.arguments[0]).html()
        except InputError as error:
            raise self.error(str(error)) from None
        return [nodes.raw("", preview, format="html")]


def _metadata_list(value) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        parsed = [part.strip() for part in str(value).strip("[]").split(",")]
    return [str(v) for v in parsed if str(v)]


def add_review_note(app: Sphinx, doctree: nodes.document) -> None:
    """A closing note on every routine page: the rule values it relies on and its review date."""
    meta = app.env.metadata.get(app.env.docname, {})
    if "regler" not in meta and "granskad" not in meta:
        return
    rules = ", ".join(_metadata_list(meta.get("regler", "")))
    reviewed = meta.get("granskad", "inte angivet")
    paragraph = nodes.paragraph()
    paragraph += nodes.strong(text="Om sidan: ")
    relies = (
        f"Sidan bygger på regelvärdena {rules} (filer i toolkit/parameters). "
        if rules
        else "Sidan bygger inte på något regelvärde. "
    )
    paragraph += nodes.Text(
        relies + f"Senast granskad {reviewed}. När ett regelvärde ändras visar "
        "kommandot python -m toolkit review vilka sidor och övningar som ska granskas igen."
    )
    note = nodes.container(classes=["granskning"])
    note += paragraph
    doctree += note


def _left_out(app: Sphinx) -> set[str]:
    """Pages under book/ that exist on disk but are not in this build's table of contents."""
    if not hasattr(app.env, "handbok_left_out"):
        on_disk = {
            str(p.relative_to(app.srcdir).with_suffix(""))
            for folder in ("chapters", "exercises")
            for p in (Path(app.srcdir) / "book" / folder).glob("*")
            if p.suffix in {".md", ".ipynb"}
        }
        app.env.handbok_left_out = on_disk - set(app.env.found_docs)
    return app.env.handbok_left_out


def partial_build_link(app: Sphinx, env, node, contnode):
    """A preview of a few pages (a smaller _toc.yml) links to pages left out as plain text.

    Only a page that exists under book/ but is not in this build's table of contents is
    treated so; a link to a page that does not exist still fails the build. In the full book
    every page is in the table of contents (tests/test_book_structure.py checks it).
    """
    if node.get("reftype") != "doc":
        return None
    left_out = _left_out(app)
    if not left_out:
        return None
    from posixpath import dirname, join, normpath

    target = node["reftarget"]
    docname = target.lstrip("/") if target.startswith("/") else normpath(join(dirname(node["refdoc"]), target))
    return contnode if docname in left_out else None


def setup(app: Sphinx) -> dict:
    app.add_config_value("handbok_kommun", None, "env")
    app.add_config_value("handbok_kommun_fingerprint", "", "env")
    app.add_config_value("handbok_ovningsapp", "", "env")
    app.connect("config-inited", apply_municipality, priority=600)
    app.add_directive("lagrum", LagrumDirective)
    app.add_directive("ovning", ExerciseDirective)
    app.connect("doctree-read", add_review_note)
    app.connect("missing-reference", partial_build_link)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
