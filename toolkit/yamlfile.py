"""Read YAML files and validate them, with Swedish errors that name the file, line and field.

ruamel.yaml keeps the position of every key and item, so a pydantic error such as
('inkomster', 1, 'belopp') can be reported as the line the author wrote.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError

from .errors import InputError

Model = TypeVar("Model", bound=BaseModel)

# ruamel's wording for common syntax mistakes, in plain Swedish.
_SYNTAX_HINTS = [
    ("mapping values are not allowed", "ett kolon står på fel ställe; sätt texten inom citattecken om den innehåller kolon"),
    ("found character '\\t'", "tabbtecken är inte tillåtna; dra in med mellanslag"),
    ("could not find expected ':'", "ett kolon saknas efter en nyckel"),
    ("did not find expected key", "indraget stämmer inte: nycklar på samma nivå ska börja i samma kolumn"),
    ("did not find expected ',' or ']'", "en lista [ … ] är inte stängd"),
    ("did not find expected ',' or '}'", "en tabell { … } är inte stängd"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde, till exempel ett citattecken som inte stängs"),
    ("found undefined alias", "en hänvisning (*namn) pekar på något som inte finns"),
    ("expected <block end>", "indraget stämmer inte"),
]


def _syntax_message(error: MarkedYAMLError) -> str:
    problem = str(getattr(error, "problem", "") or error)
    for needle, swedish in _SYNTAX_HINTS:
        if needle in problem:
            return f"texten kan inte läsas som YAML: {swedish}"
    return "texten kan inte läsas som YAML (kontrollera indrag, kolon och citattecken)"


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def load(path: str | Path, *, display: str | None = None) -> Any:
    """Load a YAML file, keeping line positions; raise InputError on any problem."""
    path = Path(path)
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("filen finns inte", file=name) from None
    except UnicodeDecodeError:
        raise InputError("filen är inte sparad som UTF-8", file=name) from None
    return loads(text, display=name)


def loads(text: str, *, display: str = "<text>") -> Any:
    """Load YAML from a string; raise InputError naming the line on a syntax error."""
    try:
        data = _yaml().load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = str(error.problem).split('"')[1] if '"' in str(error.problem) else ""
        raise InputError(f"nyckeln '{key}' står två gånger", file=display,
                         line=mark.line + 1 if mark else None) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(_syntax_message(error), file=display,
                         line=mark.line + 1 if mark else None) from None
    if data is None:
        raise InputError("filen är tom", file=display)
    return data


def line_of(data: Any, path: Iterable[Any]) -> int | None:
    """The 1-based line of the item at path in loaded YAML, or of its nearest parent."""
    node, line = data, None
    for step in path:
        if isinstance(node, CommentedMap) and step in node:
            line = node.lc.key(step)[0] + 1
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            line = node.lc.item(step)[0] + 1
            node = node[step]
        else:
            break
    return line


def field_name(path: Iterable[Any]) -> str:
    """('inkomster', 1, 'belopp') -> 'inkomster[2].belopp' (items counted from 1 for people)."""
    text = ""
    for step in path:
        if isinstance(step, int):
            text += f"[{step + 1}]"
        else:
            text += ("." if text else "") + str(step)
    return text


def _describe(error: ErrorDetails) -> str:
    kind = error["type"]
    last = str(error["loc"][-1]) if error.get("loc") else ""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = f"'{value}'" if not isinstance(value, (dict, list)) else "en lista eller tabell"
    if kind == "missing":
        return "saknas: fältet måste finnas"
    if kind == "extra_forbidden":
        return "okänd nyckel: kontrollera stavningen mot mallen (python -m toolkit casebank new)"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        unit = "hela kronor, utan mellanslag" if "belopp" in last or "kostnad" in last else "utan mellanslag"
        return f"ska vara ett heltal ({unit}), inte {shown}"
    if kind == "greater_than_equal":
        return ("får inte vara negativt" if ctx.get("ge") == 0
                else f"ska vara minst {ctx.get('ge')}, inte {shown}")
    if kind == "greater_than":
        return f"ska vara större än {ctx.get('gt')}, inte {shown}"
    if kind == "less_than_equal":
        return f"ska vara högst {ctx.get('le')}, inte {shown}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"ska vara true (ja) eller false (nej), inte {shown}"
    if kind == "union_tag_invalid":  # a tagged choice, e.g. the kind of a pass criterion
        return f"typen '{ctx.get('tag')}' finns inte; typ ska vara något av {ctx.get('expected_tags', '')}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        return f"ska vara något av {expected}, inte {shown}"
    if kind in {"string_type", "string_too_short"}:
        return f"ska vara en text, inte {shown}" if kind == "string_type" else "texten är för kort"
    if kind == "string_pattern_mismatch":
        return f"{shown} har fel form (bara små bokstäver a–z, siffror och bindestreck)"
    if kind == "list_type":
        return "ska vara en lista (rader som börjar med '-')"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "ska vara en tabell med nycklar och värden"
    if kind in {"date_type", "date_parsing", "date_from_datetime_inexact"}:
        return f"ska vara ett datum ÅÅÅÅ-MM-DD, inte {shown}"
    if kind == "too_short":
        return "listan får inte vara tom"
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error.get("msg")))
    return f"ogiltigt värde {shown}"


def validate(model: type[Model], data: Any, *, display: str) -> Model:
    """Validate loaded YAML against a pydantic model; raise InputError for the first problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        loc = tuple(first["loc"])
        problem = _describe(first)
        if len(errors) > 1:
            problem += f" (och {len(errors) - 1} fel till i filen)"
        raise InputError(problem, file=display, line=line_of(data, loc),
                         field=field_name(loc) or None) from None


def load_model(model: type[Model], path: str | Path, *, display: str | None = None) -> tuple[Model, Any]:
    """Load and validate a YAML file; returns the model and the raw data (for line lookups)."""
    name = display or str(path)
    data = load(path, display=name)
    return validate(model, data, display=name), data
