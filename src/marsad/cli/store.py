"""`marsad ingest | events | export | reprocess | stats`: the event store from the command line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from pathlib import Path
from typing import TextIO

from marsad.io.sources import Fetcher, IngestProblem, iter_source
from marsad.io.writers import ACLED_COLUMNS, acled_columns
from marsad.model import Document
from marsad.store.database import EventStore, Filters, StoreBusyError, StoredEvent

DEFAULT_DB = "marsad.db"


def add_filter_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    p.add_argument("--since", type=date.fromisoformat, help="events on or after this date (YYYY-MM-DD)")
    p.add_argument("--until", type=date.fromisoformat, help="events on or before this date")
    p.add_argument("--type", dest="event_type", help="ACLED event type, e.g. 'Battles'")
    p.add_argument("--sub-type", help="ACLED sub-event type, e.g. 'Air/drone strike'")
    p.add_argument("--actor", help="part of an actor's name")
    p.add_argument("--admin1", help="first-level admin unit, e.g. Homs")
    p.add_argument("--country")
    p.add_argument("--near", help="LAT,LON,KM: events within KM of a point")
    p.add_argument("--text", help="words in the notes or in a reporting article")
    p.add_argument("--limit", type=int, help="at most this many events")


def filters_from(args: argparse.Namespace) -> Filters:
    near = None
    if getattr(args, "near", None):
        try:
            lat, lon, km = (float(x) for x in args.near.split(","))
        except ValueError:
            raise ValueError(f"--near expects LAT,LON,KM (e.g. 34.73,36.71,25), not {args.near!r}") from None
        near = (lat, lon, km)
    return Filters(since=args.since, until=args.until, event_type=args.event_type, sub_type=args.sub_type,
                   actor=args.actor, admin1=args.admin1, country=args.country, near=near, text=args.text,
                   limit=args.limit)


def _open_store(path: str, must_exist: bool = False) -> EventStore:
    if must_exist and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no store here (create it with 'marsad ingest')")
    return EventStore(Path(path))


# --- ingest -------------------------------------------------------------------------------------------

def cmd_ingest(args: argparse.Namespace) -> int:
    from marsad.cli.main import Progress
    from marsad.pipeline import Pipeline

    pipeline = Pipeline.default(min_confidence=args.min_confidence, gazetteer=args.gazetteer)
    store = _open_store(args.db)
    fetcher = Fetcher(limit=args.limit)
    new = known = failed = events = merged = 0
    problems: list[IngestProblem] = []
    progress = Progress(enabled=not args.quiet)
    seen_in_batch: set[str] = set()
    try:
        for source in args.sources:
            for item in iter_source(source, fetcher, args.published, args.max_chars, args.encoding):
                if isinstance(item, IngestProblem) and item.warning:
                    print(f"marsad: warning: {item}", file=sys.stderr)
                    continue
                if isinstance(item, IngestProblem):
                    failed += 1
                    problems.append(item)
                    continue
                progress.tick()
                if store.known(item.text, item.url):
                    known += 1
                    continue
                try:
                    doc = pipeline(Document(item.id, item.text, item.published, item.title, item.url, item.outlet))
                except Exception as exc:  # one bad document must not stop a batch of thousands
                    failed += 1
                    problems.append(IngestProblem(str(item.id), f"extraction failed: {exc!r}"))
                    continue
                result = store.add_document(doc, doc.events, source)
                if result.new:
                    new += 1
                    events += result.events
                    merged += result.merged
                else:
                    known += 1
                seen_in_batch.add(item.id)
    except StoreBusyError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 3
    finally:
        progress.done()
        store.close()
    print(f"ingested: {new:,} new documents ({events:,} event reports, {merged:,} merged into events other "
          f"reports already gave), {known:,} already known, {failed:,} failed")
    for p in problems:
        print(f"  failed: {p}")
    return 1 if failed else 0


# --- reading ------------------------------------------------------------------------------------------

def _query(args: argparse.Namespace) -> list[StoredEvent]:
    store = _open_store(args.db, must_exist=True)
    try:
        return store.query(filters_from(args))
    finally:
        store.close()


def acled_store_row(ev: StoredEvent, serial: int) -> dict:
    """The ACLED row of a stored event: its sources' outlets joined with "; "."""
    r = ev.row
    return acled_columns(dict(r, assoc_actor_1=json.loads(r["assoc_actor_1"] or "[]"),
                              assoc_actor_2=json.loads(r["assoc_actor_2"] or "[]"),
                              source="; ".join(dict.fromkeys(s["outlet"] or "unknown" for s in ev.sources)),
                              timestamp=r["updated_at"]), serial)


def _write_csv(events: list[StoredEvent], out: TextIO) -> None:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
    w.writeheader()
    for n, ev in enumerate(events, 1):
        w.writerow(acled_store_row(ev, n))


def _write_jsonl(events: list[StoredEvent], out: TextIO) -> None:
    for ev in events:
        out.write(json.dumps(ev.record(), ensure_ascii=False) + "\n")


def _write_geojson(events: list[StoredEvent], out: TextIO) -> None:
    features = []
    for ev in events:
        rec = ev.record()
        loc = rec.get("location")
        if not loc:
            continue
        props = {k: v for k, v in acled_store_row(ev, 0).items() if k not in ("latitude", "longitude")}
        props["event_id"] = rec["event_id"]
        props["sources"] = rec["sources"]
        features.append({"type": "Feature", "geometry": {"type": "Point",
                                                         "coordinates": [loc["longitude"], loc["latitude"]]},
                         "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


def _write_parquet(events: list[StoredEvent], path: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_store_row(ev, n) for n, ev in enumerate(events, 1)]
    for row, ev in zip(rows, events):
        row["event_id"] = ev.row["event_id"]
        row["event_date"] = date.fromisoformat(row["event_date"]) if row["event_date"] else None
        row["sources"] = json.dumps(ev.sources, ensure_ascii=False)
    schema = pa.schema([
        ("event_id", pa.string()), ("event_id_cnty", pa.string()), ("event_date", pa.date32()),
        ("year", pa.int16()), ("time_precision", pa.int8()), ("disorder_type", pa.string()),
        ("event_type", pa.string()), ("sub_event_type", pa.string()), ("actor1", pa.string()),
        ("assoc_actor_1", pa.string()), ("inter1", pa.int8()), ("actor2", pa.string()), ("assoc_actor_2", pa.string()),
        ("inter2", pa.int8()), ("interaction", pa.string()), ("civilian_targeting", pa.string()), ("iso", pa.int16()),
        ("region", pa.string()), ("country", pa.string()), ("admin1", pa.string()), ("admin2", pa.string()),
        ("admin3", pa.string()), ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
        ("geo_precision", pa.int8()), ("source", pa.string()), ("source_scale", pa.string()), ("notes", pa.string()),
        ("fatalities", pa.int32()), ("tags", pa.string()), ("timestamp", pa.string()), ("sources", pa.string()),
    ])
    cols = {f.name: [(None if r.get(f.name) == "" else r.get(f.name)) for r in rows] for f in schema}
    for name in ("year",):
        cols[name] = [int(v) if v else None for v in cols[name]]
    pq.write_table(pa.table(cols, schema=schema), path)


def cmd_events(args: argparse.Namespace) -> int:
    events = _query(args)
    fmt = args.format
    if fmt == "jsonl":
        _write_jsonl(events, sys.stdout)
    elif fmt == "csv":
        _write_csv(events, sys.stdout)
    else:
        for ev in events:
            r = ev.row
            srcs = len(ev.sources)
            print(f"{r['event_date'] or '????-??-??'}  {r['event_id']}  {r['event_type']} / {r['sub_event_type']}"
                  f"  {r['actor1'] or '-'} → {r['actor2'] or '-'}  at {r['location'] or '-'} ({r['admin1'] or '-'})"
                  f"  killed {r['fatalities']}  [{srcs} source{'s' if srcs != 1 else ''}]")
        print(f"{len(events):,} events")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    events = _query(args)
    if args.format == "parquet":
        if not args.output or args.output == "-":
            print("marsad: Parquet needs a file: -o FILE.parquet", file=sys.stderr)
            return 2
        _write_parquet(events, args.output)
    else:
        out = sys.stdout if not args.output or args.output == "-" else open(args.output, "w", encoding="utf-8",
                                                                          newline="")
        try:
            {"csv": _write_csv, "jsonl": _write_jsonl, "geojson": _write_geojson}[args.format](events, out)
        finally:
            if out is not sys.stdout:
                out.close()
    print(f"exported {len(events):,} events", file=sys.stderr)
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    """Re-extract stored documents (those reporting the filtered events, or all) with today's resources."""
    from marsad.pipeline import Pipeline
    from marsad.stages.dates import parse_published

    store = _open_store(args.db, must_exist=True)
    pipeline = Pipeline.default(min_confidence=args.min_confidence, gazetteer=args.gazetteer)
    try:
        f = filters_from(args)
        ids = None
        if any(v for k, v in vars(f).items() if k != "limit"):
            ids = sorted({row for ev in store.query(f) for row in _doc_ids(store, ev.row["event_id"])})
        n = kept = 0
        for row in list(store.documents(ids)):
            doc = pipeline(Document(row["ext_id"] or str(row["id"]), row["text"],
                                    parse_published(row["published"]) if row["published"] else None,
                                    row["title"], row["url"], row["outlet"]))
            res = store.replace_events(row, doc, doc.events)
            n += 1
            kept += res.events
        print(f"reprocessed {n:,} documents: {kept:,} event reports")
    finally:
        store.close()
    return 0


def _doc_ids(store: EventStore, event_id: str) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT DISTINCT document_id FROM reports WHERE event_id = ?",
                                           (event_id,))]


def cmd_stats(args: argparse.Namespace) -> int:
    store = _open_store(args.db, must_exist=True)
    try:
        s = store.stats()
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
    from marsad.io.inputs import DEFAULT_MAX_CHARS

    ing = sub.add_parser("ingest", help="add articles, folders, pages and feeds to the event store")
    ing.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, .jsonl, feeds, or http(s) URLs")
    ing.add_argument("--db", default=DEFAULT_DB, help=f"the store (default ./{DEFAULT_DB})")
    ing.add_argument("--limit", type=int, default=200, help="at most this many pages fetched per run (default 200)")
    ing.add_argument("--published", help="publication date for inputs that lack one")
    ing.add_argument("--min-confidence", type=float, default=None)
    ing.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    ing.add_argument("--encoding", help="the encoding of the input files when it is not UTF-8 or UTF-16 with a BOM")
    ing.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    ing.add_argument("-q", "--quiet", action="store_true")
    ing.set_defaults(func=cmd_ingest)
    ev = sub.add_parser("events", help="list stored events, newest first")
    add_filter_arguments(ev)
    ev.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    ev.set_defaults(func=cmd_events)
    ex = sub.add_parser("export", help="export stored events (csv, jsonl, geojson, parquet)")
    add_filter_arguments(ex)
    ex.add_argument("--format", choices=("csv", "jsonl", "geojson", "parquet"), required=True)
    ex.add_argument("-o", "--output", help="file to write (required for parquet)")
    ex.set_defaults(func=cmd_export)
    rp = sub.add_parser("reprocess", help="re-extract stored documents after the resources changed")
    add_filter_arguments(rp)
    rp.add_argument("--min-confidence", type=float, default=None)
    rp.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    rp.set_defaults(func=cmd_reprocess)
    st = sub.add_parser("stats", help="documents, events by type, month and admin1, top actors")
    st.add_argument("--db", default=DEFAULT_DB)
    st.set_defaults(func=cmd_stats)
