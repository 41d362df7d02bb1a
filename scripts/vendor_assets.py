"""Copy the JavaScript the book needs from assets/node_modules into _vendor/offline.

Sphinx copies _vendor/ into _build/html/_static/, so the built book serves require.js,
the ipywidgets HTML manager and MathJax itself and loads nothing from a CDN.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
MODULES = ASSETS / "node_modules"
TARGET = ROOT / "_vendor" / "offline"

# (source relative to node_modules, target relative to _vendor/offline)
FILES = [
    ("requirejs/require.js", "require.js"),
    ("@jupyter-widgets/html-manager/dist", "widgets"),
    ("mathjax/es5/tex-mml-chtml.js", "mathjax/tex-mml-chtml.js"),
    ("mathjax/es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts/woff-v2"),
]
# The HTML manager's source maps and the non-AMD bundle are not used by the book.
SKIP = {"embed.js", "embed.js.map", "embed.js.LICENSE.txt", "libembed-amd.js"}


def main() -> int:
    if not MODULES.is_dir():
        print("assets/node_modules saknas: kör 'npm ci' i assets/ först.", file=sys.stderr)
        return 1
    if TARGET.exists():
        shutil.rmtree(TARGET)
    TARGET.mkdir(parents=True)
    shutil.copy2(ASSETS / "widgets-paths.js", TARGET / "widgets-paths.js")
    for source, target in FILES:
        src, dst = MODULES / source, TARGET / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, ignore=lambda _dir, names: [n for n in names if n in SKIP])
        else:
            shutil.copy2(src, dst)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
