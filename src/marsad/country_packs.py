"""Country packs: what is specific to one country, in one folder, so that adding a country needs no Python.

`resources/packs/<iso3>/` (and the same under a user overlay folder) may hold:
  - `country.yaml`: `words_ar` (how Arabic text names the country: name, adjectives, capital), `outlet_words`
    (words before اليوم that name an outlet: "حلب اليوم"), `timezone` (an IANA zone overriding the
    capital's), and for a territory missing from countries.tsv its codes (`name`, `iso2`, `iso_numeric`,
    `region`, `name_ar`);
  - `actors.yaml`: the country's actors, same schema as `resources/actors.yaml` (merged into it by id);
  - `gazetteer*.tsv`: its places, same columns as every gazetteer file (hand-made `gazetteer.tsv`,
    generated `gazetteer.geonames.tsv`).
The loader (`marsad.resource_files`) layers the actors and gazetteer files itself; this module reads the
`country.yaml` files for the stages that need them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from marsad.acled.countries import PACK_FILE, country_by_iso3
from marsad.resource_files import ResourceError, load_pack_yaml, on_clear


@dataclass(frozen=True)
class CountryPack:
    """A pack's `country.yaml`."""

    id: str  # the folder name: "syr"
    country: str  # ACLED name of the pack's country ("" for a pack that is not one country)
    words_ar: tuple[str, ...] = ()
    outlet_words: tuple[str, ...] = ()


def _words(data: dict, key: str, where: str) -> tuple[str, ...]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(w, (str, int)) for w in value):
        raise ResourceError(f"{where}: field '{key}': expected a list of words")
    return tuple(str(w) for w in value)


@cache
def country_packs() -> tuple[CountryPack, ...]:
    """Every pack that has a `country.yaml`, in layer order (package packs by name, then the user's)."""
    packs = []
    for pack, data in load_pack_yaml(PACK_FILE).items():
        where = f"packs/{pack}/{PACK_FILE}"
        data = data or {}
        if not isinstance(data, dict):
            raise ResourceError(f"{where}: expected a mapping")
        country = country_by_iso3(str(data.get("iso3") or pack))
        words = _words(data, "words_ar", where)
        if words and country is None:
            raise ResourceError(f"{where}: field 'words_ar': the pack names no country (its folder is not an "
                                f"ISO3 code of countries.tsv: give 'iso3', or 'name', 'iso2', 'iso_numeric', 'region')")
        packs.append(CountryPack(pack, country.name if country else "", words, _words(data, "outlet_words", where)))
    return tuple(packs)


on_clear(country_packs.cache_clear)


def country_words(own: Mapping[str, list[str]] | None = None) -> dict[str, list[str]]:
    """The Arabic words naming each country: a resource's own mapping first (geocoding.yaml `countries`),
    then every pack's `words_ar`."""
    out: dict[str, list[str]] = {str(c): list(ws or []) for c, ws in (own or {}).items()}
    for pack in country_packs():
        if pack.words_ar:
            out.setdefault(pack.country, []).extend(w for w in pack.words_ar if w not in out[pack.country])
    return out


def outlet_words() -> list[str]:
    """Every pack's words that, before اليوم, name an outlet."""
    return [w for pack in country_packs() for w in pack.outlet_words]
