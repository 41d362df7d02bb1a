"""Read YAML files and validate them, with Swedish errors that name the file, line and field.

ruamel.yaml keeps the position of every key and item, so a pydantic error such as
('inkomster', 1, 'belopp') can be reported as the line the author wrote. libyaml reads the text
for it where the two read alike (yamlevents).
"""

from __future__ import annotations

import copy
import functools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from . import parsecache, yamlevents
from .errors import InputError, one_line
from .newest import Newest
from .textfile import read_text

Model = TypeVar("Model", bound=BaseModel)

# ruamel's wording for common syntax mistakes, in plain Swedish.
_SYNTAX_HINTS = [
    (
        "mapping values are not allowed",
        "ett kolon står på fel ställe; sätt texten inom citattecken om den innehåller kolon",
    ),
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


# Limits that keep a hostile file from hanging or crashing the reader. A case file has a few
# levels and a few hundred values; ruamel's scanner slows down quadratically with nesting.
MAX_DEPTH = 64  # lists and tables written inside each other with [ ] and { }
MAX_INDENT = 200  # columns of indentation (block nesting)
MAX_VALUES = 200_000  # values after following every alias (*name), against "billion laughs"
MAX_DIGITS = 100  # digits in an integer (Python refuses over 4 300); amounts have their own bound


class _LongNumber(str):
    """An integer literal with more digits than any amount: kept as text for a clear error."""


class _NoSuchDate(str):
    """A date literal that is not in the calendar (2025-02-30, year 0): kept as text."""


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, but a too-long integer or an impossible date becomes a
    marker instead of a ValueError, so that the error can name the field."""

    def construct_yaml_int(self, node: Any) -> Any:
        if sum(char.isdigit() for char in str(node.value)) > MAX_DIGITS:
            return _LongNumber(node.value)
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return _NoSuchDate(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)
_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def load(path: str | Path, *, display: str | None = None, shared: bool = False) -> Any:
    """Load a YAML file, keeping line positions; raise InputError on any problem (a missing
    file, a folder, a pipe or device, a file over the size limit, text that is not UTF-8).
    shared: the caller only reads the data, so it gets the kept parse itself, not a copy
    (copying a parse with positions costs as much as a third of parsing it)."""
    name = display or str(path)
    data = _parse(read_text(path, display=name), name, True)
    return data if shared else copy.deepcopy(data)


def read_only(text: str, *, display: str, roundtrip: bool = False) -> Any:
    """A file's text loaded as `load` loads it, for a caller that only reads the data (the
    guard): shared with other callers, not copied, and kept on disk for other processes.
    roundtrip: also keep the comments and where folded text was wrapped, for a caller that
    writes (a copy of) the data out again."""
    return _parse(text, display, True, roundtrip)


def _check_shape(text: str, display: str) -> None:
    """Refuse nesting that would make the parser hang or recurse, before it runs."""
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", text):
        depth = depth + 1 if bracket in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    indent = max((len(m.group(0)) for m in re.finditer(r"^(?:[ ]|-[ ]|\?[ ])+", text, re.MULTILINE)), default=0)
    if deepest > MAX_DEPTH or indent > MAX_INDENT:
        raise InputError(
            f"filen är för djupt nästlad (listor och tabeller i fler än {MAX_DEPTH} nivåer "
            f"eller indrag över {MAX_INDENT} tecken); ett fall behöver bara några få nivåer",
            file=display,
        )


def _reader_error(error: ReaderError, text: str, display: str) -> InputError:
    position = getattr(error, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
    char = getattr(error, "character", None)
    code = f"U+{char:04X}" if isinstance(char, int) else "ett styrtecken"
    return InputError(
        f"filen innehåller tecknet {code}, som inte får stå i en textfil (till exempel NUL); ta bort det",
        file=display,
        line=line,
    )


def loads(text: str, *, display: str = "<text>", shared: bool = False) -> Any:
    """Load YAML from a string; raise InputError naming the line on a syntax error, and the
    field for a value no file may hold (a control character, an impossible date, an integer
    of more than MAX_DIGITS digits, an alias that refers to itself)."""
    # The book build, the app and the tests read the same registry, parameters and cases many
    # times, and parsing with positions is slow (a fifth of a second for the registry): a parse
    # is kept per text, and each caller gets its own copy to change as it likes. A changed file
    # is a new text, so nothing stale is ever returned; errors are never kept. shared: as in load.
    data = _parse(text, display)
    return data if shared else copy.deepcopy(data)


class _Parses:
    """Checked parses, the newest PARSES_KEPT kept per text. The display name only appears in
    an error, and errors are never kept, so the same text read under another name (a case
    variant's text, then the file written from it) is parsed once."""

    def __init__(self, size: int):
        self.kept: Newest[tuple[str, bool, bool], Any] = Newest(size)

    def __call__(self, text: str, display: str, keep: bool = False, roundtrip: bool = False) -> Any:
        data = self.kept.get((text, keep, roundtrip))
        if data is None:
            data = _checked_parse(text, display, keep, roundtrip)
            self.kept.put((text, keep, roundtrip), data)
        return data

    def cache_clear(self) -> None:
        self.kept.clear()


def _checked_parse(text: str, display: str, keep: bool, roundtrip: bool = False) -> Any:
    """The checked parse of a text; a file's (keep) is also kept on disk for other processes."""
    if keep and (kept := parsecache.get(text, roundtrip)) is not None:
        return kept
    _check_shape(text, display)
    try:
        data = _read(text, roundtrip)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = str(error.problem).split('"')[1] if '"' in str(error.problem) else ""
        raise InputError(
            f"nyckeln '{key}' står två gånger", file=display, line=mark.line + 1 if mark else None
        ) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise InputError(_syntax_message(error), file=display, line=mark.line + 1 if mark else None) from None
    except ReaderError as error:
        raise _reader_error(error, text, display) from None
    except (YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        raise InputError(
            "texten kan inte läsas som YAML (ett värde har en form som inte stöds)", file=display
        ) from None
    if data is None:
        raise InputError("filen är tom", file=display)
    _check_values(data, display)
    if keep:
        parsecache.put(text, data, roundtrip)
    return data


def _read(text: str, roundtrip: bool) -> Any:
    """ruamel's round-trip data of the text: composed from libyaml's events where the two read
    it alike, else (and with comments, for roundtrip) read by ruamel, which also words errors."""
    if not roundtrip:
        try:
            return yamlevents.load(text, _yaml())
        except yamlevents.Unsupported:
            pass
    return _yaml().load(text)


PARSES_KEPT = 128
_parse = _Parses(PARSES_KEPT)


def _check_values(data: Any, display: str) -> None:
    """Walk the loaded data once: every text, number and date must be one a file may hold, and
    aliases may neither refer to themselves nor expand past MAX_VALUES values."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()

    def fail(path: tuple[Any, ...], problem: str) -> InputError:
        return InputError(problem, file=display, line=line_of(data, path), field=field_name(path) or None)

    def check_scalar(value: Any, path: tuple[Any, ...]) -> None:
        if isinstance(value, _LongNumber):
            digits = sum(char.isdigit() for char in value)
            raise fail(
                path, f"talet har {digits} siffror; inget belopp eller antal är så stort (högst {MAX_DIGITS} siffror)"
            )
        if isinstance(value, (bytes, bytearray)):
            raise fail(path, "binärdata (!!binary) kan inte stå i en fil som människor skriver; skriv en text")
        if isinstance(value, _NoSuchDate):
            raise fail(path, f"datumet '{one_line(value, 40)}' finns inte i kalendern")
        if isinstance(value, str):
            bad = next((c for c in value if c not in "\t\n\r" and unicodedata.category(c) in {"Cc", "Cs"}), None)
            if bad is not None:
                raise fail(
                    path,
                    f"texten innehåller tecknet U+{ord(bad):04X} ({_char_name(bad)}), som inte får "
                    "stå i en fil; ta bort det",
                )

    def size(node: Any, path: tuple[Any, ...]) -> int:
        if not isinstance(node, (dict, list)):
            check_scalar(node, path)
            return 1
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_:
            raise fail(path, "en hänvisning (*namn) pekar på sig själv; skriv ut värdet i stället")
        open_.add(key)
        total = 1
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for step, child in items:
            if isinstance(node, dict):
                check_scalar(step, path)
            total += size(child, path + (step,))
            if total > MAX_VALUES:
                raise fail(
                    path,
                    f"filen har fler än {MAX_VALUES:,} värden när hänvisningarna (*namn) följs; "
                    "skriv ut värdena i stället".replace(",", " "),
                )
        open_.discard(key)
        sizes[key] = total
        return total

    size(data, ())


def _char_name(char: str) -> str:
    return {"\x00": "NUL"}.get(char, unicodedata.name(char, "styrtecken"))


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
    shown = f"'{one_line(value, 60)}'" if not isinstance(value, (dict, list)) else "en lista eller tabell"
    if kind == "missing":
        return "saknas: fältet måste finnas"
    if kind == "extra_forbidden":
        return "okänd nyckel: kontrollera stavningen mot mallen (python -m toolkit casebank new)"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        unit = "hela kronor, utan mellanslag" if "belopp" in last or "kostnad" in last else "utan mellanslag"
        return f"ska vara ett heltal ({unit}), inte {shown}"
    if kind == "greater_than_equal":
        return "får inte vara negativt" if ctx.get("ge") == 0 else f"ska vara minst {ctx.get('ge')}, inte {shown}"
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
        raise InputError(problem, file=display, line=line_of(data, loc), field=field_name(loc) or None) from None


def load_model(model: type[Model], path: str | Path, *, display: str | None = None) -> tuple[Model, Any]:
    """Load and validate a YAML file; returns the model and the raw data (for line lookups).
    Both are shared between callers that read the same text: the model is frozen, and the data
    is for reading only."""
    name = display or str(path)
    return _validated(model, read_text(path, display=name), name)


@functools.lru_cache(maxsize=128)
def _validated(model: type[Model], text: str, display: str) -> tuple[Model, Any]:
    data = _parse(text, display, True)
    return validate(model, data, display=display), data
