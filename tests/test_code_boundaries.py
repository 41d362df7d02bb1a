"""The code holds logic only and its rooms stay apart.

- No rule value, legal date or statute string in Python: every string constant of the toolkit
  (docstrings and comments aside) is scanned for SFS numbers, "N kap.", "N §", dates and
  percentages, which all belong in toolkit/parameters/ and are read through Rules.
- No capability imports another's private names or reads another's private attributes:
  capabilities talk through the core's public types (Case, Assessment, Rules, ...).
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest

import toolkit

PACKAGE = Path(toolkit.__file__).resolve().parent
MODULES = sorted(PACKAGE.rglob("*.py"))

# What a rule value or a legal reference looks like inside a string.
LEGAL = {
    "SFS-nummer": re.compile(r"\b(19|20)\d\d:\d{1,4}\b"),
    "kapitel": re.compile(r"\b\d+\s*kap\."),
    "paragraf": re.compile(r"\d+\s*[a-z]?\s*§"),
    "datum": re.compile(r"\b(19|20)\d\d-\d\d-\d\d\b"),
    "procentsats": re.compile(r"\b\d+\s*(%|procent)"),
}
# Sizes in a style ("width: 100%", a layout's "100%") are not rule values.
CSS_SIZE = re.compile(r"(^\d+%$|[a-z-]+\s*:\s*[\d.]+%)")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (module, class, function)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def legal_literals(source: str) -> list[tuple[int, str, str]]:
    """(line, kind, text) for every string constant outside docstrings that holds a rule value."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = CSS_SIZE.sub("", node.value)
            for kind, pattern in LEGAL.items():
                if pattern.search(text):
                    hits.append((node.lineno, kind, node.value))
    return hits


def test_the_scan_sees_what_it_looks_for():
    sample = '''
"""Docstring: 4 kap. 1 b § socialtjänstlagen (2001:453), 25 %, 2013-07-01 are fine here."""
# A comment: 12 kap. 7 § socialtjänstlagen (2025:400)
A = "4 kap. 1 b § socialtjänstlagen (2001:453)"
B = f"gäller från 2013-07-01 ({x})"
C = "25 % av lönen"
D = "minst 12 procent"
E = "ingen regel här, 7 personer"
F = "<div style='width: 100%;font-size:90%'>"
'''
    kinds = {(line, kind) for line, kind, _ in legal_literals(sample)}
    assert {
        (4, "SFS-nummer"),
        (4, "kapitel"),
        (4, "paragraf"),
        (5, "datum"),
        (6, "procentsats"),
        (7, "procentsats"),
    } <= kinds
    assert not [hit for hit in kinds if hit[0] in (2, 3, 8, 9)]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_rule_value_or_statute_in_python(path: Path):
    hits = legal_literals(path.read_text(encoding="utf-8"))
    assert not hits, "flytta till toolkit/parameters/ och läs genom Rules: " + "; ".join(
        f"rad {line} ({kind}): {text!r}" for line, kind, text in hits
    )


# -- the rooms -------------------------------------------------------------------------------------


def room(module: str) -> str:
    """The capability or core module a module belongs to: toolkit.budget.advice -> toolkit.budget."""
    return ".".join(module.split(".")[:2])


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@lru_cache(maxsize=1)
def _defined_private_attributes() -> dict[str, set[str]]:
    """Per room, the private attribute names its own code sets or declares."""
    found: dict[str, set[str]] = {}
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = found.setdefault(room(module_name(path)), set())
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign | ast.AugAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute) and private(target.attr):
                    names.add(target.attr)
                elif isinstance(target, ast.Name) and private(target.id):
                    names.add(target.id)
    return found


def boundary_problems(path: Path, source: str, defined: dict[str, set[str]]) -> list[str]:
    module = module_name(path)
    own = room(module)
    tree = ast.parse(source)
    # Names bound to modules outside the toolkit (argparse._SubParsersAction is the library's affair).
    libraries = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if not alias.name.startswith("toolkit")
    }
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(module, node, path.name == "__init__.py")
            if room(target) != own and target.startswith("toolkit"):
                if any(private(part) for part in target.split(".")):
                    problems.append(f"rad {node.lineno}: importerar den privata modulen {target}")
                problems += [
                    f"rad {node.lineno}: importerar {alias.name} från {target}"
                    for alias in node.names
                    if private(alias.name)
                ]
        elif isinstance(node, ast.Attribute) and private(node.attr):
            base = node.value
            if isinstance(base, ast.Name) and (base.id in ("self", "cls") or base.id in libraries):
                continue
            if node.attr not in defined.get(own, set()):
                problems.append(f"rad {node.lineno}: läser {node.attr} som en annan del av koden äger")
    return problems


def test_the_boundary_check_sees_a_private_import_and_a_private_attribute():
    path = PACKAGE / "budget" / "advice.py"
    source = (
        "from ..control.grading import _totalled\n"
        "from ..rules import Rules\n"
        "def f(rules: Rules):\n"
        "    return rules._files\n"
    )
    problems = boundary_problems(path, source, {"toolkit.budget": set()})
    assert len(problems) == 2 and "_totalled" in problems[0] and "_files" in problems[1]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_room_uses_another_rooms_private_names(path: Path):
    problems = boundary_problems(path, path.read_text(encoding="utf-8"), _defined_private_attributes())
    assert not problems, problems
