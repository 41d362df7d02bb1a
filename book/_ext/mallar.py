"""The templates page: each template shown in the book and downloadable as Word and plain text.

```{mall} beslut-avslag``` renders book/mallar/beslut-avslag.yaml on the page (through
toolkit.maintenance.document_templates, with the municipality's names filled in) and links
the two downloads. When an HTML build finishes, every template is written to
<build>/mallar/<id>.docx and <id>.txt, so the files are made from the same blocks as the page
and never kept in git.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

OUT_FOLDER = "mallar"
FORMATS = (("docx", "Word (.docx)"), ("txt", "text (.txt)"))


def _folder(app: Sphinx) -> Path:
    return Path(app.srcdir) / "book" / "mallar"


def _context(app: Sphinx) -> dict[str, str]:
    from handbok import load_municipality, municipality_slug  # the sibling extension

    from toolkit.maintenance.document_templates import municipality_context

    model = load_municipality(Path(app.confdir), municipality_slug(app.config.handbok_kommun))
    return municipality_context(model)


class MallDirective(Directive):
    """```{mall} <id>```: the template as it reads, then links to its Word and text files."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        from toolkit.errors import ToolkitError
        from toolkit.maintenance.document_templates import SHARED_FILE, render

        env = self.state.document.settings.env
        template_id = self.arguments[0]
        folder = _folder(env.app)
        for name in (f"{template_id}.yaml", SHARED_FILE):
            env.note_dependency(str(folder / name))
        try:
            rendered = render(template_id, _context(env.app), folder)
        except ToolkitError as error:
            raise self.error(str(error)) from None
        box = nodes.container(classes=["mall"], ids=[f"mall-{template_id}"])
        bullets: nodes.bullet_list | None = None
        for block in rendered.blocks:
            if block.kind == "bullet":
                if bullets is None:
                    bullets = nodes.bullet_list()
                    box += bullets
                item = nodes.list_item()
                item += nodes.paragraph(text=block.text)
                bullets += item
                continue
            bullets = None
            if block.kind == "title":
                box += nodes.paragraph("", "", nodes.strong(text=block.text), classes=["mall-titel"])
            elif block.kind == "heading":
                box += nodes.paragraph("", "", nodes.strong(text=block.text), classes=["mall-rubrik"])
            else:
                box += nodes.paragraph(text=block.text)
        links = nodes.paragraph(classes=["mall-nedladdning"])
        links += nodes.Text("Ladda ner mallen: ")
        for i, (suffix, label) in enumerate(FORMATS):
            if i:
                links += nodes.Text(" eller ")
            target = f"{OUT_FOLDER}/{template_id}.{suffix}"
            links += nodes.reference("", label, refuri=target, handbok_download=target)
        return [box, links]


def resolve_downloads(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point each download link at the build's mallar/ folder, relative to the page."""
    page = app.builder.get_target_uri(docname)
    for node in doctree.findall(nodes.reference):
        if node.get("handbok_download"):
            node["refuri"] = relative_uri(page, node["handbok_download"])


def write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build: every template as <outdir>/mallar/<id>.docx and <id>.txt."""
    if exception is not None or app.builder.format != "html":
        return
    from toolkit.maintenance.document_templates import write_all

    write_all(Path(app.outdir) / OUT_FOLDER, _context(app), _folder(app))


def setup(app: Sphinx) -> dict:
    app.add_directive("mall", MallDirective)
    app.connect("doctree-resolved", resolve_downloads)
    app.connect("build-finished", write_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
