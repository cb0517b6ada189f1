"""Where to look for the earlier report of an incident: the incidents of one event type by place.

Merging asks, for each new report, for the latest earlier incident it may belong to. Only incidents
whose place could be the same can be: one with no place, the same named place, an area of the same
admin1 that contains it, or a point within the merge distance. This index returns those (a superset:
the caller still applies the full test), so a document with thousands of distinct incidents does not
compare every report with every incident. A report with no place or an area for a place may match any
incident of its type: then the index says so and the caller compares with all of them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from marsad.geo.geodesy import EARTH_RADIUS_KM
from marsad.model import Location


def _is_area(loc: Location) -> bool:
    """A region-level place that contains the places of its admin1 (see `merge.within`)."""
    return loc.geo_precision == 3 and bool(loc.admin1)


def _cell(lat: float, lon: float, size: float) -> tuple[int, int]:
    return math.floor(lat / size), math.floor(((lon + 180.0) % 360.0) / size)


def reach_degrees(lat: float, km: float) -> tuple[float, float] | None:
    """How far in latitude and longitude (degrees) a point within `km` of (lat, ·) can lie, with a margin;
    None when the reach covers every longitude (near a pole, or a huge distance)."""
    d = km / EARTH_RADIUS_KM  # radians of arc
    dlat = math.degrees(d) * 1.01 + 1e-9
    far_lat = abs(lat) + dlat
    if far_lat >= 89.0:
        return None
    # haversine: sin^2(dlon/2) cos(lat1) cos(lat2) <= sin^2(d/2), and cos(lat2) >= cos(|lat1| + dlat)
    s = math.sin(d / 2) / math.sqrt(math.cos(math.radians(lat)) * math.cos(math.radians(far_lat)))
    if s >= 1.0:
        return None
    dlon = math.degrees(2 * math.asin(s)) * 1.01 + 1e-9
    return (dlat, dlon) if dlon < 90.0 else None


class HeadIndex:
    """The incidents (heads) of one event type, by what their place allows to match."""

    def __init__(self, km: float, cell: float = 0.25) -> None:
        self.km = km
        self.cell = cell  # degrees, a divisor of 180: any such size gives the same answers
        self.all: list[int] = []
        self.placeless: set[int] = set()
        self.by_place: dict[str, set[int]] = {}
        self.areas: dict[tuple[str, str], set[int]] = {}  # (country, admin1) -> area heads
        self.grid: dict[tuple[str, int, int], set[int]] = {}

    def _buckets(self, loc: Location | None) -> list[set[int]]:
        if loc is None:
            return [self.placeless]
        out = [self.by_place.setdefault(loc.place_id, set()),
               self.grid.setdefault((loc.country, *_cell(loc.latitude, loc.longitude, self.cell)), set())]
        if _is_area(loc):
            out.append(self.areas.setdefault((loc.country, loc.admin1), set()))
        return out

    def add(self, k: int, loc: Location | None) -> None:
        self.all.append(k)
        for bucket in self._buckets(loc):
            bucket.add(k)

    def move(self, k: int, old: Location | None, new: Location | None) -> None:
        """Head k's place changed (a later report said where more precisely)."""
        if old is new:
            return
        for bucket in self._buckets(old):
            bucket.discard(k)
        for bucket in self._buckets(new):
            bucket.add(k)

    def candidates(self, loc: Location | None) -> Iterable[int]:
        """The heads a report at `loc` may belong to, latest first."""
        if loc is None or _is_area(loc):
            return reversed(self.all)
        reach = reach_degrees(loc.latitude, self.km)
        if reach is None:
            return reversed(self.all)
        found = set(self.placeless) | self.by_place.get(loc.place_id, set())
        found |= self.areas.get((loc.country, loc.admin1), set())
        dlat, dlon = reach
        size = self.cell
        lat0, lat1 = math.floor((loc.latitude - dlat) / size), math.floor((loc.latitude + dlat) / size)
        lon0, lon1 = math.floor((loc.longitude - dlon) / size), math.floor((loc.longitude + dlon) / size)
        for i in range(lat0, lat1 + 1):
            for j in range(lon0, lon1 + 1):  # the cell of longitude j * size, wrapped as `_cell` does
                wrapped = math.floor(((j * size + 180.0) % 360.0) / size + 1e-9)
                found |= self.grid.get((loc.country, i, wrapped), set())
        return sorted(found, reverse=True)
