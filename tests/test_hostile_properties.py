"""Generated hostile input (hypothesis): whatever YAML reaches the case loader or the command
line, the only errors are InputError and MissingParameterError, and `python -m toolkit assess`
ends with exit code 0, 2 or 3 and at most one Swedish line, never a traceback.

Three generators: any text at all; YAML written from generated structures of hostile
scalars (huge and negative integers, NaN, impossible dates, control characters, markup,
aliases, deep lists); and the small valid case below with one field replaced by such a value,
so that the generated input reaches the validation of every field and the assessment.
"""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from toolkit.assessment import assess
from toolkit.case import load_case, parse_case
from toolkit.cli import main
from toolkit.errors import InputError, MissingParameterError
from toolkit.yamlfile import loads

EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

BASE = {
    "id": "trasig",
    "titel": "Ett fall med ett fel",
    "månad": "2025-09",
    "kommun": "exempelstad",
    "påhittade_förnamn": ["Jonas"],
    "hushåll": [{"id": "p1", "roll": "sökande", "ålder": 40}],
    "kostnader": [{"typ": "boende", "belopp": 6000}],
    "inkomster": [{"typ": "sjukpenning", "person": "p1", "belopp": 3000}],
    "justeringar": [{"post": "riksnorm", "belopp": 200, "skäl": "Fördyrad kost enligt intyg"}],
    "historik": {"försörjningsstöd_månader_i_följd": 2},
    "facit": {"belopp": 8380, "källa": "Handräknad för testet av felaktiga värden"},
}
# Where a generated value is put: every kind of field the case format has.
PATHS = [
    ("id",),
    ("titel",),
    ("månad",),
    ("påhittade_förnamn", 0),
    ("hushåll", 0, "ålder"),
    ("hushåll", 0, "roll"),
    ("hushåll", 0, "id"),
    ("kostnader", 0, "belopp"),
    ("kostnader", 0, "typ"),
    ("inkomster", 0, "belopp"),
    ("inkomster", 0, "person"),
    ("justeringar", 0, "belopp"),
    ("justeringar", 0, "skäl"),
    ("historik", "försörjningsstöd_månader_i_följd"),
    ("historik", "jobbstimulans_från"),
    ("facit", "belopp"),
    ("facit", "riksnorm"),
    ("kommun",),
    ("hushåll",),
    ("kostnader", 0),
    ("delat_boende",),
    ("variation",),
]

HOSTILE_TEXT = st.sampled_from(
    [
        "2025-02-30",
        "0000-09",
        "0000-01-01",
        "9999-12",
        "10000-01",
        "2025-9",
        "\x00",
        "a\x00b",
        "\x1b[31m",
        "\u202e",
        "\u200b",
        "&#56;&#49;",
        "**",
        "[" * 80,
        "{" * 80,
        "*a",
        "&a",
        "!!binary",
        "1e999999999",
        "-0",
        "NaN",
        ".inf",
        "9" * 120,
        "-" + "9" * 40,
        "ja",
        "nej",
        "on",
        "~",
        "null",
        "",
        " ",
        "\t",
        "'",
        '"',
        "\\",
        "#",
        "---",
        "...",
        "%YAML 1.1",
        "<<",
        "=",
        "?",
        ":",
        "- -",
        "Ö" * 300,
        "x" * 5000,
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    HOSTILE_TEXT,
    st.dates(),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.text(max_size=12), HOSTILE_TEXT), inner, max_size=4)
    ),
    max_leaves=12,
)


def _dump(data) -> str:
    stream = io.StringIO()
    YAML(typ="rt").dump(data, stream)
    return stream.getvalue()


def _set(data: dict, path: tuple, value) -> dict:
    node = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
    return data


def _fresh() -> dict:
    import copy

    return copy.deepcopy(BASE)


def test_the_base_case_is_valid(rules):
    case = parse_case(loads(_dump(_fresh())), rules=rules)
    assert assess(case, rules).amount > 0


@EXAMPLES
@given(text=st.text(max_size=400))
def test_any_text_is_read_or_refused_with_input_error(text):
    try:
        loads(text, display="fall.yaml")
    except InputError as error:
        assert error.describe().startswith("fall.yaml") and "\n" not in error.describe()


@EXAMPLES
@given(data=VALUES)
def test_yaml_from_any_structure_is_a_case_or_an_input_error(rules, data):
    try:
        text = _dump(data)
    except Exception:  # noqa: BLE001 - a structure ruamel itself cannot write is not input
        return
    try:
        parse_case(loads(text, display="fall.yaml"), display="fall.yaml", rules=rules)
    except InputError:
        pass


@EXAMPLES
@given(path=st.sampled_from(PATHS), value=VALUES)
def test_one_hostile_field_gives_a_result_or_a_clear_error(rules, path, value):
    try:
        text = _dump(_set(_fresh(), path, value))
    except Exception:  # noqa: BLE001
        return
    try:
        case = parse_case(loads(text, display="fall.yaml"), display="fall.yaml", rules=rules)
        assess(case, rules)
    except (InputError, MissingParameterError):
        pass


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    path=st.sampled_from(PATHS),
    value=VALUES,
    mangle=st.sampled_from(["", "\t", "\x00", ":", "[", "&a ", "*a "]),
    at=st.integers(min_value=0, max_value=400),
)
def test_the_command_line_keeps_its_exit_code_contract(path, value, mangle, at):
    try:
        text = _dump(_set(_fresh(), path, value))
    except Exception:  # noqa: BLE001
        return
    text = text[:at] + mangle + text[at:]
    with tempfile.TemporaryDirectory() as folder:
        case = Path(folder) / "trasig.yaml"
        case.write_text(text, encoding="utf-8", errors="surrogatepass")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = main(["assess", str(case)])
        assert code in (0, 2, 3), (code, err.getvalue())
        if code:
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("Fel: ") and "Traceback" not in lines[0], lines
            assert str(case) in lines[0] or code == 3
        else:
            assert out.getvalue() and not err.getvalue()
            load_case(case)  # what was assessed is a valid case
