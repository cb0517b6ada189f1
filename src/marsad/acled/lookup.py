"""Countries and outlets as the ACLED columns need them (iso, ISO3 prefix, region; source, source_scale).

The tables are `acled/countries.py` and `acled/outlets.py` (data in `resources/`); this module only
shapes their answers for the row builder.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.acled.countries import country_by_name
from marsad.acled.outlets import outlet_for
from marsad.acled.taxonomy import acled_tables


@dataclass(frozen=True)
class CountryCodes:
    iso: int
    iso3: str
    region: str


def country_codes(name: str | None) -> CountryCodes | None:
    """ISO numeric code, ISO alpha-3 and ACLED region of a country, or None."""
    c = country_by_name(name) if name else None
    return CountryCodes(int(c.iso_numeric), c.iso3, c.region) if c else None


def source_columns(sources: list[tuple[str | None, str | None]]) -> tuple[str, str]:
    """ACLED's `source` and `source_scale` from each source's (outlet, url).

    `source` joins the outlets' ACLED names (the raw outlet string for one the table does not know) with
    "; "; `source_scale` joins their scales with "-" in ACLED's order, and stays empty unless every outlet
    is known: never a guess.
    """
    names: list[str] = []
    scales: set[str] = set()
    unknown = False
    for outlet, url in sources:
        known = outlet_for(outlet) or outlet_for(url)
        if known is None or not known.source_scale:
            unknown = True
            if outlet or known:
                names.append(known.name if known else outlet)
            continue
        names.append(known.name)
        scales.update(known.source_scale.split("-"))
    order = {s: k for k, s in enumerate(acled_tables()["source_scales"])}
    scale = "" if unknown or not scales else "-".join(sorted(scales, key=lambda s: (order.get(s, 99), s)))
    return "; ".join(dict.fromkeys(names)), scale
