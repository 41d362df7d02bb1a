"""The rubric for a written decision: each element of the trainee's decision is checked on its
own and gets a Swedish feedback sentence, and each result is a line for the progress store
with the skill it trains (toolkit.progress.LineResult).

A decision on an application is checked for: beslutstyp, belopp, period, motivering (facts,
rule, assessment), lagrum, överklagandehänvisning, kommunicering where required, no identity
data and plain language. An återkrav decision has the återkrav information (no avdrag from
ongoing bistånd, förvaltningsrätten within three years) instead of the överklagandehänvisning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..casebank.guard import BOOK_DETECTORS, find
from ..errors import InputError
from ..money import ORE_PER_KRONA, format_kr, parse_kronor
from ..months import Month
from ..progress import LineResult
from ..rules import Rules
from .model import DECISION_TYPES, DecisionExercise, RequirementsPeriod, in_force, load_decision_rules
from .text import cites, has_stem, missing_stems, readability, words

WRITING = "beslutsskrivning"  # the skill every writing element trains
RECOVERY = "kontroll"  # the skill of the återkrav elements
# Misconceptions the rubric recognises (toolkit/misconceptions.yaml), by element.
MISCONCEPTIONS = {
    "överklagande": "beslut-utan-overklagandehanvisning",
    "kommunicering": "beslut-utan-kommunicering",
    "motivering": "beslut-motivering-utan-fakta",
    "lagrum": "beslut-utan-lagrum",
    "avräkning": "aterkrav-avraknat",
    "domstol": "aterkrav-utan-domstol",
    "identitet": "beslut-med-identitetsuppgifter",
}


@dataclass(frozen=True)
class DecisionAnswer:
    """What the trainee wrote, exactly as typed (the dates as chosen)."""

    decision: str = ""
    amount: str = ""
    start: date | None = None
    end: date | None = None
    motivation: str = ""
    legal: str = ""
    information: str = ""
    communication: str = ""

    def texts(self) -> str:
        """All the free text, for the checks that look at the whole decision."""
        return "\n".join((self.motivation, self.legal, self.information, self.communication))

    def to_data(self) -> dict[str, str | None]:
        """The answer as stored with the attempt."""
        return {
            "beslutstyp": self.decision,
            "belopp": self.amount,
            "från": self.start.isoformat() if self.start else None,
            "till": self.end.isoformat() if self.end else None,
            "motivering": self.motivation,
            "lagrum": self.legal,
            "upplysningar": self.information,
            "kommunicering": self.communication,
        }


def model_answer(exercise: DecisionExercise) -> DecisionAnswer:
    """The exercise's model decision as an answer (what a right answer looks like)."""
    m = exercise.model
    return DecisionAnswer(
        decision=exercise.decision,
        amount=str(exercise.amount),
        start=exercise.period.start,
        end=exercise.period.end,
        motivation=m.motivation,
        legal=m.legal,
        information=m.information,
        communication=m.communication,
    )


@dataclass(frozen=True)
class Element:
    """One checked element: right or not, the feedback sentence, and the skill it trains."""

    key: str
    label: str
    skill: str
    right: bool
    feedback: str
    misconception: str | None = None

    @property
    def line(self) -> LineResult:
        """The element as a line for the progress store."""
        return LineResult(self.key, self.skill, self.right)


@dataclass
class Review:
    """The rubric's result for one written decision."""

    elements: list[Element] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(e.right for e in self.elements)

    @property
    def max_score(self) -> int:
        return len(self.elements)

    @property
    def all_right(self) -> bool:
        return all(e.right for e in self.elements)

    def element(self, key: str) -> Element:
        """The result of one element by key."""
        return next(e for e in self.elements if e.key == key)

    @property
    def misconceptions(self) -> tuple[str, ...]:
        return tuple(sorted({e.misconception for e in self.elements if e.misconception}))

    @property
    def lines(self) -> tuple[LineResult, ...]:
        return tuple(e.line for e in self.elements)


def _element(key: str, label: str, skill: str, right: bool, good: str, bad: str) -> Element:
    return Element(key, label, skill, right, good if right else bad, None if right else MISCONCEPTIONS.get(key))


def _decision(exercise: DecisionExercise, answer: DecisionAnswer) -> Element:
    expected = DECISION_TYPES[exercise.decision].lower()
    if not answer.decision:
        return _element(
            "beslutstyp", "Beslutstyp", exercise.skills[0], False, "", "Beslutstypen saknas: välj ett beslut."
        )
    right = answer.decision == exercise.decision
    chosen = DECISION_TYPES.get(answer.decision, answer.decision).lower()
    return _element(
        "beslutstyp",
        "Beslutstyp",
        exercise.skills[0],
        right,
        f"Beslutstypen är rätt: {expected}.",
        f"Beslutstypen ska vara {expected}, inte {chosen}. Läs fakta i ärendet igen.",
    )


def _amount(exercise: DecisionExercise, answer: DecisionAnswer) -> Element:
    label, skill = "Belopp", exercise.skills[0]
    text = answer.amount.strip()
    if not text and exercise.decision == "avslag":
        text = "0"
    try:
        written = parse_kronor(text)
    except ValueError as error:
        return _element("belopp", label, skill, False, "", f"Beloppet går inte att läsa: {error}.")
    key = exercise.amount * ORE_PER_KRONA
    shown = format_kr(key)
    return _element(
        "belopp",
        label,
        skill,
        written == key,
        f"Beloppet stämmer med beräkningen: {shown}.",
        f"Beloppet {format_kr(written)} stämmer inte med beräkningen. Räkna om och jämför med underlaget.",
    )


def _period(exercise: DecisionExercise, answer: DecisionAnswer) -> Element:
    p = exercise.period
    right = (answer.start, answer.end) == (p.start, p.end)
    missing = answer.start is None or answer.end is None
    return _element(
        "period",
        "Period",
        WRITING,
        right,
        f"Perioden är rätt: {p.start.isoformat()} till {p.end.isoformat()}.",
        "Perioden saknas: välj första och sista dagen som beslutet gäller."
        if missing
        else "Perioden stämmer inte med ansökan och beräkningen. Beslutet gäller den månad som beräkningen avser.",
    )


def _motivation(exercise: DecisionExercise, answer: DecisionAnswer, rules: Rules) -> Element:
    limits = in_force(load_decision_rules().motivation, exercise.period.start, "motiveringens gränser")
    text, problems = answer.motivation, []
    if len(words(text)) < limits.min_words:
        problems.append(f"den är för kort (minst {limits.min_words} ord)")
    missing = [exercise.facts[i].fact for i in missing_stems(text, [f.words for f in exercise.facts])]
    if missing:
        problems.append("den nämner inte det som avgjorde: " + ", ".join(missing))
    if not has_stem(text, exercise.rule_words):
        problems.append("den säger inte vad regeln är med egna ord")
    if not has_stem(text, limits.assessment_words):
        problems.append("den säger inte hur du har bedömt (till exempel ”Jag bedömer att …, eftersom …”)")
    return _element(
        "motivering",
        "Motivering",
        WRITING,
        not problems,
        "Motiveringen säger fakta, regeln och din bedömning.",
        "Motiveringen räcker inte: " + "; ".join(problems) + ".",
    )


def _legal(exercise: DecisionExercise, answer: DecisionAnswer, rules: Rules) -> Element:
    citations = [rules.citation(rule, exercise.month).text for rule in exercise.legal]
    missing = [c for c in citations if not cites(answer.legal, c)]
    return _element(
        "lagrum",
        "Lagrum",
        WRITING,
        not missing,
        "Lagrummet är rätt för beslutets månad.",
        "Lagrummet saknas eller är fel. För beslutets månad gäller: " + "; ".join(missing) + ".",
    )


def _requirements(key: str, label: str, skill: str, text: str, periods: list[RequirementsPeriod], day: date) -> Element:
    period = in_force(periods, day, label.lower())
    missing = [period.requirements[i].what for i in missing_stems(text, [r.words for r in period.requirements])]
    return _element(
        key,
        label,
        skill,
        not missing,
        f"{label}: allt som ska stå där finns med.",
        f"{label}: det saknas " + ", ".join(missing) + ".",
    )


def _communication(exercise: DecisionExercise, answer: DecisionAnswer, rules: Rules) -> Element:
    label = "Kommunicering"
    if not exercise.communication_required:
        return _element("kommunicering", label, WRITING, True, "Här behövdes ingen särskild kommunicering.", "")
    stems = in_force(load_decision_rules().communication, exercise.period.start, "kommuniceringens ord").words
    law = rules.citation("kommunicering", exercise.month).text
    return _element(
        "kommunicering",
        label,
        WRITING,
        has_stem(answer.communication, stems),
        "Beslutet säger att den sökande fick ta del av uppgifterna och svara innan du beslutade.",
        "Beslutet går emot den sökande på uppgifter som hen inte själv har lämnat. Skriv att hen fick "
        f"ta del av dem och tillfälle att yttra sig innan du beslutade (kommunicering, {law}).",
    )


def _identity(answer: DecisionAnswer) -> Element:
    kinds = sorted({f.kind for f in find(answer.texts(), BOOK_DETECTORS, declared=[])})
    return _element(
        "identitet",
        "Inga identitetsuppgifter",
        WRITING,
        not kinds,
        "Beslutet innehåller inga identitetsuppgifter.",
        "Ta bort identitetsuppgifterna i övningen: " + ", ".join(kinds) + ". Övningsfallen är påhittade och "
        "ska inte få verkliga uppgifter.",
    )


def _plain(exercise: DecisionExercise, answer: DecisionAnswer) -> Element:
    limits = in_force(load_decision_rules().plain_language, exercise.period.start, "klarspråkets gränser")
    text = "\n".join((answer.motivation, answer.information, answer.communication))
    measured = readability(text, limits.officialese)
    problems = []
    if measured.mean_words > limits.max_mean_words:
        problems.append(f"meningarna är i snitt {measured.mean_words:.0f} ord (högst {limits.max_mean_words})")
    if measured.longest_words > limits.max_sentence_words:
        start = " ".join(measured.longest.split()[:6])
        problems.append(
            f"meningen som börjar ”{start} …” har {measured.longest_words} ord (högst {limits.max_sentence_words})"
        )
    if measured.officialese:
        problems.append("byt ut krångliga ord: " + ", ".join(measured.officialese))
    return _element(
        "klarspråk",
        "Klarspråk",
        WRITING,
        not problems,
        "Språket är enkelt: korta meningar och vanliga ord.",
        "Skriv enklare: " + "; ".join(problems) + ".",
    )


def review(exercise: DecisionExercise, answer: DecisionAnswer, rules: Rules) -> Review:
    """Check each element of a written decision against the exercise's key and the rules of its
    month. Förvaltningslag (2017:900) 25, 32, 33 och 44 §§; Språklag (2009:600) 11 §."""
    if answer.decision and answer.decision not in DECISION_TYPES:
        raise InputError(f"okänd beslutstyp '{answer.decision}'", field="beslutstyp")
    parameters = load_decision_rules()
    elements = [
        _decision(exercise, answer),
        _amount(exercise, answer),
        _period(exercise, answer),
        _motivation(exercise, answer, rules),
        _legal(exercise, answer, rules),
    ]
    if exercise.recovery:
        # The återkrav is decided now: today's rules say what the decision must tell.
        elements += _recovery_elements(answer, parameters.recovery, date.today(), rules)
    else:
        elements.append(
            _requirements(
                "överklagande",
                "Överklagandehänvisningen",
                WRITING,
                answer.information,
                parameters.appeal,
                exercise.period.start,
            )
        )
    elements += [_communication(exercise, answer, rules), _identity(answer), _plain(exercise, answer)]
    return Review(elements)


def _recovery_elements(
    answer: DecisionAnswer, periods: list[RequirementsPeriod], day: date, rules: Rules
) -> list[Element]:
    """The återkrav information: no avdrag from coming bistånd (the first requirement), and
    förvaltningsrätten within three years (the others)."""
    period = in_force(periods, day, "återkravets upplysningar")
    ruling = rules.citation("avräkning", Month.of(day)).text
    first, *court = period.requirements
    missing_court = [r.what for r in court if not has_stem(answer.information, r.words)]
    return [
        _element(
            "avräkning",
            "Inget avdrag",
            RECOVERY,
            has_stem(answer.information, first.words),
            "Beslutet säger att beloppet inte dras av från försörjningsstödet framöver.",
            "Skriv att nämnden inte drar av beloppet från försörjningsstödet som den sökande får framöver. "
            f"Nämnden har inte stöd i lagen för det ({ruling}).",
        ),
        _element(
            "domstol",
            "Om beloppet inte betalas",
            RECOVERY,
            not missing_court,
            "Beslutet säger vad som händer om beloppet inte betalas: förvaltningsrätten, inom tre år.",
            "Beslutet saknar " + ", ".join(missing_court) + ".",
        ),
    ]
