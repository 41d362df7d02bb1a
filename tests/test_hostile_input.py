"""Hostile and malformed input (issue 12): every bad case file ends in one Swedish line that
names the file (and the field where there is one), exit code 2, never a traceback, a hang or
an answer computed from an absurd value.

Each bad input changes one thing in a small case that is otherwise valid (checked below), or
hands the command line something that is not a case file at all: a folder, a link that
loops, a named pipe, /dev/zero. Those that could hang run in their own process with a time
limit, so that a regression fails instead of stopping the test run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, toolkit_env

from toolkit.cli import main

BASE = """\
id: trasig
titel: Ett fall med ett fel
månad: 2025-09
kommun: exempelstad
hushåll:
  - {id: p1, roll: sökande, ålder: 40}
kostnader:
  - {typ: boende, belopp: 6000}
inkomster:
  - {typ: sjukpenning, person: p1, belopp: 3000}
"""
ADJUSTMENT = "justeringar:\n  - {post: riksnorm, belopp: %s, skäl: Fördyrad kost enligt intyg}\n"
KEY = "facit:\n  belopp: %s\n  källa: Handräknad för testet av felaktiga värden\n"
HUGE = "1" + "0" * 30

# (what is wrong, the text replaced in BASE or None to append, the new text, the field named)
BAD_CASES = [
    ("en dag som inte finns", "månad: 2025-09", "månad: 2025-02-30", "månad"),
    ("år 0 som månad", "månad: 2025-09", "månad: 0000-09", "månad"),
    ("år 0 som datum", "månad: 2025-09", "månad: 0000-01-01", "månad"),
    ("månad 13", "månad: 2025-09", "månad: 2025-13", "månad"),
    ("NUL i en text", "titel: Ett fall med ett fel", 'titel: "Ett\\0fall"', "titel"),
    ("styrtecken i en text", "titel: Ett fall med ett fel", 'titel: "Ett\\efall"', "titel"),
    ("ensamt surrogat", "titel: Ett fall med ett fel", 'titel: "Ett\\ud800fall"', "titel"),
    ("5 000 siffror", "belopp: 3000", "belopp: " + "9" * 5000, "inkomster[1].belopp"),
    ("10^30 i en inkomst", "belopp: 3000", f"belopp: {HUGE}", "inkomster[1].belopp"),
    ("10^30 i en kostnad", "belopp: 6000", f"belopp: {HUGE}", "kostnader[1].belopp"),
    ("strax över beloppsgränsen", "belopp: 6000", "belopp: 10000001", "kostnader[1].belopp"),
    ("10^30 i en justering", None, ADJUSTMENT % HUGE, "justeringar[1].belopp"),
    ("-10^30 i en justering", None, ADJUSTMENT % ("-" + HUGE), "justeringar[1].belopp"),
    ("10^30 i facit", None, KEY % HUGE, "facit.belopp"),
    ("1e999999999 i facit", None, KEY % "'1e999999999'", "facit.belopp"),
    ("oändligt i facit", None, KEY % ".inf", "facit.belopp"),
    ("NaN i facit", None, KEY % "'NaN'", "facit.belopp"),
    ("decimaltal som belopp", "belopp: 6000", "belopp: 6000.5", "kostnader[1].belopp"),
    ("sant som belopp", "belopp: 6000", "belopp: true", "kostnader[1].belopp"),
    ("binärdata som text", "titel: Ett fall med ett fel", "titel: !!binary aGVq", "titel"),
    ("okänd tagg", "titel: Ett fall med ett fel", "titel: !python/object:os.system ls", "titel"),
    (
        "en hänvisning till sig själv",
        "kostnader:\n  - {typ: boende, belopp: 6000}\n",
        "kostnader: &a\n  - *a\n",
        "kostnader[1]",
    ),
    (
        "påhittat förnamn med siffror",
        "titel: Ett fall med ett fel",
        "titel: Ett fall\npåhittade_förnamn: [Anna2]",
        "påhittade_förnamn[1]",
    ),
]
# (what is wrong, the whole file, whether the line is named)
BAD_FILES = [
    ("100 000 hakparenteser", "id: " + "[" * 100_000 + "]" * 100_000 + "\n", False),
    ("djupt indrag", "id:\n" + "".join(" " * i + "- \n" for i in range(0, 600, 2)), False),
    (
        "miljarder skratt",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)),
        False,
    ),
    ("NUL-tecken i filen", BASE.replace("Ett fall", "Ett\x00fall"), True),
    ("tom fil", "", False),
    ("bara en kommentar", "# inget här\n", False),
    ("en lista i stället för en tabell", "- id: trasig\n", False),
    ("tabbtecken", BASE.replace("  - {typ: boende", "\t- {typ: boende"), True),
    ("nyckel två gånger", BASE + "titel: Igen\n", True),
]


def _run(args: list[str], capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _one_clear_line(err: str, name: str) -> None:
    assert "Traceback" not in err and "Error" not in err, err
    assert err.startswith("Fel: ") and len(err.strip().splitlines()) == 1, err
    assert name in err, err


def test_the_base_case_is_valid(tmp_path, capsys):
    path = tmp_path / "trasig.yaml"
    path.write_text(BASE, encoding="utf-8")
    code, out, err = _run(["assess", str(path)], capsys)
    assert code == 0, err


@pytest.mark.parametrize("what,old,new,field", BAD_CASES, ids=[b[0] for b in BAD_CASES])
def test_a_bad_value_names_the_file_and_the_field(tmp_path, capsys, what, old, new, field):
    text = BASE + new if old is None else BASE.replace(old, new, 1)
    assert text != BASE
    path = tmp_path / "trasig.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(["assess", str(path)], capsys)
    assert code == 2, (what, out, err)
    _one_clear_line(err, str(path))
    assert f"fältet '{field}'" in err, (what, err)
    assert out == ""


@pytest.mark.parametrize("what,text,line", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_gives_one_clear_line(tmp_path, capsys, what, text, line):
    path = tmp_path / "trasig.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(["assess", str(path)], capsys)
    assert code == 2, (what, out, err)
    _one_clear_line(err, str(path))
    if line:
        assert "rad " in err


def test_an_absurd_amount_is_refused_and_the_bound_is_a_setting(tmp_path, capsys, monkeypatch):
    path = tmp_path / "trasig.yaml"
    path.write_text(BASE.replace("belopp: 6000", "belopp: 20000000"), encoding="utf-8")
    code, _, err = _run(["assess", str(path)], capsys)
    assert code == 2 and "orimligt stort" in err and "10 000 000 kr" in err and "HANDBOK_MAX_BELOPP" in err
    monkeypatch.setenv("HANDBOK_MAX_BELOPP", "50000000")
    assert _run(["assess", str(path)], capsys)[0] == 0
    monkeypatch.setenv("HANDBOK_MAX_BELOPP", "tio miljoner")
    code, _, err = _run(["assess", str(path)], capsys)
    assert code == 2 and "HANDBOK_MAX_BELOPP" in err and "positivt heltal" in err


ENCODINGS = [
    ("Latin-1", "titel: Åsa söker\n".encode("latin-1"), "UTF-8"),
    ("UTF-16", BASE.encode("utf-16"), "UTF-8"),
]


@pytest.mark.parametrize("what,data,needle", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_a_file_that_is_not_utf8_is_named(tmp_path, capsys, what, data, needle):
    path = tmp_path / "trasig.yaml"
    path.write_bytes(data)
    code, _, err = _run(["assess", str(path)], capsys)
    assert code == 2
    _one_clear_line(err, str(path))
    assert needle in err


def test_a_byte_order_mark_and_windows_line_ends_are_fine(tmp_path, capsys):
    path = tmp_path / "trasig.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8"))
    assert _run(["assess", str(path)], capsys)[0] == 0


# The file name of each path that is not a case file (/dev/zero is itself).
NAMES = {
    "mapp": "mapp.yaml",
    "symbolisk länk i slinga": "slinga.yaml",
    "trasig länk": "trasig-lank.yaml",
    "FIFO": "ror.yaml",
    "över storleksgränsen": "stor.yaml",
    "finns inte": "finns-inte.yaml",
    "för lång sökväg": "a" * 5000,
}


def _path(tmp_path: Path, what: str) -> str:
    """The path that `what` names, made in tmp_path, so that the test shows what each one is.
    Only that one is made: the file over the size limit alone is 2 MB."""
    if what == "/dev/zero":
        return what
    path = tmp_path / NAMES[what]
    if what == "mapp":
        path.mkdir()
    elif what == "symbolisk länk i slinga":
        path.symlink_to(path.name)
    elif what == "trasig länk":
        path.symlink_to(tmp_path / "finns-inte")
    elif what == "FIFO":
        os.mkfifo(path)
    elif what == "över storleksgränsen":
        path.write_text(BASE + "# " + "x" * 2_000_001 + "\n", encoding="utf-8")
    return str(path)


PATHS = [*NAMES, "/dev/zero"]
FILE_COMMANDS = [
    ["assess"],
    ["parameters", "add-year"],
    ["casebank", "anonymize"],
    ["casebank", "variant", "--seed", "1"],
    ["casebank", "validate"],
    ["improvement", "status"],
    ["improvement", "runchart"],
    ["caseload", "plan", "PATH", "--månad", "2026-03"],
]


# A pipe and a device could make a reader wait or read forever: the commands on them run in a
# child process of their own, with a time limit, so that a hang fails the tests instead of
# stopping the test run. One child runs them all (each as `python -m toolkit` would, through
# run_toolkit): a process per command would cost a second of imports each.
NEEDS_OWN_PROCESS = {"FIFO", "/dev/zero"}
CHILD = """
import json, sys
from conftest import run_toolkit
results = [run_toolkit(*args) for args in json.loads(sys.argv[1])]
print(json.dumps([[done.returncode, done.stdout, done.stderr] for done in results]))
"""


def _args(command: list[str], path: str) -> list[str]:
    return [*command[:2], path, *(path if part == "PATH" else part for part in command[2:])]


@pytest.fixture(scope="module")
def in_own_process(tmp_path_factory) -> dict[tuple[str, str], tuple[str, int, str, str]]:
    """(path, exit code, stdout, stderr) of each command on the pipe and on the device."""
    folder = tmp_path_factory.mktemp("egen-process")
    paths = {what: _path(folder, what) for what in NEEDS_OWN_PROCESS}
    runs = {
        (what, " ".join(command)): _args(command, paths[what])
        for what in sorted(NEEDS_OWN_PROCESS)
        for command in FILE_COMMANDS
    }
    done = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(list(runs.values()))],
        cwd=ROOT / "tests",
        env=toolkit_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return {key: (paths[key[0]], *result) for key, result in zip(runs, json.loads(done.stdout), strict=True)}


@pytest.mark.parametrize("what", PATHS)
@pytest.mark.parametrize("command", FILE_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_a_path_that_is_not_a_file_never_hangs_and_is_named(tmp_path, capsys, request, what, command):
    if what in NEEDS_OWN_PROCESS:
        path, code, out, err = request.getfixturevalue("in_own_process")[(what, " ".join(command))]
    else:
        path = _path(tmp_path, what)
        code, out, err = _run(_args(command, path), capsys)
    # validate reports every case it reads as a problem (exit 1); the others refuse the input (exit 2)
    assert code == (1 if "validate" in command else 2), (what, out, err)
    assert "Traceback" not in err and err.startswith("Fel: "), err
    assert path[:60] in err, err


def test_a_malformed_database_address_is_one_line(capsys, monkeypatch):
    for address in ("postgresql://x:y@:::/db", "inte en adress", "mysql://anna@värd/db"):
        monkeypatch.setenv("HANDBOK_DB", address)
        for args in (["progress", "profile", "anna-07"], ["progress", "attempts"]):
            code, out, err = _run(args, capsys)
            assert code == 2, (address, out, err)
            _one_clear_line(err, "HANDBOK_DB")
            assert ":y@" not in err  # the address may hold a password: it is never repeated


def test_a_database_address_given_with_db_is_named_as_such(capsys):
    code, _, err = _run(["progress", "attempts", "--db", "inte en adress"], capsys)
    assert code == 2
    _one_clear_line(err, "--db")
