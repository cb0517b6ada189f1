"""The gazetteer behind one interface: built-in TSV rows and the user's imported index look the same.

The places stage asks a `Gazetteer` for the entries a name can mean; it never knows whether a place came
from the package's tables, a GeoNames import, an OCHA admin table or an analyst's YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from marsad.geo.geodesy import haversine_km
from marsad.model import Place
from marsad.resource_files import ResourceError, load_tsv_glob, on_clear, split_list
from marsad.text.matcher import PhraseMatcher, phrase_key


@dataclass
class Gazetteer:
    """All known places, with a matcher from their Arabic names to entries."""

    places: dict[str, Place] = field(default_factory=dict)
    matcher: PhraseMatcher[str] = field(default_factory=PhraseMatcher)
    admin1_by_name: dict[tuple[str, str], Place] = field(default_factory=dict)
    admin3_by_admin1: dict[tuple[str, str], list[Place]] = field(default_factory=dict)
    rank: dict[str, int] = field(default_factory=dict)  # place id -> its position in the gazetteer

    def add(self, place: Place, names: list[str], keyed: bool = False) -> None:
        """Add a place under its names; `keyed` names are already normalised words joined by spaces."""
        self.places[place.id] = place
        self.rank.setdefault(place.id, len(self.rank))
        seen: set[tuple[str, ...]] = set()
        for name in names:
            key = tuple(name.split(" ")) if keyed else phrase_key(name)
            if key and key not in seen:
                seen.add(key)
                self.matcher.add_key(key, place.id)
        if place.kind == "admin1":
            self.admin1_by_name[(place.country, place.admin1)] = place
        if place.kind in ("admin3", "admin2"):
            self.admin3_by_admin1.setdefault((place.country, place.admin1), []).append(place)

    @classmethod
    def from_rows(cls, rows: list[dict[str, str]], source_name: str = "") -> Gazetteer:
        gaz = cls()
        gaz.extend(rows, source_name)
        return gaz

    def extend(self, rows: list[dict[str, str]], source_name: str = "") -> None:
        for n, row in enumerate(rows, 2):
            place = _place(row, getattr(row, "where", f"{source_name}:{n}"))
            names = [place.name_ar, *split_list(row.get("aliases_ar"))]
            # Latin road codes (M4, M20) are written in Arabic text too.
            names += [a for a in split_list(row.get("aliases_en")) if len(a) <= 4 and a[:1].isalpha()
                      and any(c.isdigit() for c in a)]
            self.add(place, names)

    def fill_admin_levels(self) -> None:
        """Give places without an admin2/admin3 the nearest district/subdistrict centre of their admin1.

        The built-in rows name their governorate; ACLED rows also carry the lower levels. The nearest
        centre is an approximation of the unit a place lies in (no boundaries are shipped), so it is only
        used within the place's own admin1 and within 40 km (admin2) / 20 km (admin3).
        """
        units: dict[tuple[str, str, str], list[Place]] = {}
        for p in self.places.values():
            if p.kind in ("admin2", "admin3"):
                units.setdefault((p.kind, p.country, p.admin1), []).append(p)
        for p in self.places.values():
            if p.kind in ("country", "admin1", "admin2", "region") or not p.admin1:
                continue
            for kind, reach in (("admin2", 40.0), ("admin3", 20.0)):
                if getattr(p, kind) or (kind == "admin3" and p.kind == "admin3"):
                    continue
                near = [(haversine_km(p.latitude, p.longitude, u.latitude, u.longitude), u)
                        for u in units.get((kind, p.country, p.admin1), [])]
                if near:
                    d, unit = min(near, key=lambda t: t[0])
                    if d <= reach:
                        setattr(p, kind, getattr(unit, kind) or unit.name)

    def admin1_place(self, country: str, admin1: str) -> Place | None:
        return self.admin1_by_name.get((country, admin1))


def _place(row: dict[str, str], where: str) -> Place:
    """A gazetteer row as a Place; a missing or bad field is named with the file and line."""
    for col in ("id", "name_ar", "kind", "country", "lat", "lon"):
        if not (row.get(col) or "").strip():
            raise ResourceError(f"{where}: gazetteer row without '{col}'")

    def number(col: str) -> float:
        try:
            return float(row[col])
        except ValueError:
            raise ResourceError(f"{where}: field '{col}': not a number: {row[col]!r}") from None

    return Place(
        id=row["id"], name=row.get("name") or "", name_ar=row["name_ar"], kind=row["kind"], country=row["country"],
        admin1=row.get("admin1") or "", admin2=row.get("admin2") or "", admin3=row.get("admin3") or "",
        latitude=number("lat"), longitude=number("lon"),
        population=int(number("population")) if row.get("population") else 0, source=row.get("source") or "marsad",
    )


def _builtin_into(gaz: Gazetteer) -> Gazetteer:
    """The rows of every layer's `gazetteer*.tsv` and `gazetteer/*.tsv` (package, packs, overlays)."""
    gaz.extend(load_tsv_glob())
    gaz.fill_admin_levels()
    return gaz


@lru_cache(maxsize=1)
def builtin_gazetteer() -> Gazetteer:
    return _builtin_into(Gazetteer())


_LOADED: dict[tuple[str, float], Gazetteer] = {}


@on_clear
def _forget() -> None:
    builtin_gazetteer.cache_clear()
    _LOADED.clear()


def load_gazetteer(index_path: Path | str | None = None) -> Gazetteer:
    """The built-in gazetteer plus the user's imported index (the default one when it exists).

    `index_path` names another index file (`--gazetteer PATH`); a missing default index just means
    nothing was imported yet.
    """
    from marsad.geo.index import GazetteerIndex, default_index_path

    path = Path(index_path) if index_path else default_index_path()
    if not path.exists():
        if index_path:
            raise ResourceError(f"{path}: no gazetteer index here (create one with 'marsad gazetteer import')")
        return builtin_gazetteer()
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _LOADED:
        gaz = _builtin_into(Gazetteer())
        index = GazetteerIndex(path)
        try:
            for place, names in index.iter_places():
                gaz.add(place, names, keyed=True)
        finally:
            index.close()
        _LOADED.clear()
        _LOADED[key] = gaz
    return _LOADED[key]
