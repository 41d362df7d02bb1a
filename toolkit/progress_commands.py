"""`python -m toolkit progress ...`: a trainee's attempts and competence profile, in Swedish.

Reads the progress store (SQLite file by default, HANDBOK_DB or --db for another SQLAlchemy
URL). Uses the core only.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from .words import count_text

if TYPE_CHECKING:
    from .progress import Profile, Store
    from .progress.recommend import Recommendation


def _store(args: argparse.Namespace) -> Store:
    # Imported when a command runs, so that every other command starts without SQLAlchemy.
    from .progress import Store

    return Store(args.db) if args.db else Store()


def _profile(args: argparse.Namespace) -> int:
    from .misconceptions import catalogue

    profile = _store(args).profile(args.pseudonym)
    if args.json:
        print(
            json.dumps(
                {
                    "pseudonym": profile.pseudonym,
                    "försök": profile.attempts,
                    "övningar": profile.exercises,
                    "färdigheter": {
                        s.skill: {
                            "försök": s.attempts,
                            "rätt_procent": s.percent,
                            "helt_rätt": s.full_marks,
                            "missuppfattningar": s.misconceptions,
                            "nivå": s.level,
                            "övning_efter_facit": s.practice,
                        }
                        for s in profile.skills.values()
                    },
                    "missuppfattningar": dict(profile.misconceptions.most_common()),
                    "rekommendationer": [
                        {"typ": r.kind, "vad": r.subject, "varför": r.reason, "nästa_övning": r.exercise}
                        for r in _recommendations(profile)
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    exercises = count_text(len(profile.exercises), "övning", "övningar")
    print(f"Kompetensprofil för {profile.pseudonym}: {profile.attempts} försök i {exercises}")
    if not profile.attempts:
        print("Inga försök ännu.")
        return 0
    print()
    print("Bara första försöket på ett fall eller en variant räknas; försök efter facit är övning.")
    print(f"{'Färdighet':<22} {'Försök':>6} {'Rätt':>6} {'Helt rätt':>10} {'Nivå':>5} {'Övning':>7}")
    for summary in profile.skills.values():
        print(
            f"{summary.skill:<22} {summary.attempts:>6} {summary.percent:>5} % {summary.full_marks:>10} "
            f"{summary.level:>5} {summary.practice:>7}"
        )
    if profile.misconceptions:
        names = catalogue()
        print()
        print("Missuppfattningar som återkopplingen har nämnt:")
        for misconception_id, count in profile.misconceptions.most_common():
            name = names[misconception_id].name if misconception_id in names else misconception_id
            print(f"  {count} × {name} ({misconception_id})")
    found = _recommendations(profile)
    if found:
        print()
        print("Förslag på vad som ska övas härnäst:")
        heading = {"svagast": "Svagast", "ej_provad": "Inte övad", "återkommande": "Återkommande fel"}
        for item in found:
            where = f" – övning {item.exercise}: {item.title}" if item.exercise else ""
            print(f"  {heading[item.kind]}: {item.subject} ({item.reason}){where}")
    return 0


def _recommendations(profile: Profile) -> list[Recommendation]:
    from .casebank.exercises import load_registry, registry_path
    from .misconceptions import catalogue
    from .progress.recommend import recommendations

    if not registry_path().is_file():
        return []
    skill_of = {key: item.skill for key, item in catalogue().items()}
    return recommendations(profile, load_registry(), skill_of)


def _attempts(args: argparse.Namespace) -> int:
    attempts = _store(args).attempts(args.pseudonym, args.exercise)
    if not attempts:
        print("Inga försök.")
        return 0
    print(f"{'Nr':>4}  {'Tid (UTC)':<16}  {'Pseudonym':<14} {'Övning':<40} {'Poäng':>7}  Missuppfattningar")
    for attempt in attempts:
        when = attempt.created.strftime("%Y-%m-%d %H:%M") if attempt.created else ""
        score = f"{attempt.score}/{attempt.max_score}"
        print(
            f"{attempt.id:>4}  {when:<16}  {attempt.trainee.pseudonym:<14} {attempt.exercise:<40} {score:>7}  "
            f"{', '.join(attempt.misconceptions or []) or '–'}"
        )
    return 0


def _cohort(args: argparse.Namespace) -> int:
    import pandas as pd

    from .progress import cohort

    store = _store(args)
    with pd.option_context("display.width", 160, "display.max_columns", 40, "display.max_rows", 200):
        table = cohort.heatmap(store, args.cohort)
        if table.empty:
            print("Inga försök ännu.")
            return 0
        print("Andel rätta rader per färdighet (procent; bara första försöket på varje fall räknas):")
        print(table.fillna(-1).astype(int).replace(-1, "–").to_string())
        named = cohort.common_misconceptions(store, args.cohort)
        if len(named):
            print()
            print("Vanligaste missuppfattningarna i gruppen (antal gånger, antal nyanställda):")
            print(named.head(10).to_string(index=False))
        waiting = cohort.waiting_for_review(store, args.cohort)
        print()
        print(f"Försök som väntar på bedömning: {len(waiting)}")
        if len(waiting):
            print(waiting.to_string(index=False))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .progress import cohort

    for path in cohort.export(_store(args), args.xlsx or args.csv, args.cohort):
        print(f"Skrev {path}")
    return 0


def _role(args: argparse.Namespace) -> int:
    from .progress import SUPERVISOR, TRAINEE

    role = SUPERVISOR if args.supervisor else TRAINEE
    person = _store(args).trainee(args.pseudonym, role=role)
    print(f"{person.pseudonym} är nu {'metodhandledare' if role == SUPERVISOR else 'nyanställd'}.")
    return 0


def _signoff(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .programme import load_programme
    from .progress.checkpoints import checkpoint_ids
    from .progress.roles import require_supervisor

    store = _store(args)
    who = require_supervisor(store, args.supervisor)
    known = checkpoint_ids(load_programme())
    if args.checkpoint not in known:
        raise InputError(f"kontrollpunkten '{args.checkpoint}' finns inte; välj en av {', '.join(known)}")
    store.sign_off(args.pseudonym, args.checkpoint, supervisor=who, comment=args.comment or "")
    print(f"Kontrollpunkten {args.checkpoint} är godkänd för {args.pseudonym} av {who}.")
    return 0


def _standing(args: argparse.Namespace) -> int:
    from .programme import load_programme
    from .progress.checkpoints import standing

    table = standing(_store(args), args.pseudonym, load_programme())
    for row in table.to_dict("records"):
        done = f"godkänd av {row['godkänd_av']}" if row["godkänd_av"] else "inte godkänd ännu"
        left = f"; färdigheter kvar: {row['färdigheter_kvar']}" if row["färdigheter_kvar"] else ""
        print(f"Vecka {row['vecka']} ({row['rubrik']}): {done}{left}")
    return 0


def register(subparsers) -> None:
    """Add `progress profile PSEUDONYM` and `progress attempts`."""
    parser = subparsers.add_parser("progress", help="visa övningsförsök och kompetensprofil för en pseudonym")
    actions = parser.add_subparsers(dest="progress_action", required=True, parser_class=type(parser), metavar="åtgärd")
    profile = actions.add_parser("profile", help="kompetensprofil: färdigheter, andel rätt och missuppfattningar")
    profile.add_argument("pseudonym", metavar="PSEUDONYM")
    profile.add_argument("--json", action="store_true", help="skriv profilen som JSON")
    profile.add_argument("--db", help="databasens adress (SQLAlchemy-URL); standard HANDBOK_DB eller progress.sqlite")
    profile.set_defaults(run=_profile)
    attempts = actions.add_parser("attempts", help="lista försök, för en pseudonym eller en övning")
    attempts.add_argument("--pseudonym")
    attempts.add_argument("--exercise", metavar="ÖVNING", help="till exempel bedomning/ensam-forsta-ansokan")
    attempts.add_argument("--db", help="databasens adress (SQLAlchemy-URL)")
    attempts.set_defaults(run=_attempts)
    db_help = "databasens adress (SQLAlchemy-URL)"
    group = actions.add_parser("cohort", help="gruppen: färdigheter per nyanställd, vanliga fel, att bedöma")
    group.add_argument("--cohort", metavar="GRUPP", help="bara en grupp")
    group.add_argument("--db", help=db_help)
    group.set_defaults(run=_cohort)
    export = actions.add_parser("export", help="skriv gruppens tabeller till Excel eller CSV")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("--xlsx", metavar="FIL", help="en Excelfil med ett blad per tabell")
    where.add_argument("--csv", metavar="FIL", help="en CSV-fil per tabell: FIL-<tabell>.csv")
    export.add_argument("--cohort", metavar="GRUPP")
    export.add_argument("--db", help=db_help)
    export.set_defaults(run=_export)
    role = actions.add_parser("role", help="gör en pseudonym till metodhandledare (eller nyanställd)")
    role.add_argument("pseudonym", metavar="PSEUDONYM")
    role.add_argument("--metodhandledare", dest="supervisor", action="store_true")
    role.add_argument("--db", help=db_help)
    role.set_defaults(run=_role)
    signoff = actions.add_parser("signoff", help="godkänn en kontrollpunkt i introduktionen")
    signoff.add_argument("pseudonym", metavar="PSEUDONYM")
    signoff.add_argument("checkpoint", metavar="KONTROLLPUNKT", help="veckans id i introduktion.yaml")
    signoff.add_argument("--metodhandledare", dest="supervisor", required=True, metavar="PSEUDONYM")
    signoff.add_argument("--kommentar", dest="comment")
    signoff.add_argument("--db", help=db_help)
    signoff.set_defaults(run=_signoff)
    stand = actions.add_parser("standing", help="var den nyanställda står i introduktionen")
    stand.add_argument("pseudonym", metavar="PSEUDONYM")
    stand.add_argument("--db", help=db_help)
    stand.set_defaults(run=_standing)
