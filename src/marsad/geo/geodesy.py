"""Geodesy on the sphere: distances, bearings and the point a distance and a direction away."""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point `km` away from (lat, lon) on a great circle at `bearing_deg` from north."""
    d = km / EARTH_RADIUS_KM
    th = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540) % 360 - 180


_COMPASS = ["north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"]
_COMPASS_ADJ = ["northern", "north-eastern", "eastern", "south-eastern", "southern", "south-western", "western",
                "north-western"]


def compass_word(bearing_deg: float, adjective: bool = False) -> str:
    """"north-east" (or "north-eastern") for a bearing, to the nearest of eight points."""
    k = int(((bearing_deg % 360) + 22.5) // 45) % 8
    return (_COMPASS_ADJ if adjective else _COMPASS)[k]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(y, x)) + 360) % 360
