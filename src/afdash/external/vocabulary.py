"""The external-powers area's vocabulary: instruments, aspects, roles and their colours, the players and
powers in the issue's order, and small cell helpers."""

from __future__ import annotations

import pandas as pd

from afdash.core.palette import HIGHLIGHT, OKABE_ITO
from afdash.schema.fields import LIST_SEP

INSTRUMENTS: dict[str, str] = {
    "sanctions_financial": "Sanctions & finance",
    "military": "Military",
    "diplomatic": "Diplomatic",
    "multilateral": "Multilateral formats",
    "aid": "Aid",
}
INSTRUMENT_COLOURS = dict(zip(INSTRUMENTS, [OKABE_ITO[5], OKABE_ITO[7], OKABE_ITO[4], OKABE_ITO[6], OKABE_ITO[2]],
                              strict=True))
ASPECTS: dict[str, str] = {
    "interests": "Interests",
    "instruments": "Instruments",
    "ties_to_afghan_groups": "Ties to Afghan groups",
    "fit_with_russia_china": "Fit with Russian and Chinese interests",
}
FIT_CLASSES: dict[str, str] = {
    "aligned": "aligned",
    "mixed": "mixed",
    "divergent": "divergent",
    "not_assessed": "not assessed by the report",
}
ROLES: dict[str, str] = {
    "self": "the power itself",
    "member": "member",
    "partner": "partner named by the report",
    "prospective": "could join in future",
    "presence": "presence or footprint",
    "action": "action (strike, fighting, clash)",
}
# Country fills: the power (or a grouping's members) strongest, then partners, then prospective members.
FILL_RANK = {"self": 3, "member": 3, "partner": 2, "prospective": 1}
ROLE_COLOURS = {"self": HIGHLIGHT, "member": HIGHLIGHT, "partner": OKABE_ITO[0], "prospective": OKABE_ITO[1],
                "presence": OKABE_ITO[2], "action": OKABE_ITO[5]}

STATES = ["pak", "ind", "irn", "sau", "tur", "qat", "are", "isr"]
GROUPINGS = ["quad", "aukus", "i2u2", "ots", "nato"]
PLAYERS = STATES + GROUPINGS  # the order
POWERS = ["usa", *PLAYERS]
INFLUENCE_ORDER = ["usa", "pak", "qat", "irn", "tur"]  # the report's own order
US_ACTORS = {"usa", "usaid", "us_state_department", "us_treasury"}
# The withdrawal month: the U.S. timeline starts here unless the earlier context is asked for.
WITHDRAWAL = pd.Timestamp("2021-08-01")
# Wide enough for Turkey, Israel and the Gulf as well as Afghanistan and its neighbours.
SIDE_BY_SIDE_DEGREES = 0.5
MAP_VIEW = {"latitude": 34.0, "longitude": 57.0, "zoom": 2.6, "pitch": 0, "bearing": 0}
DIRECTION_WORDS = {"declined": "declined", "rose": "rose"}
DIRECTION_ARROWS = {"declined": "↓", "rose": "↑"}


def _has(v: object) -> bool:
    """A cell holds a value: not None, NaN/NA or empty (missing text cells load as NaN)."""
    return v is not None and not (not isinstance(v, str) and pd.isna(v)) and v != ""


def _ids(cell: object) -> list[str]:
    return str(cell).split(LIST_SEP) if _has(cell) else []


def _fn(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)
