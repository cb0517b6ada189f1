"""`marsad gazetteer ...`: import, add, search, list and remove places in the user's index."""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

from marsad.cli.common import check_gazetteer_file
from marsad.geo.gazetteer import builtin_gazetteer, load_gazetteer
from marsad.geo.index import (
    GazetteerImportError,
    GazetteerIndex,
    ImportReport,
    admin1_key,
    default_index_path,
    read_admin_table,
    read_alternate_names,
    read_geonames,
    read_places_yaml,
)
from marsad.model import Document
from marsad.resource_files import GAZETTEER_PATTERNS, PACKAGE_ROOT, glob_paths, read_tsv_file
from marsad.text import analyse


def _builtin_admin1() -> dict[tuple[str, str], str]:
    """(country, normalised Arabic name) -> the built-in (ACLED) admin1 spelling."""
    out = {}
    for place in builtin_gazetteer().places.values():
        if place.kind == "admin1":
            out[(place.country, admin1_key(place.name_ar))] = place.admin1
    return out


def run_gazetteer_command(args: argparse.Namespace) -> int:
    path = Path(args.gazetteer) if args.gazetteer else default_index_path()
    if path.exists():
        check_gazetteer_file(str(path))
    cmd = args.gazetteer_command
    try:
        if cmd == "import":
            return _import(args, path)
        if cmd == "add":
            return _add(args, path)
        if cmd == "search":
            return _search(args, path)
        if cmd == "sources":
            return _sources(path)
        if cmd == "remove":
            return _remove(args, path)
    except GazetteerImportError as exc:
        print(f"marsad: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"marsad: no such file: {exc.filename}", file=sys.stderr)
        return 1
    return 2


def _import(args: argparse.Namespace, path: Path) -> int:
    src = Path(args.file)
    if not src.exists():
        raise FileNotFoundError(2, "no such file", str(src))
    source = args.source or src.name
    report = ImportReport(source)
    t0 = time.perf_counter()
    if args.kind == "geonames":
        places = read_geonames(src, _builtin_admin1(), report)
        report.understood = "GeoNames rows with Arabic names (admin names from the file's ADM1-ADM3 rows)"
    else:
        try:
            places = read_admin_table(src, args.country, report)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise GazetteerImportError(f"{src}: not an admin table (a CSV or TSV with a header of admin names and "
                                       f"codes, such as admin1Name_en, admin1Pcode): {exc}") from None
    index = GazetteerIndex(path)
    try:
        index.replace_source(source, args.kind, str(src.resolve()), places, report)
        if args.kind == "geonames" and args.alternate_names:
            alt = Path(args.alternate_names)
            n = index.add_names(f"{source}:alternate", read_alternate_names(alt))
            print(f"{alt}: {n:,} more Arabic names for imported places")
    finally:
        index.close()
    report.seconds = time.perf_counter() - t0
    print(report)
    print(f"index: {path}")
    return 0


def _add(args: argparse.Namespace, path: Path) -> int:
    src = Path(args.file)
    if not src.exists():
        raise FileNotFoundError(2, "no such file", str(src))
    gaz = load_gazetteer(path if path.exists() else None)
    parents = {p.id: p for p in gaz.places.values()}
    for p in gaz.places.values():  # a parent may also be named, English or Arabic
        parents.setdefault(p.name, p)
        parents.setdefault(p.name_ar, p)
    source = args.source or src.name
    report = ImportReport(source)
    t0 = time.perf_counter()
    places = read_places_yaml(src, parents)
    index = GazetteerIndex(path)
    try:
        index.replace_source(source, "yaml", str(src.resolve()), places, report)
    finally:
        index.close()
    report.rows_read = len(places)
    report.seconds = time.perf_counter() - t0
    print(report)
    return 0


def _search(args: argparse.Namespace, path: Path) -> int:
    gaz = load_gazetteer(path if path.exists() else None)
    doc = analyse(Document("query", args.name))
    matches = [m for m in gaz.matcher.find_all(doc.tokens) if m.token_start == 0 and m.token_end == len(doc.tokens)]
    ids = list(dict.fromkeys(m.payload for m in matches))
    if not ids:
        print(f"no place named {args.name!r}")
        return 1
    for pid in sorted(ids, key=lambda i: -gaz.places[i].population):
        p = gaz.places[pid]
        admin = " > ".join(x for x in (p.country, p.admin1, p.admin2, p.admin3) if x)
        pop = f"pop. {p.population:,}" if p.population else "pop. ?"
        print(f"{p.id:<28} {p.name} ({p.name_ar})  {p.kind}  {admin}  {p.latitude:.4f},{p.longitude:.4f}  "
              f"{pop}  source: {p.source}")
    return 0


def _sources(path: Path) -> int:
    for layer, file in glob_paths(GAZETTEER_PATTERNS):
        where = "built-in" if layer.origin == "package" else "overlay"
        name = file.relative_to(PACKAGE_ROOT) if layer.origin == "package" else file
        print(f"{where:<9} {str(name):<34} {len(read_tsv_file(file)[1]):>7,} places")
    if not path.exists():
        print(f"no imported places ({path} does not exist)")
        return 0
    index = GazetteerIndex(path)
    try:
        rows = index.sources()
    finally:
        index.close()
    if not rows:
        print(f"no imported places in {path}")
    for name, kind, src, when, places, names in rows:
        print(f"imported  {name:<34} {places:>7,} places {names:>8,} names  {kind}  {when}  from {src}")
    return 0


def _remove(args: argparse.Namespace, path: Path) -> int:
    if not path.exists():
        print(f"marsad: no gazetteer index at {path}", file=sys.stderr)
        return 1
    index = GazetteerIndex(path)
    try:
        known = {s[0] for s in index.sources()}
        n = index.remove(args.source)
    finally:
        index.close()
    if args.source not in known:
        print(f"marsad: no imported source named {args.source!r} (see 'marsad gazetteer sources')", file=sys.stderr)
        return 1
    print(f"removed {args.source}: {n:,} places")
    return 0
