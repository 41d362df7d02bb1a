"""scripts/vendor_assets.py takes the book's JavaScript from tarballs with the lock's hashes.

A stand-in `npm` on PATH plays the registry, so these tests need no network: it packs a
tarball that the test made and prints what `npm pack --json` prints.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("vendor_assets", ROOT / "scripts" / "vendor_assets.py")
assert spec and spec.loader
vendor = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vendor)


def tarball(path: Path, files: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    return path


@pytest.fixture
def registry(tmp_path, monkeypatch):
    """A fake `npm` that copies `tmp_path/registry/<name>-<version>.tgz` to --pack-destination."""
    shelf = tmp_path / "registry"
    shelf.mkdir()
    fake = tmp_path / "bin" / "npm"
    fake.parent.mkdir()
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, shutil, sys\n"
        "from pathlib import Path\n"
        "args = sys.argv[1:]\n"
        "destination = Path(args[args.index('--pack-destination') + 1])\n"
        "out = []\n"
        "for spec in [a for a in args if '@' in a.lstrip('@')]:\n"
        "    name, version = spec.rsplit('@', 1)\n"
        "    filename = name.replace('/', '-').lstrip('@') + '-' + version + '.tgz'\n"
        f"    source = Path({str(shelf)!r}) / filename\n"
        "    if not source.exists():\n"
        "        sys.exit('404 ' + spec)\n"
        "    shutil.copy(source, destination / filename)\n"
        "    out.append({'name': name, 'version': version, 'filename': filename})\n"
        "print(json.dumps(out))\n"
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")
    return shelf


def lock_with(tmp_path, monkeypatch, entries: dict[str, dict]) -> None:
    lock = tmp_path / "package-lock.json"
    lock.write_text(json.dumps({"packages": {f"node_modules/{k}": v for k, v in entries.items()}}))
    monkeypatch.setattr(vendor, "LOCK", lock)


def test_a_tarball_with_the_locked_hash_is_unpacked(tmp_path, monkeypatch, registry):
    packed = tarball(
        registry / "jupyter-widgets-html-manager-1.0.15.tgz",
        {
            "package/dist/embed-amd.js": b"amd",
            "package/dist/embed.js": b"not used",
            "package/dist/fonts/a.woff2": b"font",
            "package/src/index.ts": b"source",
        },
    )
    lock_with(
        tmp_path,
        monkeypatch,
        {"@jupyter-widgets/html-manager": {"version": "1.0.15", "integrity": vendor.sha512(packed)}},
    )
    tarballs = vendor.fetch(["@jupyter-widgets/html-manager"], tmp_path)
    vendor.unpack(tarballs["@jupyter-widgets/html-manager"], "dist", tmp_path / "out")
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert written == ["embed-amd.js", "fonts/a.woff2"]
    assert (tmp_path / "out" / "fonts" / "a.woff2").read_bytes() == b"font"


def test_a_single_file_is_unpacked_to_its_target(tmp_path):
    packed = tarball(tmp_path / "r.tgz", {"package/require.js": b"define", "package/bin/r.js": b"x"})
    vendor.unpack(packed, "require.js", tmp_path / "out" / "require.js")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["require.js"]
    assert (tmp_path / "out" / "require.js").read_bytes() == b"define"


def test_a_tarball_that_is_not_the_locked_one_is_refused(tmp_path, monkeypatch, registry):
    tarball(registry / "requirejs-2.3.8.tgz", {"package/require.js": b"changed on the registry"})
    lock_with(tmp_path, monkeypatch, {"requirejs": {"version": "2.3.8", "integrity": "sha512-AAAA"}})
    with pytest.raises(vendor.VendorError, match="requirejs@2.3.8 har inte den version och kontrollsumma"):
        vendor.fetch(["requirejs"], tmp_path)


def test_a_package_missing_from_the_lock_is_named(tmp_path, monkeypatch, registry):
    lock_with(tmp_path, monkeypatch, {})
    with pytest.raises(vendor.VendorError, match="mathjax saknar version eller kontrollsumma"):
        vendor.fetch(["mathjax"], tmp_path)


def test_a_failing_npm_is_reported_with_its_message(tmp_path, monkeypatch, registry):
    lock_with(tmp_path, monkeypatch, {"mathjax": {"version": "3.2.2", "integrity": "sha512-AAAA"}})
    with pytest.raises(vendor.VendorError, match="npm pack kunde inte hämta mathjax@3.2.2:\n404 mathjax@3.2.2"):
        vendor.fetch(["mathjax"], tmp_path)


def test_without_npm_the_message_says_what_to_install(tmp_path, monkeypatch):
    lock_with(tmp_path, monkeypatch, {"mathjax": {"version": "3.2.2", "integrity": "sha512-AAAA"}})
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(vendor.VendorError, match="npm saknas"):
        vendor.fetch(["mathjax"], tmp_path)


def test_the_book_takes_only_locked_packages():
    """Every package the book's files come from is in the lock, with a sha512 hash."""
    for package in {package for package, _, _ in vendor.FILES}:
        version, integrity = vendor.locked(package)
        assert version and integrity.startswith("sha512-")
