"""ACLED's countries: ISO codes, ACLED spelling and region, Arabic name, the capital's time zone.

The table is `resources/countries.tsv` (built once by `tools/build_countries.py`), read through the
resource loader, so a user overlay can add a territory or correct a field without touching Python; a
country pack's `country.yaml` may do the same (`timezone: ...`, or every code of a territory the table
lacks). Marsad names a country everywhere by its ACLED spelling (`Country.name`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from marsad.resource_files import ResourceError, load_pack_yaml, load_tsv, on_clear, split_list

COUNTRIES_FILE = "countries.tsv"
PACK_FILE = "country.yaml"  # in each country pack: may correct or give the country's codes
_FIELDS = ("name", "name_ar", "iso2", "iso3", "iso_numeric", "region", "timezone", "aliases_en")


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


def _pack_countries(countries: list[Country]) -> list[Country]:
    """The table with what the country packs say: a pack's `country.yaml` may correct a field (its
    `timezone`) or, for a territory the table lacks, give all of them."""
    at = {c.iso3: n for n, c in enumerate(countries)}
    for pack, data in load_pack_yaml(PACK_FILE).items():
        where = f"packs/{pack}/{PACK_FILE}"
        if data is None:
            continue
        if not isinstance(data, dict):
            raise ResourceError(f"{where}: expected a mapping")
        iso3 = str(data.get("iso3") or pack).upper()
        fields = {k: " | ".join(map(str, v)) if isinstance(v, list) else str(v)
                  for k, v in data.items() if k in _FIELDS and v is not None}
        if iso3 in at:
            old = countries[at[iso3]]
            row = {"name": old.name, "name_ar": old.name_ar, "iso2": old.iso2, "iso3": old.iso3,
                   "iso_numeric": str(old.iso_numeric), "region": old.region, "timezone": old.timezone,
                   "aliases_en": " | ".join(old.aliases)}
            countries[at[iso3]] = _country({**row, **fields, "iso3": iso3}, where)
        elif "name" in fields:
            at[iso3] = len(countries)
            countries.append(_country({**fields, "iso3": iso3}, where))
    return countries


@cache
def _table() -> _Table:
    rows = [_country(row, f"{COUNTRIES_FILE}: row {row.get('iso3') or n}")
            for n, row in enumerate(load_tsv(COUNTRIES_FILE), 1)]
    countries = tuple(_pack_countries(rows))
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
