"""Build `src/marsad/resources/countries.tsv` (development time only; not run by Marsad).

Sources: ISO 3166 codes from `pycountry`, Arabic names and time zones from CLDR (through `babel`), then
ACLED's own spellings and regions, written here by hand from ACLED's country list. Where Marsad's
gazetteer already names a country in Arabic (its `kind=country` rows), that name wins over CLDR's so the
table and the gazetteer agree.

    pip install pycountry babel   # dev tools, not runtime dependencies
    python tools/build_countries.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pycountry
from babel import Locale
from babel.core import get_global

ROOT = Path(__file__).resolve().parent.parent / "src" / "marsad" / "resources"
OUT = ROOT / "countries.tsv"

# ACLED's spelling where it differs from pycountry's common name.
ACLED_NAMES = {
    "AX": "Aland Islands", "BN": "Brunei", "BQ": "Caribbean Netherlands", "BL": "Saint-Barthelemy",
    "BO": "Bolivia", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
    "CV": "Cape Verde", "CW": "Curacao", "CZ": "Czech Republic", "FK": "Falkland Islands",
    "FM": "Micronesia", "GG": "Guernsey", "IR": "Iran", "KP": "North Korea", "KR": "South Korea", "LA": "Laos",
    "MD": "Moldova", "MF": "Saint-Martin", "MO": "Macau", "PS": "Palestine", "RE": "Reunion", "RU": "Russia",
    "SH": "Saint Helena, Ascension and Tristan da Cunha", "SX": "Sint Maarten", "SY": "Syria",
    "SZ": "eSwatini", "TF": "French Southern and Antarctic Lands", "TL": "East Timor", "TR": "Turkey",
    "TW": "Taiwan", "TZ": "Tanzania", "VA": "Vatican City", "VE": "Venezuela", "VG": "British Virgin Islands",
    "VI": "Virgin Islands, U.S.", "VN": "Vietnam", "PN": "Pitcairn", "SJ": "Svalbard and Jan Mayen",
    "UM": "United States Minor Outlying Islands", "HM": "Heard Island and McDonald Islands",
    "GS": "South Georgia and the South Sandwich Islands", "CC": "Cocos (Keeling) Islands",
}
# English names seen in other data (GeoNames, news, older ACLED files) that `country_by_name` also accepts.
EXTRA_ALIASES = {
    "CD": ["DR Congo", "DRC", "Congo-Kinshasa", "Democratic Republic of the Congo", "Zaire"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville", "Congo Brazzaville"],
    "SZ": ["Eswatini", "Swaziland"], "CI": ["Cote d'Ivoire"], "CZ": ["Czechia"], "TR": ["Turkiye"],
    "MM": ["Burma"], "CV": ["Cabo Verde"], "TL": ["Timor-Leste", "Timor Leste"],
    "US": ["USA", "United States of America", "US"],
    "GB": ["UK", "Great Britain", "Britain"], "MK": ["Macedonia", "Republic of North Macedonia"],
    "PS": ["State of Palestine", "Palestinian Territories", "Palestinian Territory", "West Bank and Gaza"],
    "VA": ["Holy See", "Vatican"], "KR": ["Korea", "Republic of Korea"], "KP": ["DPRK"],
    "AE": ["UAE", "Emirates"], "SY": ["Syrian Arab Republic"], "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"], "LA": ["Lao PDR"], "VN": ["Viet Nam"], "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "KN": ["St Kitts and Nevis"], "LC": ["St Lucia"], "VC": ["St Vincent and the Grenadines"],
    "GM": ["The Gambia"], "BS": ["The Bahamas"], "NL": ["Holland", "The Netherlands"],
    "XK": ["Republic of Kosovo"], "EH": ["Sahrawi Arab Democratic Republic"],
}
# Territories ACLED codes that ISO 3166-1 does not list: (iso2, iso3, numeric, name, name_ar, zone).
EXTRA = [("XK", "XKX", "0", "Kosovo", "كوسوفو", "Europe/Belgrade")]

# ACLED regions (ACLED's country list); every ISO code must be in exactly one.
REGIONS = {
    "Middle East": "AE BH IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Northern Africa": "DZ EG EH LY MA SD TN",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET IO KE KM MU RE RW SC SO SS TZ UG YT",
    "Southern Africa": "AO BW LS MG MW MZ NA SZ ZA ZM ZW",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "Southeast Asia": "BN CX CC ID KH LA MM MY PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "Europe": "AD AL AT AX BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU "
              "LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA XK",
    "North America": "BM CA GL PM US UM",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "South America": "AR BO BR CL CO EC FK GF GY PE PY SR UY VE",
    "Caribbean": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",
    "Oceania": "AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS",
    "Antarctica": "AQ BV GS HM TF",
}
# The capital's zone where CLDR lists several for a country.
CAPITAL_ZONES = {
    "AQ": "Antarctica/McMurdo", "AR": "America/Argentina/Buenos_Aires", "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo", "CA": "America/Toronto", "CL": "America/Santiago", "CN": "Asia/Shanghai",
    "CD": "Africa/Kinshasa", "CY": "Asia/Nicosia", "DE": "Europe/Berlin", "EC": "America/Guayaquil",
    "ES": "Europe/Madrid", "FM": "Pacific/Pohnpei", "GL": "America/Nuuk", "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa", "KZ": "Asia/Almaty", "MH": "Pacific/Majuro", "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City", "MY": "Asia/Kuala_Lumpur", "NZ": "Pacific/Auckland", "PF": "Pacific/Tahiti",
    "PG": "Pacific/Port_Moresby", "PS": "Asia/Hebron", "PT": "Europe/Lisbon", "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv", "UM": "Pacific/Wake", "US": "America/New_York", "UZ": "Asia/Tashkent",
    "BV": "Europe/Oslo", "HM": "Indian/Kerguelen",
}


def gazetteer_arabic() -> dict[str, str]:
    """Arabic country names of the package's gazetteer rows, by English name."""
    names: dict[str, str] = {}
    for path in sorted(ROOT.glob("packs/*/gazetteer.tsv")):  # the hand-made rows
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t",
                                      quoting=csv.QUOTE_NONE):
                if row.get("kind") == "country":
                    names.setdefault(row["country"], row["name_ar"])
    return names


def _aliases(name: str, names: list[str | None]) -> str:
    seen = {name.casefold()}
    out = []
    for n in names:
        if n and n.casefold() not in seen and "\t" not in n:
            seen.add(n.casefold())
            out.append(n)
    return " | ".join(out)


def main() -> int:
    region_of = {}
    for region, codes in REGIONS.items():
        for code in codes.split():
            if code in region_of:
                raise SystemExit(f"{code} in two regions")
            region_of[code] = region
    ar = Locale("ar").territories
    zones = get_global("territory_zones")
    gaz_ar = gazetteer_arabic()
    rows = []
    for c in pycountry.countries:
        iso2 = c.alpha_2
        name = ACLED_NAMES.get(iso2) or getattr(c, "common_name", None) or c.name
        zone = CAPITAL_ZONES.get(iso2) or (zones.get(iso2) or [""])[0]
        if len(zones.get(iso2) or []) > 1 and iso2 not in CAPITAL_ZONES:
            raise SystemExit(f"{iso2}: several zones, say which is the capital's")
        aliases = [getattr(c, k, None) for k in ("common_name", "name", "official_name")]
        aliases += EXTRA_ALIASES.get(iso2, [])
        rows.append((c.alpha_3, iso2, str(int(c.numeric)), name, gaz_ar.get(name) or ar.get(iso2, ""),
                     region_of[iso2], zone, _aliases(name, aliases)))
    for iso2, iso3, num, name, name_ar, zone in EXTRA:
        rows.append((iso3, iso2, num, name, gaz_ar.get(name) or name_ar, region_of[iso2], zone,
                     _aliases(name, EXTRA_ALIASES.get(iso2, []))))
    missing = set(region_of) - {r[1] for r in rows}
    if missing:
        raise SystemExit(f"regions name unknown codes: {sorted(missing)}")
    unknown = set(gaz_ar) - {r[3] for r in rows}
    if unknown:
        print(f"gazetteer countries not in the table: {sorted(unknown)}", file=sys.stderr)
    rows.sort(key=lambda r: r[3].lower())
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        fh.write("# ISO 3166 codes (pycountry), Arabic names (Marsad's gazetteer, else CLDR), ACLED names and\n"
                 "# regions, the capital's IANA time zone (CLDR), other English names. Built by\n"
                 "# tools/build_countries.py.\n")
        fh.write("iso3\tiso2\tiso_numeric\tname\tname_ar\tregion\ttimezone\taliases_en\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"{OUT}: {len(rows)} countries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
