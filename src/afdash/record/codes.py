"""Country codes of the record: Gleditsch–Ward (GW) numbers as UCDP uses them, mapped to ISO 3166-1 alpha-3.

The crosswalk covers every GW number in the vendored UCDP extracts (Afghanistan's neighbours and the
states that backed either side of its wars). It follows the GWcode column of country_converter 1.3.2,
with Czechia (316), Yemen (678) and Vietnam (816) added from the Gleditsch–Ward list; the build stops on
a number it does not know rather than guessing.
"""

from __future__ import annotations

from afdash.core.safe import md

# Afghanistan and its six neighbours, in the order the pages list them.
SEVEN: dict[str, str] = {
    "AFG": "Afghanistan", "PAK": "Pakistan", "IRN": "Iran", "TJK": "Tajikistan", "TKM": "Turkmenistan",
    "UZB": "Uzbekistan", "CHN": "China",
}
NAME_TO_ISO3: dict[str, str] = {name: iso3 for iso3, name in SEVEN.items()}

GW_TO_ISO3: dict[int, str] = {
    2: "USA", 20: "CAN", 92: "SLV", 200: "GBR", 205: "IRL", 210: "NLD", 211: "BEL", 212: "LUX", 220: "FRA",
    225: "CHE", 230: "ESP", 235: "PRT", 260: "DEU", 290: "POL", 305: "AUT", 310: "HUN", 316: "CZE", 317: "SVK",
    325: "ITA", 339: "ALB", 341: "MNE", 343: "MKD", 344: "HRV", 346: "BIH", 349: "SVN", 350: "GRC", 355: "BGR",
    360: "ROU", 365: "RUS", 366: "EST", 367: "LVA", 368: "LTU", 369: "UKR", 371: "ARM", 372: "GEO", 373: "AZE",
    375: "FIN", 380: "SWE", 385: "NOR", 390: "DNK", 395: "ISL", 520: "SOM", 630: "IRN", 640: "TUR", 645: "IRQ",
    652: "SYR", 663: "JOR", 666: "ISR", 670: "SAU", 678: "YEM", 690: "KWT", 692: "BHR", 696: "ARE", 700: "AFG",
    701: "TKM", 702: "TJK", 703: "KGZ", 704: "UZB", 710: "CHN", 712: "MNG", 713: "TWN", 732: "KOR", 740: "JPN",
    750: "IND", 770: "PAK", 775: "MMR", 816: "VNM", 820: "MYS", 830: "SGP", 900: "AUS", 920: "NZL", 972: "TON",
}


def choice_line(names: list[str], first: int, last: int, note: str = "", what: str = "Countries") -> str:
    """What a view's closed filter box is set to, in words for its caption (names escaped):
    'Countries: Afghanistan, Pakistan; years 2001–2025 (2025 preliminary).'"""
    chosen = md(", ".join(names)) if names else "none chosen"
    return f"{what}: {chosen}; years {first}–{last}" + (f" ({note})" if note else "") + "."


class UnknownCode(ValueError):
    """A GW number outside the crosswalk."""


def iso3_list(gw: object) -> str | None:
    """UCDP's comma-separated GW numbers ("700, 770") as ISO3 codes joined by "|" in the same order."""
    if gw is None or (isinstance(gw, float) and gw != gw) or str(gw).strip() == "":
        return None
    out = []
    for part in str(gw).split(","):
        n = int(part.strip())
        if n not in GW_TO_ISO3:
            raise UnknownCode(f"Gleditsch–Ward code {n} is not in afdash.record.codes.GW_TO_ISO3")
        out.append(GW_TO_ISO3[n])
    return "|".join(out)
