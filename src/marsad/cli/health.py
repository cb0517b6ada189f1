"""`marsad store check | backup`: is the store sound, and a consistent copy of it while it is in use."""

from __future__ import annotations

import argparse

from marsad.cli.common import say
from marsad.cli.store import DEFAULT_DB


def cmd_store_check(args: argparse.Namespace) -> int:
    from marsad.services.query import open_store
    from marsad.store.health import check

    open_store(args.db, must_exist=True).close()  # the one-line errors of every command for a missing file
    report = check(args.db)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def cmd_store_backup(args: argparse.Namespace) -> int:
    from marsad.services.query import open_store
    from marsad.store.health import backup

    open_store(args.db, must_exist=True).close()
    report = backup(args.db, args.dest, overwrite=args.force)
    say(f"backed up {args.db} to {args.dest}")
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


def add_health_commands(sub: argparse._SubParsersAction) -> None:
    st = sub.add_parser("store", help="check the event store, or back it up")
    ssub = st.add_subparsers(dest="store_command", required=True)
    ck = ssub.add_parser("check", help="integrity check, foreign keys and counts of the store")
    ck.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    ck.set_defaults(func=cmd_store_check)
    bk = ssub.add_parser("backup", help="a consistent copy of the store (SQLite online backup), even while in use")
    bk.add_argument("dest", help="the file to write")
    bk.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    bk.add_argument("--force", action="store_true", help="replace DEST if it exists")
    bk.set_defaults(func=cmd_store_backup)
