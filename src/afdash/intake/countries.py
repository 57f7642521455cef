"""Country names and numbers as UCDP and ACLED write them → ISO 3166-1 alpha-3 (pycountry: build layer)."""

from __future__ import annotations

import functools
import re

import pycountry

# UCDP and ACLED names that ISO does not use (UCDP adds former names in brackets; those are dropped first).
ALIASES = {
    "dr congo": "COD", "democratic republic of congo": "COD", "congo": "COG", "republic of congo": "COG",
    "ivory coast": "CIV", "cote d'ivoire": "CIV", "kosovo": "XKX", "bosnia-herzegovina": "BIH",
    "russia": "RUS", "iran": "IRN", "syria": "SYR", "laos": "LAO", "vietnam": "VNM", "north korea": "PRK",
    "south korea": "KOR", "turkey": "TUR", "palestine": "PSE", "kingdom of eswatini": "SWZ", "eswatini": "SWZ",
    "cape verde": "CPV", "east timor": "TLS", "micronesia": "FSM", "tanzania": "TZA", "bolivia": "BOL",
    "venezuela": "VEN", "moldova": "MDA", "brunei": "BRN", "macedonia, fyr": "MKD", "north macedonia": "MKD",
}


@functools.cache
def from_name(name: str) -> str | None:
    """ISO alpha-3 for a country name, or None when it is not a country afdash can name."""
    key = re.sub(r"\s*\(.*?\)\s*", " ", name).strip().lower()
    if not key:
        return None
    if key in ALIASES:
        return ALIASES[key]
    try:
        return pycountry.countries.lookup(key).alpha_3
    except LookupError:
        return None


@functools.cache
def from_numeric(code: str) -> str | None:
    """ISO alpha-3 for an ISO 3166-1 numeric code as ACLED's `iso` column gives it ("4", "004", "4.0")."""
    digits = code.strip().removesuffix(".0")
    if not digits.isdigit():
        return None
    country = pycountry.countries.get(numeric=digits.zfill(3))
    return country.alpha_3 if country else None
