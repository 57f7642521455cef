"""Reading filters from URL query parameters, so every view can be bookmarked and shared.

Bad values (typos, stale bookmarks, hostile strings) never raise: the default is used and a
notice explains what was ignored. Notices quote the value only in a shortened, plain-text form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from afdash.core.safe import md

MAX_SHOWN = 40
INTEGER = re.compile(r"-?[0-9]{1,9}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def shown(value: str) -> str:
    """A value safe to echo back inside a Markdown notice: shortened, control characters dropped and
    Markdown syntax escaped, so a crafted link or image in a URL can never render or load anything."""
    clean = "".join(ch for ch in str(value) if ch.isprintable())
    clean = clean if len(clean) <= MAX_SHOWN else clean[: MAX_SHOWN - 1] + "…"
    return md(clean, strict=True)


@dataclass
class Parsed:
    """What a page read from its URL: the values, and at most one notice per parameter (a link that repeats a
    bad value a thousand times gets one notice saying so, not a thousand)."""

    values: dict[str, object] = field(default_factory=dict)
    _notes: dict[str, list[str]] = field(default_factory=dict)

    def note(self, key: str, text: str) -> None:
        self._notes.setdefault(key, []).append(text)

    @property
    def notices(self) -> list[str]:
        return [texts[0] + (f" ({len(texts) - 1:,} more problems with this parameter not listed.)"
                            if len(texts) > 1 else "") for texts in self._notes.values()]


def choice(params: Mapping[str, str], key: str, options: Sequence[str], default: str, parsed: Parsed) -> str:
    raw = params.get(key)
    if raw is None or raw == "":
        value = default
    elif raw in options:
        value = raw
    else:
        parsed.note(key, f"Ignored URL parameter {key}=“{shown(raw)}”: not one of the available values.")
        value = default
    parsed.values[key] = value
    return value


def multi(params: Mapping[str, str], key: str, options: Sequence[str], default: Sequence[str],
          parsed: Parsed) -> list[str]:
    """Comma-separated values, e.g. ?category=attack,strike. An empty value is a deliberate empty selection
    (the page says why it shows nothing). Unknown values are dropped with a notice; if none is left, the
    default applies, since a link that named only unusable values should still show something."""
    raw = params.get(key)
    if raw is None:
        value = list(default)
    elif raw.strip(" ,") == "":
        value = []
    else:
        items = [x for x in raw.split(",") if x != ""]
        value = [x for x in items if x in options] or list(default)
        bad = [x for x in items if x not in options]
        if bad:
            parsed.note(key, f"Ignored URL parameter {key}: “{shown(','.join(bad))}” is not among the available "
                             "values.")
    parsed.values[key] = value
    return value


def integer(params: Mapping[str, str], key: str, lo: int, hi: int, default: int, parsed: Parsed) -> int:
    raw = params.get(key)
    value = default
    if raw not in (None, ""):
        n = int(raw) if INTEGER.fullmatch(raw) else None  # ASCII digits only: no "1_0", "+5", "٣" or spaces
        if n is None or not lo <= n <= hi:
            parsed.note(key, f"Ignored URL parameter {key}=“{shown(raw)}”: expected a number from {lo} to {hi}.")
        else:
            value = n
    parsed.values[key] = value
    return value


def flag(params: Mapping[str, str], key: str, default: bool, parsed: Parsed) -> bool:
    raw = params.get(key)
    value = default
    if raw not in (None, ""):
        low = raw.lower()
        if low in ("1", "true", "yes", "on"):
            value = True
        elif low in ("0", "false", "no", "off"):
            value = False
        else:
            parsed.note(key, f"Ignored URL parameter {key}=“{shown(raw)}”: expected 1 or 0.")
    parsed.values[key] = value
    return value


def date_range(params: Mapping[str, str], key: str, bounds: tuple[date, date], parsed: Parsed,
               default: tuple[date, date] | None = None) -> tuple[date, date]:
    """?period=2021-08-01..2022-06-30 within the data's bounds; `default` (the full span unless given) when
    absent or unusable. A period partly outside the data is clamped to it, and one wholly outside it is
    ignored, each with a notice: a shared link never silently shows something other than it asked for."""
    raw = params.get(key)
    value = default or bounds
    if raw not in (None, ""):
        period = _period(raw)
        span = f"{bounds[0].isoformat()}..{bounds[1].isoformat()}"
        if period is None:
            parsed.note(key, f"Ignored URL parameter {key}=“{shown(raw)}”: expected YYYY-MM-DD..YYYY-MM-DD "
                             "with the start before the end.")
        elif period[1] < bounds[0] or period[0] > bounds[1]:
            parsed.note(key, f"Ignored URL parameter {key}=“{shown(raw)}”: the data cover {span} only.")
        else:
            value = (max(period[0], bounds[0]), min(period[1], bounds[1]))
            if value != period:
                parsed.note(key, f"URL parameter {key}=“{shown(raw)}” reaches beyond the data ({span}): "
                                 f"showing {value[0].isoformat()}..{value[1].isoformat()}.")
    parsed.values[key] = value
    return value


def _period(raw: str) -> tuple[date, date] | None:
    parts = raw.split("..")
    if len(parts) != 2 or not all(ISO_DATE.fullmatch(p) for p in parts):
        return None
    try:
        start, end = date.fromisoformat(parts[0]), date.fromisoformat(parts[1])
    except ValueError:
        return None
    return (start, end) if start <= end else None


def encode(value: object) -> str:
    """The URL form of a filter value (inverse of the parsers above)."""
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, date) for v in value):
        return f"{value[0].isoformat()}..{value[1].isoformat()}"
    if isinstance(value, list | tuple):
        return ",".join(map(str, value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
