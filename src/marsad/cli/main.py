"""The `marsad` command: `extract` articles into events, `evaluate` against gold."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from marsad import __version__
from marsad.io.inputs import DEFAULT_MAX_CHARS, InputProblem, read_inputs
from marsad.model import Document, Result
from marsad.resource_files import ResourceError

FORMATS = ("table", "jsonl", "json", "csv")


class Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.n = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= 0.2:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            sys.stderr.write(f"\r  {self.n:,} articles  {rate:,.0f}/s ")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.n:
            sys.stderr.write(f"\r  {self.n:,} articles in {time.monotonic() - self.t0:.1f}s\n")


def _open_out(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


def cmd_extract(args: argparse.Namespace) -> int:
    from marsad.io.writers import Writer
    from marsad.pipeline import Pipeline

    fmt = args.format or ("table" if sys.stdout.isatty() and args.output in (None, "-") else "jsonl")
    pipeline = Pipeline.default(min_confidence=args.min_confidence, gazetteer=args.gazetteer)
    failed = 0
    multi = len(args.inputs) > 1 or any(i == "-" or i.endswith((".jsonl", ".gz", ".ndjson")) for i in args.inputs)
    progress = Progress(enabled=multi and not args.quiet)
    try:
        out = _open_out(args.output)
    except OSError as exc:
        print(f"marsad: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    writer = Writer(out, fmt)
    try:
        for item in read_inputs(args.inputs, args.published, args.max_chars, args.encoding):
            if isinstance(item, InputProblem):
                print(f"marsad: {'warning: ' if item.warning else ''}{item}", file=sys.stderr)
                if not item.warning:
                    failed += 1
                    if item.id is not None:  # keep one output line per input record
                        writer.write(Result(item.id, [], Document(item.id, "")), error=item.message)
                continue
            doc = pipeline(item)
            writer.write(Result(doc.id, doc.events, doc))
            progress.tick()
    finally:
        progress.done()
        writer.close()
        if out is not sys.stdout:
            out.close()
    if failed:
        print(f"marsad: {failed} input problem(s); see the messages above", file=sys.stderr)
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
    from marsad.pipeline import Pipeline
    from marsad.stages.dates import parse_published

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
                pub = parse_published(g.get("published")) if g.get("published") else None
                doc = pipeline(Document(doc_id, g.get("text") or "", pub, g.get("title"), g.get("url"),
                                        g.get("outlet")))
                system[doc_id] = Result(doc_id, doc.events, doc).to_dict()
    except (OSError, ValueError) as exc:
        print(f"marsad: {exc}", file=sys.stderr)
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
    from marsad.cli.store import add_store_commands

    add_store_commands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "min_confidence", None) is not None and not 0 <= args.min_confidence <= 1:
        print("marsad: --min-confidence must be between 0 and 1", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except ResourceError as exc:
        print(f"marsad: resource problem: {exc}", file=sys.stderr)
        return 2
    except (FileNotFoundError, ValueError) as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())



