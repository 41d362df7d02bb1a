"""Put the JavaScript the book serves into _vendor/offline, from the locked npm packages.

Sphinx copies _vendor/ into _build/html/_static/, so the built book serves require.js,
the ipywidgets HTML manager and MathJax itself and loads nothing from a CDN.

The book needs files from three packages only, so their tarballs are fetched with
`npm pack` (through npm's own cache and registry settings) instead of installing all 172
packages of assets/package-lock.json: about 2 s instead of 14 s. Each tarball must have the
integrity hash the lock records. The other packages (axe-core for the accessibility tests,
configurable-http-proxy for JupyterHub) come with `make node-packages`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
LOCK = ASSETS / "package-lock.json"
TARGET = ROOT / "_vendor" / "offline"

# (package, path inside the package, target relative to _vendor/offline)
FILES = [
    ("requirejs", "require.js", "require.js"),
    ("@jupyter-widgets/html-manager", "dist", "widgets"),
    ("mathjax", "es5/tex-mml-chtml.js", "mathjax/tex-mml-chtml.js"),
    ("mathjax", "es5/output/chtml/fonts/woff-v2", "mathjax/output/chtml/fonts/woff-v2"),
]
# The HTML manager's source maps and the non-AMD bundle are not used by the book.
SKIP = {"embed.js", "embed.js.map", "embed.js.LICENSE.txt", "libembed-amd.js"}


class VendorError(Exception):
    """A package could not be fetched or is not the one the lock names (message in Swedish)."""


def locked(package: str) -> tuple[str, str]:
    """The version and integrity hash assets/package-lock.json records for a package."""
    entry = json.loads(LOCK.read_text(encoding="utf-8"))["packages"].get(f"node_modules/{package}")
    if not entry or "version" not in entry or "integrity" not in entry:
        raise VendorError(f"{package} saknar version eller kontrollsumma i assets/package-lock.json.")
    return entry["version"], entry["integrity"]


def sha512(path: Path) -> str:
    """A file's hash in npm's integrity form ("sha512-" and base64)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch(packages: list[str], folder: Path) -> dict[str, Path]:
    """Each package's tarball, at the locked version, checked against the lock's hash."""
    wanted = {package: locked(package) for package in packages}
    specs = [f"{package}@{version}" for package, (version, _) in wanted.items()]
    command = ["npm", "pack", "--json", "--silent", "--pack-destination", str(folder), *specs]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise VendorError("npm saknas. Installera Node.js med npm (se README) och kör make igen.") from None
    if done.returncode != 0:
        raise VendorError(f"npm pack kunde inte hämta {', '.join(specs)}:\n{done.stderr.strip()}")
    tarballs = {}
    for packed in json.loads(done.stdout):
        package, tarball = packed["name"], folder / packed["filename"]
        version, integrity = wanted[package]
        if packed["version"] != version or sha512(tarball) != integrity:
            raise VendorError(
                f"{package}@{packed['version']} har inte den version och kontrollsumma som "
                "assets/package-lock.json anger. Inget kopierades."
            )
        tarballs[package] = tarball
    if missing := set(wanted) - set(tarballs):
        raise VendorError(f"npm pack gav inte {', '.join(sorted(missing))}.")
    return tarballs


def unpack(tarball: Path, inside: str, target: Path) -> None:
    """Write the file, or every file of the folder, at `inside` in an npm tarball to `target`."""
    prefix = PurePosixPath("package", inside)
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            name = PurePosixPath(member.name)
            if not member.isfile() or name.name in SKIP or ".." in name.parts:
                continue
            if name == prefix:
                destination = target
            elif prefix in name.parents:
                destination = target / name.relative_to(prefix)
            else:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            source = archive.extractfile(member)
            assert source is not None  # a regular file always has contents
            destination.write_bytes(source.read())


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        try:
            tarballs = fetch(sorted({package for package, _, _ in FILES}), Path(folder))
        except VendorError as error:
            print(error, file=sys.stderr)
            return 1
        if TARGET.exists():
            shutil.rmtree(TARGET)
        TARGET.mkdir(parents=True)
        shutil.copy2(ASSETS / "widgets-paths.js", TARGET / "widgets-paths.js")
        for package, inside, target in FILES:
            unpack(tarballs[package], inside, TARGET / target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
