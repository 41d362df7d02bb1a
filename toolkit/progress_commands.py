"""`python -m toolkit progress ...`: a trainee's attempts and competence profile, in Swedish.

Reads the progress store (SQLite file by default, HANDBOK_DB or --db for another SQLAlchemy
URL). Uses the core only.
"""

from __future__ import annotations

import argparse
import json

from .progress import Store
from .words import count_text


def _store(args: argparse.Namespace) -> Store:
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
                        }
                        for s in profile.skills.values()
                    },
                    "missuppfattningar": dict(profile.misconceptions.most_common()),
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
    print(f"{'Färdighet':<22} {'Försök':>6} {'Rätt':>6} {'Helt rätt':>10}")
    for summary in profile.skills.values():
        print(f"{summary.skill:<22} {summary.attempts:>6} {summary.percent:>5} % {summary.full_marks:>10}")
    if profile.misconceptions:
        names = catalogue()
        print()
        print("Missuppfattningar som återkopplingen har nämnt:")
        for misconception_id, count in profile.misconceptions.most_common():
            name = names[misconception_id].name if misconception_id in names else misconception_id
            print(f"  {count} × {name} ({misconception_id})")
    return 0


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
