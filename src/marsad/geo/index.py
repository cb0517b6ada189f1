"""The user's gazetteer index: places imported from GeoNames dumps, OCHA admin tables or YAML files.

Imports go into one SQLite file under Marsad's home folder (`MARSAD_HOME`, else the platform's user data
folder), so a large gazetteer is imported once and then loads in a fraction of a second: extraction reads
only the name index and the place rows, never the original dumps. Marsad downloads nothing; users bring
the files.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from marsad.acled.countries import country_by_iso2
from marsad.model import Place
from marsad.paths import marsad_home
from marsad.resource_files import load_yaml
from marsad.text import normalize
from marsad.text.matcher import phrase_key

SCHEMA_VERSION = 1
ARABIC = re.compile(r"[\u0621-\u064A]")

# GeoNames feature codes -> Marsad's place kinds (the first match wins; None leaves the row out).
FEATURE_KINDS: list[tuple[str, str | None]] = [
    ("A.ADM1", "admin1"), ("A.ADM2", "admin2"), ("A.ADM3", "admin3"), ("A.ADM4", "village"), ("A.PCLI", "country"),
    ("P.PPLC", "city"), ("P.PPLA", "city"), ("P.PPLX", "neighbourhood"), ("P.", "village"),
    ("S.AIRP", "airport"), ("S.AIRB", "base"), ("S.INSM", "base"), ("S.MILB", "base"), ("S.CMPRF", "camp"),
    ("S.PRN", "prison"), ("S.OILF", "oilfield"), ("S.GASF", "gasfield"), ("S.DAM", "dam"), ("S.BDG", "site"),
    ("S.", "site"), ("T.MT", "mountain"), ("T.", "site"), ("R.RD", "road"), ("L.OILF", "oilfield"),
    ("L.GASF", "gasfield"), ("L.", "region"), ("H.", None), ("U.", None), ("V.", None),
]
def country_name(code: str) -> str:
    """The ACLED name of an ISO alpha-2 code (GeoNames' country column); the code itself when unknown."""
    known = country_by_iso2(code)
    return known.name if known else code


class GazetteerImportError(Exception):
    """An import file could not be read; the message names the file, line and column."""


def default_index_path() -> Path:
    return marsad_home() / "gazetteer.sqlite"


@dataclass
class ImportReport:
    source: str
    rows_read: int = 0
    places: int = 0
    names: int = 0
    skipped: int = 0
    seconds: float = 0.0
    understood: str = ""

    def __str__(self) -> str:
        text = (f"{self.source}: {self.rows_read:,} rows read, {self.places:,} places and {self.names:,} names "
                f"imported, {self.skipped:,} left out, in {self.seconds:.1f} s")
        return text + (f"\n  {self.understood}" if self.understood else "")


class GazetteerIndex:
    """The SQLite file of imported places (`places`, `names`, `sources`)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_index_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self._create()

    def _create(self) -> None:
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS sources (name TEXT PRIMARY KEY, kind TEXT, path TEXT, imported_at TEXT,
                                                places INTEGER, names INTEGER);
            CREATE TABLE IF NOT EXISTS places (id TEXT PRIMARY KEY, source TEXT, name TEXT, name_ar TEXT, kind TEXT,
                country TEXT, admin1 TEXT, admin2 TEXT, admin3 TEXT, lat REAL, lon REAL, population INTEGER,
                feature TEXT);
            CREATE TABLE IF NOT EXISTS names (name TEXT, place_id TEXT, source TEXT);
            CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
            CREATE INDEX IF NOT EXISTS places_source ON places(source);
            CREATE INDEX IF NOT EXISTS names_name ON names(name);
        """)
        self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    # --- writing -----------------------------------------------------------------------------------

    def replace_source(self, source: str, kind: str, path: str, places: Iterable[tuple[Place, list[str]]],
                       report: ImportReport) -> None:
        """Replace everything a source holds by `places`, in one transaction."""
        with self.db:
            self._delete(source)
            for place, names in places:
                self.db.execute("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                    place.id, source, place.name, place.name_ar, place.kind, place.country, place.admin1,
                    place.admin2, place.admin3, place.latitude, place.longitude, place.population, ""))
                keys = {" ".join(phrase_key(n)) for n in names if n and n.strip()} - {""}
                self.db.executemany("INSERT INTO names VALUES (?,?,?)", [(k, place.id, source) for k in keys if k])
                report.places += 1
                report.names += len(keys)
            self.db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?)", (
                source, kind, path, time.strftime("%Y-%m-%dT%H:%M:%S"), report.places, report.names))

    def add_names(self, source: str, names: Iterable[tuple[str, str]]) -> int:
        """Extra names for places already in the index (from alternateNamesV2.txt)."""
        with self.db:
            known = {r[0] for r in self.db.execute("SELECT id FROM places")}
            rows = [(" ".join(phrase_key(n)), pid, source) for pid, n in names if pid in known and n.strip()]
            self.db.executemany("INSERT INTO names VALUES (?,?,?)", rows)
            self.db.execute("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?)", (
                source, "alternate names", source, time.strftime("%Y-%m-%dT%H:%M:%S"), 0, len(rows)))
        return len(rows)

    def _delete(self, source: str) -> int:
        n = self.db.execute("DELETE FROM places WHERE source = ?", (source,)).rowcount
        self.db.execute("DELETE FROM names WHERE source = ?", (source,))
        self.db.execute("DELETE FROM names WHERE place_id NOT IN (SELECT id FROM places)")
        self.db.execute("DELETE FROM sources WHERE name = ?", (source,))
        return n

    def remove(self, source: str) -> int:
        with self.db:
            return self._delete(source)

    # --- reading -----------------------------------------------------------------------------------

    def sources(self) -> list[tuple[str, str, str, str, int, int]]:
        return list(self.db.execute("SELECT name, kind, path, imported_at, places, names FROM sources ORDER BY name"))

    def iter_places(self) -> Iterator[tuple[Place, list[str]]]:
        """Every place with its names, each stored as its normalised words joined by spaces."""
        names: dict[str, list[str]] = {}
        for name, pid in self.db.execute("SELECT name, place_id FROM names"):
            names.setdefault(pid, []).append(name)
        for row in self.db.execute("SELECT id, name, name_ar, kind, country, admin1, admin2, admin3, lat, lon, "
                                   "population, source FROM places"):
            place = Place(id=row[0], name=row[1], name_ar=row[2], kind=row[3], country=row[4], admin1=row[5] or "",
                          admin2=row[6] or "", admin3=row[7] or "", latitude=row[8], longitude=row[9],
                          population=row[10] or 0, source=row[11])
            yield place, names.get(place.id, [])


# --- GeoNames ----------------------------------------------------------------------------------------

def _open_text(path: Path) -> Iterator[tuple[int, str]]:
    """Lines of a text file or of the .txt files inside a .zip (skipping readme files)."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and "readme" not in m.lower()]
            if not members:
                raise GazetteerImportError(f"{path}: the zip holds no .txt file")
            for member in members:
                with zf.open(member) as raw:
                    yield from enumerate(io.TextIOWrapper(raw, encoding="utf-8", errors="replace"), 1)
        return
    with open(path, encoding="utf-8", errors="replace") as fh:
        yield from enumerate(fh, 1)


def admin1_key(name_ar: str) -> str:
    """An admin1 unit's Arabic name as two sources compare it: normalised, without a title word
    ("محافظة حمص" and "حمص" meet), the words from `resources/geocoding.yaml`."""
    for word in load_yaml("geocoding.yaml")["admin1_title_words"]:
        name_ar = name_ar.replace(word, "")
    return normalize(name_ar.strip())


def feature_kind(fclass: str, fcode: str, population: int) -> str | None:
    code = f"{fclass}.{fcode}"
    for prefix, kind in FEATURE_KINDS:
        if code.startswith(prefix):
            if kind == "village" and prefix == "P.":
                return "city" if population >= 100_000 else "town" if population >= 10_000 else "village"
            return kind
    return None


def read_geonames(path: Path, builtin_admin1: dict[tuple[str, str], str] | None = None,
                  report: ImportReport | None = None) -> list[tuple[Place, list[str]]]:
    """Places with at least one Arabic name from a GeoNames dump (19 tab-separated columns).

    Admin names come from the ADM1/ADM2/ADM3 rows of the same file; an ADM1 whose Arabic name matches a
    built-in governorate takes the built-in (ACLED) spelling.
    """
    report = report or ImportReport(str(path))
    rows = []
    for n, line in _open_text(path):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 19:
            raise GazetteerImportError(f"{path}:{n}: {len(cols)} columns where a GeoNames row has 19; "
                                       "is this a GeoNames dump (geonameid, name, asciiname, alternatenames, ...)?")
        try:
            lat, lon = float(cols[4]), float(cols[5])
            pop = int(cols[14] or 0)
        except ValueError as exc:
            raise GazetteerImportError(f"{path}:{n}: latitude/longitude/population: {exc}") from None
        report.rows_read += 1
        rows.append((cols, lat, lon, pop))
    admin_names: dict[tuple[str, ...], str] = {}
    for cols, *_ in rows:
        fcode, cc = cols[7], cols[8]
        arabic = [a for a in cols[3].split(",") if ARABIC.search(a)]
        if fcode == "ADM1":
            name = cols[1].replace(" Governorate", "").replace(" Province", "")
            for a in arabic:
                key = (country_name(cc), admin1_key(a))
                if builtin_admin1 and key in builtin_admin1:
                    name = builtin_admin1[key]
                    break
            admin_names[(cc, cols[10])] = name
        elif fcode == "ADM2":
            admin_names[(cc, cols[10], cols[11])] = cols[1].replace(" District", "")
        elif fcode == "ADM3":
            admin_names[(cc, cols[10], cols[11], cols[12])] = cols[1].replace(" Subdistrict", "").replace(
                " Nahiya", "")
    out = []
    for cols, lat, lon, pop in rows:
        kind = feature_kind(cols[6], cols[7], pop)
        arabic = [a.strip() for a in cols[3].split(",") if ARABIC.search(a)]
        if kind is None or not arabic:
            report.skipped += 1
            continue
        cc = cols[8]
        place = Place(
            id=f"gn-{cols[0]}", name=cols[1], name_ar=arabic[0], kind=kind, country=country_name(cc),
            admin1=admin_names.get((cc, cols[10]), ""), admin2=admin_names.get((cc, cols[10], cols[11]), ""),
            admin3=admin_names.get((cc, cols[10], cols[11], cols[12]), ""), latitude=lat, longitude=lon,
            population=pop, source="geonames",
        )
        out.append((place, arabic))
    return out


def read_alternate_names(path: Path) -> Iterator[tuple[str, str]]:
    """(place id, Arabic name) pairs from GeoNames' alternateNamesV2.txt."""
    for n, line in _open_text(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4:
            raise GazetteerImportError(f"{path}:{n}: {len(cols)} columns where alternateNamesV2 has 10")
        if cols[2] == "ar" or (not cols[2] and ARABIC.search(cols[3])):
            yield f"gn-{cols[1]}", cols[3]


# --- OCHA / HDX admin tables ---------------------------------------------------------------------------

_ADMIN_COL = re.compile(r"^adm(?:in)?\s*([0-4])[_ ]?(name|pcode|p_code)?[_ ]?(en|ar|ref)?$", re.I)
_LAT = re.compile(r"^(lat|latitude|y|center_lat|centroid_lat|lat_y)$", re.I)
_LON = re.compile(r"^(lon|long|longitude|x|center_lon|centroid_lon|lon_x)$", re.I)


@dataclass
class AdminColumns:
    name_en: dict[int, str]
    name_ar: dict[int, str]
    pcode: dict[int, str]
    lat: str | None
    lon: str | None

    def describe(self) -> str:
        parts = []
        for level in sorted(set(self.name_en) | set(self.name_ar) | set(self.pcode)):
            cols = [c for c in (self.name_en.get(level), self.name_ar.get(level), self.pcode.get(level)) if c]
            parts.append(f"level {level}: {', '.join(cols)}")
        coords = f"centroid: {self.lat}, {self.lon}" if self.lat and self.lon else "no centroid columns"
        return "understood " + "; ".join(parts) + f"; {coords}"


def detect_admin_columns(header: list[str]) -> AdminColumns:
    cols = AdminColumns({}, {}, {}, None, None)
    for h in header:
        key = h.strip().replace("-", "_")
        m = _ADMIN_COL.match(key)
        if m:
            level, what, lang = int(m.group(1)), (m.group(2) or "name").lower(), (m.group(3) or "").lower()
            if what in ("pcode", "p_code"):
                cols.pcode[level] = h
            elif lang == "ar":
                cols.name_ar[level] = h
            elif lang in ("en", ""):
                cols.name_en.setdefault(level, h)
        elif _LAT.match(key):
            cols.lat = h
        elif _LON.match(key):
            cols.lon = h
    return cols


ADMIN_KINDS = {0: "country", 1: "admin1", 2: "admin2", 3: "admin3", 4: "village"}


def read_admin_table(path: Path, country: str = "Syria",
                     report: ImportReport | None = None) -> list[tuple[Place, list[str]]]:
    """Places from an OCHA-style admin CSV: each row's deepest named unit, and every unit above it once.

    A unit without its own centroid gets the mean of its rows' centroids.
    """
    report = report or ImportReport(str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1256")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    cols = detect_admin_columns(reader.fieldnames or [])
    if not (cols.name_ar or cols.name_en):
        raise GazetteerImportError(f"{path}: no admin name columns found in header {reader.fieldnames}; "
                                   "expected columns such as admin1Name_en, admin1Name_ar, admin1Pcode")
    report.understood = cols.describe()
    units: dict[str, dict] = {}
    levels = sorted(set(cols.name_en) | set(cols.name_ar))
    for n, row in enumerate(reader, 2):
        report.rows_read += 1
        lat = lon = None
        if cols.lat and cols.lon and row.get(cols.lat) and row.get(cols.lon):
            try:
                lat, lon = float(row[cols.lat]), float(row[cols.lon])
            except ValueError:
                raise GazetteerImportError(f"{path}:{n}: column {cols.lat}/{cols.lon}: not a number") from None
        path_names: dict[int, str] = {}
        for level in levels:
            en = (row.get(cols.name_en.get(level, ""), "") or "").strip()
            ar = (row.get(cols.name_ar.get(level, ""), "") or "").strip()
            if not (en or ar):
                continue
            path_names[level] = en or ar
            code = (row.get(cols.pcode.get(level, ""), "") or "").strip() or f"{level}:{en}:{ar}"
            unit = units.setdefault(code, {"level": level, "en": en, "ar": ar, "pts": [], "path": {}})
            unit["path"] = dict(path_names)
            deepest = level == max(lvl for lvl in levels if (row.get(cols.name_en.get(lvl, ""), "")
                                                             or row.get(cols.name_ar.get(lvl, ""), "")))
            if lat is not None and deepest:
                unit["own"] = (lat, lon)
            if lat is not None:
                unit["pts"].append((lat, lon))
    out = []
    for code, u in units.items():
        pt = u.get("own") or (tuple(sum(c) / len(c) for c in zip(*u["pts"])) if u["pts"] else None)
        if pt is None or not u["ar"]:
            report.skipped += 1
            continue
        p = u["path"]
        place = Place(id=f"adm-{code}", name=u["en"] or u["ar"], name_ar=u["ar"], kind=ADMIN_KINDS[u["level"]],
                      country=country, admin1=p.get(1, ""), admin2=p.get(2, ""), admin3=p.get(3, ""),
                      latitude=pt[0], longitude=pt[1], source="admin")
        out.append((place, [u["ar"]]))
    return out


# --- an analyst's own places ----------------------------------------------------------------------------

def read_places_yaml(path: Path, parents: dict[str, Place]) -> list[tuple[Place, list[str]]]:
    """Places from an analyst's YAML list; `parent` (an id or a name) fills country and admin names."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerImportError(f"{path}: cannot read YAML: {exc}") from None
    items = data.get("places") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise GazetteerImportError(f"{path}: expected a list of places (or a mapping with 'places')")
    out = []
    for n, item in enumerate(items, 1):
        where = f"{path}: place #{n}"
        if not isinstance(item, dict):
            raise GazetteerImportError(f"{where}: expected a mapping with name, name_ar, lat, lon")
        missing = [k for k in ("name", "name_ar", "lat", "lon") if item.get(k) in (None, "")]
        if missing:
            raise GazetteerImportError(f"{where} ({item.get('name', '?')}): missing {', '.join(missing)}")
        try:
            lat, lon = float(item["lat"]), float(item["lon"])
        except (TypeError, ValueError):
            raise GazetteerImportError(f"{where} ({item['name']}): lat/lon must be numbers") from None
        parent = parents.get(str(item.get("parent") or ""))
        kind = str(item.get("type") or item.get("kind") or "site")
        place = Place(
            id=str(item.get("id") or f"user-{normalize(str(item['name_ar'])).replace(' ', '-')}"),
            name=str(item["name"]), name_ar=str(item["name_ar"]), kind=kind,
            country=str(item.get("country") or (parent.country if parent else "")),
            admin1=str(item.get("admin1") or (parent.admin1 if parent else "")),
            admin2=str(item.get("admin2") or (parent.admin2 if parent else "")),
            admin3=str(item.get("admin3") or (parent.admin3 if parent else "")),
            latitude=lat, longitude=lon, population=int(item.get("population") or 0), source="user",
        )
        out.append((place, [place.name_ar, *[str(a) for a in item.get("aliases_ar") or []]]))
    return out
