"""`marsad serve`: the review desk (web app and HTTP API) over a store, in one process."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from marsad.cli.store import DEFAULT_DB


def cmd_serve(args: argparse.Namespace) -> int:
    from marsad.services import auth
    from marsad.store.database import EventStore
    from marsad.web.security import Settings

    settings = Settings(db=args.db, host=args.host, port=args.port, tiles=args.tiles, gazetteer=args.gazetteer,
                        secure_cookies=False if args.insecure_cookies else None)
    if not Path(args.db).exists():
        print(f"marsad: {args.db}: no store here (create it with 'marsad ingest', e.g. marsad ingest examples/)",
              file=sys.stderr)
        return 2
    store = EventStore(args.db)
    try:
        users = auth.has_users(store)
    finally:
        store.close()
    if not settings.loopback and not users:
        print(f"marsad: serving on {args.host} needs users: create one with 'marsad users add NAME --role admin "
              f"--db {args.db}'", file=sys.stderr)
        return 2
    import uvicorn

    from marsad.web.app import create_app

    print(f"Marsad review desk on http://{args.host}:{args.port}/  (API docs at /docs; Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning",
                ssl_certfile=args.tls_cert, ssl_keyfile=args.tls_key, proxy_headers=False,
                limit_concurrency=200, timeout_keep_alive=5)
    return 0


def add_serve_command(sub: argparse._SubParsersAction) -> None:
    from marsad.cli.users import add_users_command

    sv = sub.add_parser("serve", help="serve the review web app and the HTTP API over a store")
    sv.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    sv.add_argument("--host", default="127.0.0.1",
                    help="address to listen on (default 127.0.0.1; any other needs 'marsad users add' first)")
    sv.add_argument("--port", type=int, default=8000)
    sv.add_argument("--tiles", help="a map tile server of your own, e.g. http://tiles.local/{z}/{x}/{y}.png "
                    "(default: the shipped outlines only)")
    sv.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    sv.add_argument("--tls-cert", help="serve HTTPS with this certificate (PEM)")
    sv.add_argument("--tls-key", help="the certificate's private key (PEM)")
    sv.add_argument("--insecure-cookies", action="store_true",
                    help="session cookies without the Secure flag (plain HTTP on a trusted network only)")
    sv.set_defaults(func=cmd_serve)
    add_users_command(sub)
