"""`marsad ingest | events | export | reprocess | stats`: the event store from the command line."""

from __future__ import annotations

import argparse
import sys

from marsad.cli.common import Progress, add_workers_option, check_gazetteer_file, day, open_out, say
from marsad.io.inputs import DEFAULT_MAX_CHARS
from marsad.services.export import FORMATS as EXPORT_FORMATS
from marsad.services.query import FilterError, make_filters, open_store
from marsad.store.database import Filters

DEFAULT_DB = "marsad.db"


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    p.add_argument("--since", type=day, help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=day, help="events on or before this date")
    p.add_argument("--type", dest="event_type", help="ACLED event type, e.g. 'Battles' (any case)")
    p.add_argument("--sub-type", help="ACLED sub-event type, e.g. 'Air/drone strike' (any case)")
    p.add_argument("--actor", help="part of an actor's name")
    p.add_argument("--admin1", help="first-level admin unit, e.g. Homs")
    p.add_argument("--country")
    p.add_argument("--near", help="LAT,LON,KM: events within KM of a point")
    p.add_argument("--text", help="words in the notes or in a reporting article")
    p.add_argument("--limit", type=int, help="at most this many events")


FLAGS = {"event_type": "--type", "sub_type": "--sub-type"}


def filters_from(args: argparse.Namespace) -> Filters:
    try:
        return make_filters(since=args.since, until=args.until, event_type=args.event_type, sub_type=args.sub_type,
                            actor=args.actor, admin1=args.admin1, country=args.country, near=args.near,
                            text=args.text, limit=args.limit)
    except FilterError as exc:
        raise ValueError(f"{FLAGS.get(exc.field, '--' + exc.field)} {exc.reason}") from None


def cmd_ingest(args: argparse.Namespace) -> int:
    from marsad.services.ingestion import ingest_sources
    from marsad.services.parallel import Extractor

    check_gazetteer_file(args.gazetteer)
    extractor = Extractor(args.workers, args.min_confidence, args.gazetteer, args.debug)
    store = open_store(args.db)
    progress = Progress(enabled=not args.quiet)
    try:
        summary = ingest_sources(args.sources, store, extractor.pipeline, fetch_limit=args.limit,
                                 published=args.published, allow_private=args.allow_private,
                                 max_chars=args.max_chars, encoding=args.encoding, debug=args.debug,
                                 tick=progress.tick, warn=lambda p: say(f"warning: {p}"), extractor=extractor)
    finally:
        extractor.close()
        progress.done()
        store.close()
    print(summary.message())
    for p in summary.problems:
        say(f"failed: {p}")
    return 1 if summary.failed else 0


def _table_line(rec: dict) -> str:
    a1, a2, loc = rec["actor1"] or {}, rec["actor2"] or {}, rec["location"] or {}
    n = len(rec["sources"])
    return (f"{rec['event_date'] or '????-??-??'}  {rec['event_id']}  {rec['event_type']} / {rec['sub_event_type']}"
            f"  {a1.get('name') or '-'} → {a2.get('name') or '-'}  at {loc.get('name') or '-'} "
            f"({loc.get('admin1') or '-'})  killed {rec['fatalities']}  [{n} source{'s' if n != 1 else ''}]")


def cmd_events(args: argparse.Namespace) -> int:
    from marsad.services.export import export_events
    from marsad.services.query import event_records

    filters = filters_from(args)
    store = open_store(args.db, must_exist=True)
    try:
        if args.format in ("jsonl", "csv"):
            export_events(store, filters, args.format, sys.stdout)
            return 0
        records = event_records(store, filters)
    finally:
        store.close()
    for rec in records:
        print(_table_line(rec))
    print(f"{len(records):,} events")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from marsad.services.export import export_events

    filters = filters_from(args)
    if args.format == "parquet" and (not args.output or args.output == "-"):
        say("Parquet needs a file: -o FILE.parquet")
        return 2
    store = open_store(args.db, must_exist=True)
    try:
        if args.format == "parquet":
            try:
                summary = export_events(store, filters, "parquet", path=args.output)
            except ImportError as exc:
                say(str(exc))
                return 2
        else:
            out = open_out(args.output)
            try:
                summary = export_events(store, filters, args.format, out)
            finally:
                if out is not sys.stdout:
                    out.close()
    finally:
        store.close()
    say(summary.message())
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-extract stored documents (those reporting the filtered events, or all) with today's resources."""
    from marsad.services.parallel import Extractor
    from marsad.services.reprocess import reprocess

    check_gazetteer_file(args.gazetteer)
    filters = filters_from(args)
    store = open_store(args.db, must_exist=True)
    extractor = Extractor(args.workers, args.min_confidence, args.gazetteer, args.debug)
    try:
        summary = reprocess(store, extractor.pipeline, filters, debug=args.debug, extractor=extractor)
    finally:
        extractor.close()
        store.close()
    print(summary.message())
    for p in summary.problems:
        say(f"failed: {p}")
    return 1 if summary.failed else 0


def cmd_stats(args: argparse.Namespace) -> int:
    from marsad.services.query import store_stats

    store = open_store(args.db, must_exist=True)
    try:
        s = store_stats(store)
    finally:
        store.close()
    print(f"documents {s['documents']:,}   events {s['events']:,}   reports {s['reports']:,}   "
          f"events with several sources {s['multi_source_events']:,}")
    print("by type:")
    for et, sub, n in s["by_type"]:
        print(f"  {n:>7,}  {et} / {sub}")
    print("by month:")
    for month, n in s["by_month"]:
        print(f"  {month or 'unknown'}  {n:,}")
    print("by admin1 (top 20):")
    for country, admin1, n in s["by_admin1"]:
        print(f"  {n:>7,}  {country or '?'} / {admin1 or '?'}")
    print("top actors:")
    for name, n in s["top_actors"]:
        print(f"  {n:>7,}  {name}")
    return 0


def add_store_commands(sub: argparse._SubParsersAction) -> None:
    ing = sub.add_parser("ingest", help="add articles, folders, pages and feeds to the event store")
    ing.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, .jsonl, feeds, or http(s) URLs")
    ing.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    ing.add_argument("--limit", type=int, default=200, help="at most this many pages fetched per run (default 200)")
    ing.add_argument("--published", help="publication date for inputs that lack one")
    ing.add_argument("--allow-private", action="store_true",
                     help="also fetch from loopback, private and link-local addresses (an intranet feed)")
    ing.add_argument("--min-confidence", type=float, default=None)
    ing.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    ing.add_argument("--encoding", help="the encoding of the input files when it is not UTF-8 or UTF-16 with a BOM")
    ing.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    ing.add_argument("-q", "--quiet", action="store_true")
    ing.add_argument("--debug", action="store_true", help="print the traceback of a document that fails")
    add_workers_option(ing)
    ing.set_defaults(func=cmd_ingest)
    ev = sub.add_parser("events", help="list stored events, newest first")
    add_filter_arguments(ev)
    ev.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    ev.set_defaults(func=cmd_events)
    ex = sub.add_parser("export", help="export stored events (csv, jsonl, geojson, parquet)")
    add_filter_arguments(ex)
    ex.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    ex.add_argument("-o", "--output", help="file to write (required for parquet)")
    ex.set_defaults(func=cmd_export)
    rp = sub.add_parser("reprocess", help="re-extract stored documents after the resources changed")
    add_filter_arguments(rp)
    rp.add_argument("--min-confidence", type=float, default=None)
    rp.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    rp.add_argument("--debug", action="store_true", help="print the traceback of a document that fails")
    add_workers_option(rp)
    rp.set_defaults(func=cmd_reprocess)
    st = sub.add_parser("stats", help="documents, events by type, month and admin1, top actors")
    st.add_argument("--db", default=DEFAULT_DB)
    st.set_defaults(func=cmd_stats)
