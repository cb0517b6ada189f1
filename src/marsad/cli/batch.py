"""`marsad batch INPUT... -o OUT_DIR`: a resumable, partitioned extraction, locally or on a Dask cluster."""

from __future__ import annotations

import argparse

from marsad.cli.common import Progress, add_workers_option, check_gazetteer_file, say
from marsad.io.inputs import DEFAULT_MAX_CHARS


def cmd_batch(args: argparse.Namespace) -> int:
    from marsad.services.batch import BatchError, BatchOptions, run_batch

    check_gazetteer_file(args.gazetteer)
    options = BatchOptions(fmt=args.format, chunk=args.chunk, min_confidence=args.min_confidence,
                           gazetteer=args.gazetteer, published=args.published, max_chars=args.max_chars,
                           encoding=args.encoding)
    progress = Progress(enabled=not args.quiet)

    def done(part) -> None:
        for message in part.messages:
            say(message)
        for _ in range(part.records):
            progress.tick()

    try:
        summary = run_batch(args.inputs, args.output, options, workers=args.workers, scheduler=args.scheduler,
                            restart=args.restart, on_partition=done)
    except BatchError as exc:
        say(str(exc))
        return 2
    finally:
        progress.done()
    say(summary.message(args.output))
    return 1 if summary.failed else 0


def add_batch_command(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("batch", help="extract many inputs into partition files, resumable, locally or on Dask")
    b.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .jsonl.gz or .txt files")
    b.add_argument("-o", "--output", required=True, metavar="OUT_DIR",
                   help="the folder of partition files and manifest.json (run again to resume)")
    b.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                   help="jsonl: the lines of 'marsad extract --format jsonl'; parquet: one row per event")
    b.add_argument("--chunk", type=int, default=2000, metavar="N",
                   help="records per partition of a large file (default 2000)")
    b.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on Dask: tcp://HOST:8786 for a running scheduler, 'local' for a LocalCluster of "
                        "--workers processes (needs: pip install 'marsad[dask]'); default: local processes")
    add_workers_option(b)
    b.add_argument("--restart", action="store_true", help="drop what OUT_DIR holds and start over")
    b.add_argument("--published", help="publication date (YYYY-MM-DD) for records that lack one")
    b.add_argument("--min-confidence", type=float, default=None)
    b.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS)
    b.add_argument("--encoding", help="the encoding of the input files when it is not UTF-8 or UTF-16 with a BOM")
    b.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    b.set_defaults(func=cmd_batch)
