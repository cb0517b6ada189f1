"""The `marsad` command: argument parsing, calling the services, printing. No use case lives here."""

from __future__ import annotations

import argparse
import errno
import json
import os
import signal
import sqlite3
import sys

from marsad import __version__
from marsad.cli.batch import add_batch_command
from marsad.cli.common import Progress, add_workers_option, check_gazetteer_file, open_out, say
from marsad.cli.store import add_store_commands
from marsad.io.inputs import DEFAULT_MAX_CHARS, read_inputs
from marsad.model import DocumentError
from marsad.resource_files import ResourceError
from marsad.store.database import StoreBusyError, StoreError

FORMATS = ("table", "jsonl", "json", "csv")


def cmd_extract(args: argparse.Namespace) -> int:
    from marsad.io.writers import Writer
    from marsad.services.parallel import Extractor, extract_items

    check_gazetteer_file(args.gazetteer)
    fmt = args.format or ("table" if sys.stdout.isatty() and args.output in (None, "-") else "jsonl")
    extractor = Extractor(args.workers, args.min_confidence, args.gazetteer, args.debug)
    extractor.pipeline  # noqa: B018 -- built (or loaded) before anything is written
    failed = 0
    multi = len(args.inputs) > 1 or any(i == "-" or i.endswith((".jsonl", ".gz", ".ndjson")) for i in args.inputs)
    progress = Progress(enabled=multi and not args.quiet)
    try:
        out = open_out(args.output)
    except OSError as exc:
        say(f"cannot write {args.output}: {exc.strerror or exc}")
        return 2
    writer = Writer(out, fmt)
    try:
        for outcome in extract_items(read_inputs(args.inputs, args.published, args.max_chars, args.encoding),
                                     extractor):
            if outcome.problem is not None:
                say(f"{'warning: ' if outcome.problem.warning else ''}{outcome.problem}")
            elif outcome.error:
                say(outcome.error)
                if outcome.traceback:
                    sys.stderr.write(outcome.traceback)
            failed += outcome.failed
            if outcome.result is not None:
                writer.write(outcome.result, error=outcome.error)
                if outcome.problem is None:
                    progress.tick()
    finally:
        extractor.close()
        progress.done()
        writer.close()
        if out is not sys.stdout:
            out.close()
    for reason, n in sorted(writer.left_out.items()):
        say(f"{n:,} events not written as ACLED rows: {reason}")
    if failed:
        say(f"{failed} input problem(s); see the messages above")
        return 1
    return 0


def _read_jsonl_docs(path: str) -> dict[str, dict]:
    docs: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(obj, dict) or "id" not in obj:
                raise ValueError(f"{path}:{n}: each line must be an object with an 'id'")
            docs[str(obj["id"])] = obj
    return docs


def cmd_evaluate(args: argparse.Namespace) -> int:
    from marsad.evaluate.scorer import format_summary, score
    from marsad.io.serialize import result_record
    from marsad.model import Document
    from marsad.pipeline import Pipeline
    from marsad.services.extraction import extract_document

    check_gazetteer_file(args.gazetteer)
    try:
        gold = _read_jsonl_docs(args.gold)
        if args.half:
            from marsad.evaluate.errors import dev_half

            gold = {k: v for k, v in gold.items() if dev_half(k) == args.half}
        if args.system:
            system = _read_jsonl_docs(args.system)
        else:
            pipeline = Pipeline.default(min_confidence=args.min_confidence, gazetteer=args.gazetteer)
            system = {}
            for doc_id, g in gold.items():
                doc = Document(doc_id, g.get("text") or "", g.get("published") or None, g.get("title"),
                               g.get("url"), g.get("outlet"), where=f"{args.gold} id {doc_id}")
                system[doc_id] = result_record(extract_document(doc, pipeline).result)
    except (OSError, ValueError) as exc:
        say(str(exc))
        return 2
    summary, per_doc = score(gold, system)
    if args.errors:
        from marsad.evaluate.errors import error_rows, format_errors

        print(format_errors(error_rows(gold, system), per_group=args.errors_shown))
        print()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    if args.per_doc:
        for d in per_doc:
            print(f"{d.id}\ttp={d.tp}\tfp={d.fp}\tfn={d.fn}")
    print(format_summary(summary))
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from marsad.cli.gazetteer import run_gazetteer_command

    return run_gazetteer_command(args)


def _add_gazetteer_parser(sub: argparse._SubParsersAction) -> None:
    gz = sub.add_parser("gazetteer", help="import, add, search and list places")
    gz.add_argument("--gazetteer", help="the index file (default: gazetteer.sqlite under MARSAD_HOME)")
    gsub = gz.add_subparsers(dest="gazetteer_command", required=True)
    imp = gsub.add_parser("import", help="import a GeoNames dump or an OCHA/HDX admin table")
    imp.add_argument("kind", choices=("geonames", "admin"))
    imp.add_argument("file")
    imp.add_argument("--alternate-names", help="GeoNames alternateNamesV2.txt (or .zip) for more Arabic names")
    imp.add_argument("--country", default="Syria", help="country of an admin table (default Syria)")
    imp.add_argument("--source", help="name to list and remove it by (default: the file name)")
    add = gsub.add_parser("add", help="add an analyst's places from a YAML file")
    add.add_argument("file")
    add.add_argument("--source", help="name to list and remove it by (default: the file name)")
    srch = gsub.add_parser("search", help="show the places a name can mean")
    srch.add_argument("name")
    gsub.add_parser("sources", help="what is loaded, from where, how many entries")
    rm = gsub.add_parser("remove", help="remove an imported source")
    rm.add_argument("source")
    gz.set_defaults(func=cmd_gazetteer)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="marsad", description="ACLED-style conflict event data from Arabic news.")
    ap.add_argument("--version", action="version", version=f"marsad {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract events from articles")
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=".txt (one article), .jsonl or .jsonl.gz (input records), or - for JSONL on stdin")
    ex.add_argument("--format", choices=FORMATS, help="default: table on a terminal, jsonl otherwise")
    ex.add_argument("-o", "--output", help="write here instead of stdout")
    ex.add_argument("--published", help="publication date (YYYY-MM-DD) for records or files that lack one")
    ex.add_argument("--min-confidence", type=float, default=None,
                    help="only events at least this confident (0-1; default: the built-in threshold)")
    ex.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                    help=f"refuse a document longer than this (default {DEFAULT_MAX_CHARS:,})")
    ex.add_argument("--encoding", help="the encoding of the input files when it is not UTF-8 or UTF-16 with a BOM "
                                       "(e.g. cp1256)")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    ex.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    ex.add_argument("--debug", action="store_true", help="print the traceback of a document that fails")
    add_workers_option(ex)
    ex.set_defaults(func=cmd_extract)
    ev = sub.add_parser("evaluate", help="score events against a gold file (SCHEMA.md gold format)")
    ev.add_argument("gold")
    ev.add_argument("system", nargs="?", help="system output JSONL; extracted from the gold texts when absent")
    ev.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    ev.add_argument("--per-doc", action="store_true", help="also print tp/fp/fn per document")
    ev.add_argument("--min-confidence", type=float, default=None)
    ev.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    ev.add_argument("--errors", action="store_true",
                    help="also print every miss, false alarm and failed attribute by sub-event type")
    ev.add_argument("--errors-shown", type=int, default=0, metavar="N",
                    help="with --errors: at most N rows per sub-event type (default: all)")
    ev.add_argument("--half", choices=("a", "b"),
                    help="score only one half of the gold articles (split by a hash of their id)")
    ev.set_defaults(func=cmd_evaluate)
    _add_gazetteer_parser(sub)
    add_store_commands(sub)
    add_batch_command(sub)
    from marsad.cli.health import add_health_commands

    add_health_commands(sub)
    from marsad.cli.explain import add_explain_command

    add_explain_command(sub)
    from marsad.cli.serve import add_serve_command

    add_serve_command(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "min_confidence", None) is not None and not 0 <= args.min_confidence <= 1:
        say("--min-confidence must be between 0 and 1")
        return 2
    try:
        code = args.func(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not as an error at exit
        return code
    except BrokenPipeError:
        return _output_cut()
    except StoreBusyError as exc:
        say(str(exc))
        return 3
    except StoreError as exc:
        say(str(exc))
        return 2
    except ResourceError as exc:
        say(f"resource problem: {exc}")
        return 2
    except (FileNotFoundError, ValueError, DocumentError) as exc:
        say(str(exc))
        return 2
    except sqlite3.DatabaseError as exc:  # a gazetteer index or store damaged after it was opened
        say(f"database problem: {exc}")
        return 2
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            raise
        say(f"cannot write the output: {exc.strerror or exc}; what was written is incomplete")
        return 2


def _output_cut() -> int:
    """The reader of our output went away (`marsad extract ... | head -1`): stop quietly, with the status a
    process killed by SIGPIPE has (128 + 13), since output was lost; stdout is pointed at /dev/null so that
    Python's final flush does not print an error of its own."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 128 + signal.SIGPIPE if hasattr(signal, "SIGPIPE") else 1


if __name__ == "__main__":
    sys.exit(main())
