"""`marsad users add | list | remove`: the people who may use the review desk, and their roles."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from marsad.cli.store import DEFAULT_DB


def cmd_users(args: argparse.Namespace) -> int:
    from marsad.services import auth
    from marsad.store.database import EventStore

    store = EventStore(args.db)
    try:
        if args.users_command == "add":
            password = os.environ.get("MARSAD_PASSWORD") or _ask_password(args.name)
            auth.add_user(store, args.name, password, args.role)
            print(f"user {args.name} ({args.role}) saved in {args.db}")
        elif args.users_command == "remove":
            if not auth.remove_user(store, args.name):
                print(f"marsad: no user {args.name!r}", file=sys.stderr)
                return 1
            print(f"user {args.name} removed")
        else:
            for u in auth.list_users(store):
                print(f"{u['name']}\t{u['role']}\t{u['created_at']}")
    except auth.AuthError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()
    return 0


def _ask_password(name: str) -> str:
    if not sys.stdin.isatty():
        raise SystemExit("marsad: give the password in MARSAD_PASSWORD when there is no terminal to type it in")
    first = getpass.getpass(f"password for {name}: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("marsad: the two passwords differ")
    return first


def add_users_command(sub: argparse._SubParsersAction) -> None:
    us = sub.add_parser("users", help="add, list and remove the review desk's users")
    us.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    usub = us.add_subparsers(dest="users_command", required=True)
    add = usub.add_parser("add", help="add a user or change a user's password and role")
    add.add_argument("name")
    add.add_argument("--role", choices=("viewer", "analyst", "admin"), default="analyst")
    rm = usub.add_parser("remove", help="remove a user and end their sessions")
    rm.add_argument("name")
    usub.add_parser("list", help="the users and their roles")
    us.set_defaults(func=cmd_users)
