"""Turn a free-text case description into a draft case, with identifiers masked.

The guard's detectors find personnummer, phone numbers, e-mail, addresses, postcodes,
bank numbers, dates of birth and surnames; a pair of capitalised words inside a sentence is
masked as a possible name. What is masked is replaced by a placeholder such as [namn].

Masking is not anonymization: first names, places, employers, dates and rare details stay,
and together they can still point to a person. Pseudonymized text is still personal data.
So the draft is written with `granskad: false` and no key, the validator refuses it, and a
person must review and rewrite it before it may enter the case bank (see the book's page
"Skriva fall").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..textfile import read_text
from .guard import PLACEHOLDERS, find

POSSIBLE_NAME = "möjligt namn"

# Capitalised words that are institutions or common words, never masked as names.
_KNOWN = {
    "försäkringskassan",
    "arbetsförmedlingen",
    "skatteverket",
    "kronofogden",
    "csn",
    "migrationsverket",
    "socialtjänsten",
    "socialnämnden",
    "kommunen",
    "a-kassan",
    "ssbtek",
    "swish",
    "bankid",
    "ica",
    "coop",
    "lidl",
    "hemköp",
    "willys",
    "systembolaget",
    "sfi",
    "komvux",
    "gymnasiet",
    "vårdcentralen",
    "bup",
    "polisen",
    "kvinnojouren",
    "region",
    "regionen",
    "ekonomiskt",
    "bistånd",
    "svar",
    "från",
    "via",
    "hon",
    "han",
    "hen",
    "de",
    "vi",
    "jag",
    "den",
    "det",
    "klienten",
    "sökande",
    "ärende",
    "ärendet",
}
_PAIR = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]+(?:[ \-][A-ZÅÄÖ][a-zåäöé]+)+\b")


@dataclass(frozen=True)
class Masked:
    kind: str
    line: int
    placeholder: str


def _possible_names(text: str) -> list[tuple[int, int]]:
    """Runs of two or more capitalised words that are not institutions or common words."""
    spans = []
    for match in _PAIR.finditer(text):
        run: list[re.Match] = []
        for word in list(re.finditer(r"[A-ZÅÄÖ][a-zåäöé]+", match.group(0))) + [None]:
            if word is not None and word.group(0).lower() not in _KNOWN:
                run.append(word)
                continue
            if len(run) >= 2:
                spans.append((match.start() + run[0].start(), match.start() + run[-1].end()))
            run = []
    return spans


def mask(text: str) -> tuple[str, list[Masked]]:
    """The text with every identifier the guard finds, and possible names, replaced."""
    spans = [(f.start, f.end, f.kind) for f in find(text)]
    taken = [(s, e) for s, e, _ in spans]
    for start, end in _possible_names(text):
        if not any(s < end and start < e for s, e in taken):
            spans.append((start, end, POSSIBLE_NAME))
    spans.sort()
    out, masked, position = [], [], 0
    for start, end, kind in spans:
        if start < position:
            continue
        placeholder = PLACEHOLDERS.get(kind, "[namn]")
        out.append(text[position:start])
        out.append(placeholder)
        masked.append(Masked(kind, text.count("\n", 0, start) + 1, placeholder))
        position = end
    out.append(text[position:])
    return "".join(out), masked


def slug(text: str) -> str:
    """An ASCII id from a file name: 'Fall från mottagningen' -> 'fall-fran-mottagningen'."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    plain = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
    return plain or "utkast"


def _month(text: str) -> str:
    months = re.findall(r"(?<!\d)(20\d{2})-(0[1-9]|1[0-2])(?!\d)", text)
    if months:
        year, month = max(months)
        return f"{year}-{month}"
    today = date.today()
    return f"{today.year:04d}-{today.month:02d}"


def draft_yaml(case_id: str, masked_text: str, source_name: str) -> str:
    """The draft case: unreviewed, without a key, with the masked text as the narrative."""
    body = "\n".join(("  " + line).rstrip() for line in masked_text.replace("\t", "    ").splitlines())
    return f"""# UTKAST, INTE GRANSKAT. Skapat av python -m toolkit casebank anonymize från {source_name}.
# Texten är maskerad men inte anonym: förnamn, orter, arbetsplatser, datum och ovanliga
# detaljer finns kvar. Den är fortfarande en personuppgift. Spara den inte i git.
# Granska och skriv om enligt sidan "Skriva fall" i handboken, räkna facit för hand och
# sätt granskad: true först när en annan person har granskat fallet.
id: {case_id}
titel: "Utkast: skriv en titel"
månad: {_month(masked_text)}                       # ÄNDRA: månaden som ansökan gäller
färdigheter: []                      # ÄNDRA: id från casebank/skills.yaml
nivå: 1
granskad: false

hushåll:
  - id: p1
    roll: sökande
    ålder: 18                        # ÄNDRA: ålder i år, aldrig födelsedatum

kostnader: []
inkomster: []

berättelse: |
{body}
"""


def report_text(source_name: str, draft_name: str, masked: list[Masked]) -> str:
    """What was masked (kind, line, placeholder, never the original) and what to review."""
    counts = Counter(m.kind for m in masked)
    lines = [f"Rapport: anonymisering av {source_name}", f"Utkast: {draft_name} (granskad: false)", ""]
    if masked:
        lines.append(f"Maskerat: {len(masked)} uppgifter")
        for kind, count in sorted(counts.items()):
            lines.append(f"  {kind}: {count}")
        lines.append("")
        lines.append("Var (rad i berättelsen):")
        for item in masked:
            lines.append(f"  rad {item.line}: {item.kind} -> {item.placeholder}")
    else:
        lines.append("Inga uppgifter hittades att maskera. Det betyder inte att texten är anonym.")
    lines += [
        "",
        "Granska innan utkastet används:",
        "  1. Läs hela texten. Byt varje förnamn mot ett påhittat förnamn och ta bort efternamn.",
        "  2. Ta bort eller ändra orter, arbetsplatser, skolor, datum och ovanliga detaljer",
        "     (sjukdomar, yrken, händelser) som tillsammans kan peka ut en person.",
        "  3. Skriv ålder i år i stället för födelsedatum och ändra belopp något.",
        "  4. Fyll i hushåll, kostnader, inkomster och historik, och räkna facit för hand.",
        "  5. Låt en annan person granska. Sätt granskad: true först därefter.",
        "  6. Kör python -m toolkit casebank validate på fallet.",
        "Utkastet och den här rapporten är personuppgifter tills granskningen är klar: spara dem",
        "inte i git och radera dem när fallet är färdigt.",
    ]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class AnonymizeResult:
    draft: Path
    report: Path
    masked: list[Masked]


def anonymize_file(
    source: Path, out_dir: Path | None = None, case_id: str | None = None, *, overwrite: bool = False
) -> AnonymizeResult:
    """Mask a free-text case description and write a draft case and a report beside it."""
    source = Path(source)
    text = read_text(source, display=str(source))  # only a regular UTF-8 file under the size limit
    if not text.strip():
        raise InputError("filen är tom", file=str(source))
    case_id = case_id or slug(source.stem)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", case_id):
        raise InputError(f"'{case_id}' kan inte vara ett id: använd bara a–z, 0–9 och bindestreck")
    folder = Path(out_dir) if out_dir else source.parent
    folder.mkdir(parents=True, exist_ok=True)
    draft = folder / f"{case_id}.yaml"
    report = folder / f"{case_id}.rapport.txt"
    for path in (draft, report):
        if path.resolve() == source.resolve():
            raise InputError("utkastet skulle skriva över originalet; ange en annan mapp med --ut", file=str(path))
        if path.exists() and not overwrite:
            raise InputError("filen finns redan; ange --skriv-over eller en annan mapp med --ut", file=str(path))
    masked_text, masked = mask(text)
    draft.write_text(draft_yaml(case_id, masked_text, source.name), encoding="utf-8")
    report.write_text(report_text(source.name, draft.name, masked), encoding="utf-8")
    return AnonymizeResult(draft, report, masked)


__all__ = ["mask", "anonymize_file", "draft_yaml", "report_text", "slug", "Masked", "POSSIBLE_NAME"]
