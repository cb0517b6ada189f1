"""News outlets: the ACLED source name and `source_scale` of an outlet string or a web domain.

The table is `resources/outlets.tsv`, read through the resource loader (a user overlay adds outlets).
Input records and page metadata name an outlet in many ways ("BBC Arabic", "بي بي سي عربي",
"www.bbc.co.uk"); `outlet_for` maps each of them to one `Outlet`. An outlet that is not in the table
gives None: Marsad never guesses a source scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marsad.acled.countries import country_by_name
from marsad.resource_files import ResourceError, load_tsv, on_clear, split_list
from marsad.text.normalize import normalize

OUTLETS_FILE = "outlets.tsv"
# ACLED's source scales; a source may combine them with "-" ("National-International").
SCALES = frozenset({"International", "Regional", "National", "Subnational", "Local", "Local partner",
                    "New media", "Other"})


@dataclass(frozen=True, slots=True)
class Outlet:
    """One news outlet as ACLED records it."""

    id: str
    name: str  # as ACLED writes the source: "BBC Arabic", "SANA", "Halab Today TV"
    aliases: tuple[str, ...]
    domains: tuple[str, ...]  # hosts without "www." ("arabic.cnn.com")
    country: str  # ACLED country name, "" when pan-regional and unknown
    source_scale: str  # "International", "National-International" ... or ""


@dataclass(frozen=True)
class _Table:
    outlets: tuple[Outlet, ...]
    by_name: dict[str, Outlet]
    by_domain: dict[str, Outlet]


def _name_key(text: str) -> str:
    return " ".join(normalize(text).replace("\u200f", " ").split())


def _host(text: str) -> str:
    """The host of a URL or a bare domain, lower case, without "www." and port."""
    text = text.strip().lower()
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _outlet(row: dict[str, str], where: str) -> Outlet:
    name = (row.get("name") or "").strip()
    oid = (row.get("id") or "").strip()
    if not oid or not name:
        raise ResourceError(f"{where}: field '{'id' if not oid else 'name'}' is empty")
    scale = (row.get("source_scale") or "").strip()
    bad = [p for p in scale.split("-") if p not in SCALES] if scale else []
    if bad:
        raise ResourceError(f"{where}: field 'source_scale': {scale!r} is not ACLED's "
                            f"(one of {', '.join(sorted(SCALES))}, or several joined by '-')")
    return Outlet(id=oid, name=name, aliases=tuple(split_list(row.get("aliases"))),
                  domains=tuple(_host(d) for d in split_list(row.get("domains"))),
                  country=(row.get("country") or "").strip(), source_scale=scale)


@cache
def _table() -> _Table:
    outlets = tuple(_outlet(row, f"{OUTLETS_FILE}: row {row.get('id') or n}")
                    for n, row in enumerate(load_tsv(OUTLETS_FILE), 1))
    by_name: dict[str, Outlet] = {}
    by_domain: dict[str, Outlet] = {}
    for o in outlets:
        for alias in (o.name, *o.aliases):
            by_name.setdefault(_name_key(alias), o)
        for d in o.domains:
            by_domain.setdefault(d, o)
    return _Table(outlets, by_name, by_domain)


on_clear(_table.cache_clear)


def outlet_for(name_or_domain: str | None) -> Outlet | None:
    """The outlet an outlet string, a domain or a page URL names; None when it is not in the table.

    A domain matches its own entry or a parent domain's ("m.skynewsarabia.com" -> Sky News Arabia),
    never a sibling: "edition.cnn.com" is not CNN Arabic's "arabic.cnn.com".
    """
    if not name_or_domain or not name_or_domain.strip():
        return None
    table = _table()
    found = table.by_name.get(_name_key(name_or_domain))
    if found or " " in name_or_domain.strip():
        return found
    host = _host(name_or_domain)
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = table.by_domain.get(".".join(parts[i:]))
        if found:
            return found
    return None


def outlet_zone(name_or_domain: str | None) -> tzinfo | None:
    """The time zone of a known outlet's country (its capital's, or its pack's `timezone`), else None."""
    outlet = outlet_for(name_or_domain)
    country = country_by_name(outlet.country) if outlet else None
    return _zone(country.timezone) if country and country.timezone else None


@cache
def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):  # no time zone database here (Windows without tzdata)
        return None


def all_outlets() -> tuple[Outlet, ...]:
    return _table().outlets
