"""`marsad explain ARTICLE`: every candidate event of an article, the decision on it and why."""

from __future__ import annotations

import argparse
import json
import sys

from marsad.io.inputs import DEFAULT_MAX_CHARS, InputProblem, read_inputs


def add_explain_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("explain", help="show every candidate event of an article and why it was or was not emitted")
    p.add_argument("article", help=".txt file (one article), or .jsonl (each record), or - for JSONL on stdin")
    p.add_argument("--published", help="publication date (YYYY-MM-DD) when the input has none")
    p.add_argument("--format", choices=("text", "json"), default="text",
                   help="text for a reviewer (default), json (one object per article) for programs")
    p.add_argument("--min-confidence", type=float, default=None,
                   help="the threshold to explain against (0-1; default: the built-in threshold)")
    p.add_argument("--gazetteer", help="an imported gazetteer index other than the default one")
    p.set_defaults(func=cmd_explain)


def cmd_explain(args: argparse.Namespace) -> int:
    from marsad.pipeline import Pipeline
    from marsad.stages.events.explain import explain_document

    pipeline = Pipeline.default(min_confidence=args.min_confidence, gazetteer=args.gazetteer)
    failed = 0
    first = True
    for item in read_inputs([args.article], args.published, DEFAULT_MAX_CHARS):
        if isinstance(item, InputProblem):
            print(f"marsad: {'warning: ' if item.warning else ''}{item}", file=sys.stderr)
            failed += not item.warning
            continue
        x = explain_document(item, pipeline)
        if args.format == "json":
            print(json.dumps(x.to_dict(), ensure_ascii=False))
        else:
            if not first:
                print()
            sys.stdout.write(x.to_text())
        first = False
    return 1 if failed else 0
