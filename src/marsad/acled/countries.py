"""ACLED's countries: ISO codes, ACLED spelling and region, Arabic name, the capital's time zone.

The table is `resources/countries.tsv` (built once by `tools/build_countries.py`), read through the
resource loader, so a user overlay or a country pack can add a territory or correct a field without
touching Python. Marsad names a country everywhere by its ACLED spelling (`Country.name`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.resource_files import ResourceError, load_tsv, on_clear, split_list

COUNTRIES_FILE = "countries.tsv"


@dataclass(frozen=True, slots=True)
class Country:
    """One ACLED country or territory."""

    name: str  # ACLED's spelling: "Palestine", "Democratic Republic of Congo", "eSwatini"
    name_ar: str
    iso2: str
    iso3: str
    iso_numeric: int  # ACLED's `iso` column
    region: str  # ACLED's region: "Middle East", "Northern Africa" ...
    timezone: str  # IANA zone of the capital
    aliases: tuple[str, ...] = ()  # other English names ("DR Congo", "Syrian Arab Republic")


@dataclass(frozen=True)
class _Table:
    countries: tuple[Country, ...]
    by_key: dict[str, Country]  # casefolded name, alias, Arabic name, iso2, iso3 -> country
    by_iso2: dict[str, Country]
    by_iso3: dict[str, Country]


def _country(row: dict[str, str], where: str) -> Country:
    try:
        iso_numeric = int(row.get("iso_numeric") or "")
    except ValueError:
        raise ResourceError(f"{where}: field 'iso_numeric': not a number: {row.get('iso_numeric')!r}") from None
    fields = {}
    for key in ("name", "iso2", "iso3", "region"):
        value = (row.get(key) or "").strip()
        if not value:
            raise ResourceError(f"{where}: field '{key}' is empty")
        fields[key] = value
    return Country(name=fields["name"], name_ar=(row.get("name_ar") or "").strip(), iso2=fields["iso2"].upper(),
                   iso3=fields["iso3"].upper(), iso_numeric=iso_numeric, region=fields["region"],
                   timezone=(row.get("timezone") or "").strip(), aliases=tuple(split_list(row.get("aliases_en"))))


@cache
def _table() -> _Table:
    countries = tuple(_country(row, f"{COUNTRIES_FILE}: row {row.get('iso3') or n}")
                      for n, row in enumerate(load_tsv(COUNTRIES_FILE), 1))
    by_key: dict[str, Country] = {}
    # Weakest keys first: an alias never shadows another country's own name or code.
    for c in countries:
        for key in c.aliases:
            by_key.setdefault(key.casefold(), c)
    for c in countries:
        for key in (c.name_ar, c.iso2, c.iso3):
            if key:
                by_key[key.casefold()] = c
    for c in countries:
        by_key[c.name.casefold()] = c
    return _Table(countries, by_key, {c.iso2: c for c in countries}, {c.iso3: c for c in countries})


on_clear(_table.cache_clear)


def country_by_name(name: str | None) -> Country | None:
    """The country an English name, ISO code or Arabic name means (case-insensitive), or None."""
    if not name:
        return None
    return _table().by_key.get(name.strip().casefold())


def country_by_iso2(code: str | None) -> Country | None:
    return _table().by_iso2.get((code or "").strip().upper())


def country_by_iso3(code: str | None) -> Country | None:
    return _table().by_iso3.get((code or "").strip().upper())


def all_countries() -> tuple[Country, ...]:
    """Every country of the table, in its order (alphabetical by name in the package's file)."""
    return _table().countries
