"""make pdf: print the single-page build of the handbook to PDF with Debian's Chromium, offline.

Usage: python scripts/book_pdf.py SINGLEHTML_DIR OUT.pdf

Sphinx writes the single page as <root document>.html (book/intro.html) with links relative to
the folder above it; the page is copied beside _static/ so that styles and images load. Every
request to another host is blocked and counted: the PDF must not depend on the network.
Afterwards the PDF is checked (a PDF header, pages, the chapters' headings in the page) and
a Swedish summary with size and page count is printed. Exit code 1 if a check fails.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
# The printed book needs no navigation: menus, search, buttons and the previous/next links go.
PRINT_CSS = """
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .header-article, .prev-next-area,
.bd-footer, .bd-footer-content, footer, .headerlink, .toggle-secondary-sidebar, .search-button,
.theme-switch-button, .bd-header-announcement { display: none !important; }
.bd-main .bd-content .bd-article-container { max-width: 100% !important; }
.bd-page-width { max-width: 100% !important; }
body { font-size: 11pt; }
span[id^="document-"] + section { break-before: page; }
table, figure, img, .cell_output { break-inside: avoid; }
"""
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#555;">'
    '<span class="title"></span> · sida <span class="pageNumber"></span> av <span class="totalPages"></span></div>'
)


def find_page(folder: Path) -> Path:
    """The single page Sphinx wrote: the only .html with content besides index.html's redirect."""
    pages = [
        p
        for p in folder.rglob("*.html")
        if p.name not in {"search.html", "genindex.html", "handbok-utskrift.html"}
        and "_static" not in p.parts
        and p.stat().st_size > 1000
    ]
    if len(pages) != 1:
        raise SystemExit(f"Fel: hittade {len(pages)} sidor i {folder}, väntade en (bygg med --builder singlehtml).")
    return pages[0]


def page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder, out = Path(argv[0]).resolve(), Path(argv[1]).resolve()
    source = find_page(folder)
    printable = folder / "handbok-utskrift.html"
    printable.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.route("**/*", route)
        page.goto(printable.as_uri(), wait_until="load")
        page.wait_for_timeout(1500)  # MathJax and the widget snapshots render after load
        page.add_style_tag(content=PRINT_CSS)
        page.emulate_media(media="print")
        headings = page.eval_on_selector_all('span[id^="document-"]', "els => els.map(e => e.id)")
        page.pdf(
            path=str(out),
            format="A4",
            print_background=True,
            display_header_footer=True,
            header_template="<div></div>",
            footer_template=FOOTER,
            margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
        )
        browser.close()

    data = out.read_bytes()
    pages = page_count(data)
    problems = []
    if not data.startswith(b"%PDF"):
        problems.append("filen är ingen PDF")
    if len(headings) < 10:
        problems.append(f"bara {len(headings)} kapitel och övningar kom med i utskriften")
    if pages < len(headings):
        problems.append(f"bara {pages} sidor för {len(headings)} kapitel och övningar")
    if blocked:
        problems.append(f"sidan försökte hämta {len(blocked)} adresser från nätet, till exempel {blocked[0]}")
    print(f"PDF: {out} ({len(data) // 1024} kB, {pages} sidor, {len(headings)} kapitel och övningar)")
    for problem in problems:
        print(f"Fel: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
