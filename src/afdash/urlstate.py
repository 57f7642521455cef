"""Reading filters from URL query parameters, so every view can be bookmarked and shared.

Bad values (typos, stale bookmarks, hostile strings) never raise: the default is used and a
notice explains what was ignored. Notices quote the value only in a shortened, plain-text form.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

MAX_SHOWN = 40


_MARKDOWN = set("\\`*_{}[]()<>#+-.!|~$:")


def shown(value: str) -> str:
    """A value safe to echo back inside a Markdown notice: shortened, control characters dropped and
    Markdown syntax escaped, so a crafted link or image in a URL can never render or load anything."""
    clean = "".join(ch for ch in str(value) if ch.isprintable())
    clean = clean if len(clean) <= MAX_SHOWN else clean[: MAX_SHOWN - 1] + "…"
    return "".join("\\" + ch if ch in _MARKDOWN else ch for ch in clean)


@dataclass
class Parsed:
    values: dict[str, object] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def choice(params: Mapping[str, str], key: str, options: Sequence[str], default: str, parsed: Parsed) -> str:
    raw = params.get(key)
    if raw is None or raw == "":
        value = default
    elif raw in options:
        value = raw
    else:
        parsed.notices.append(f"Ignored URL parameter {key}=“{shown(raw)}”: not one of the available values.")
        value = default
    parsed.values[key] = value
    return value
