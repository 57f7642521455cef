"""A deck and a slide number in the URL, so a briefer can reload, jump to slide N and share a deck.

    ?deck=security_casualties:measure=fatalities;security_province_map:category=attack|strike&slide=3

Slides are separated by `;`, a view id and its settings by `:`, settings by `,`, a name and its value by
`=`, the values of a multi-valued setting by `|`. The default deck is not written to the URL.
Bad input never raises: unknown views and values are dropped with a notice (echoed only through
urlstate.shown), and a deck left empty falls back to the default deck.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import quote

from afdash.briefing import registry as views
from afdash.briefing.deck import DEFAULT_DECK, MAX_SLIDES, DeckItem
from afdash.core import urlstate

MAX_URL_CHARS = 4000
DECK_KEY, SLIDE_KEY, PRESENT_KEY = "deck", "slide", "present"


def encode(items: Sequence[DeckItem]) -> str:
    """The URL form of a deck; settings equal to the view's default are left out to keep links short."""
    out = []
    for item in items:
        view = views.get(item.view_id)
        pairs = []
        for name, value in item.params:
            p = view.param(name)
            if p is None or value == p.default:
                continue
            pairs.append(f"{name}={'|'.join(value) if p.multi else value}")
        out.append(item.view_id + (":" + ",".join(pairs) if pairs else ""))
    return ";".join(out)


def is_default(items: Sequence[DeckItem]) -> bool:
    return encode(items) == encode(DEFAULT_DECK)


def decode(raw: str | None, tables: Mapping, parsed: urlstate.Parsed) -> list[DeckItem]:
    """The deck in `raw` (None or empty: the default deck), with notices for whatever was ignored."""
    if raw is None or raw.strip() == "":
        return list(DEFAULT_DECK)
    if len(raw) > MAX_URL_CHARS:
        parsed.note("deck", f"Ignored URL parameter deck: longer than {MAX_URL_CHARS} characters; "
                            "showing the default briefing.")
        return list(DEFAULT_DECK)
    registry = views.registry()
    items: list[DeckItem] = []
    for entry in (e.strip() for e in raw.split(";")):
        if not entry:
            continue
        view_id, _, settings = entry.partition(":")
        view = registry.get(view_id)
        if view is None:
            parsed.note("deck", f"Ignored slide “{urlstate.shown(view_id)}” in the deck: no such view.")
            continue
        given: dict[str, object] = {}
        for pair in (s for s in settings.split(",") if s):
            name, eq, value = pair.partition("=")
            if not eq:
                parsed.note("deck", f"Slide “{view.title}”: ignored setting “{urlstate.shown(pair)}”.")
                continue
            p = view.param(name)
            given[name] = tuple(v for v in value.split("|") if v) if p is not None and p.multi else value
        notes: list[str] = []
        items.append(DeckItem.of(view_id, views.resolve_params(view, given, tables, notes)))
        for text in notes:
            parsed.note("deck", text)
    if len(items) > MAX_SLIDES:
        parsed.note("deck", f"The deck has {len(items)} slides; only the first {MAX_SLIDES} are shown.")
        items = items[:MAX_SLIDES]
    if not items:
        parsed.note("deck", "The deck in the URL has no usable slide; showing the default briefing.")
        return list(DEFAULT_DECK)
    return items


def slide_number(params: Mapping[str, str], count: int, parsed: urlstate.Parsed) -> int:
    """1-based slide number from ?slide=N; invalid or out of range → a notice and slide 1."""
    return urlstate.integer(params, SLIDE_KEY, 1, max(count, 1), 1, parsed)


def query(items: Sequence[DeckItem], slide: int | None = None, present: bool = False) -> str:
    """The query string of a briefing URL, e.g. for a link another page offers: '?deck=…&slide=2'."""
    parts = []
    if not is_default(items):
        parts.append(f"{DECK_KEY}={quote(encode(items), safe=':;,=|')}")
    if slide and slide > 1:
        parts.append(f"{SLIDE_KEY}={slide}")
    if present:
        parts.append(f"{PRESENT_KEY}=1")
    return ("?" + "&".join(parts)) if parts else ""


def moved(items: Sequence[DeckItem], index: int, step: int) -> list[DeckItem]:
    """The deck with item `index` moved by `step` places (clamped at the ends)."""
    out = list(items)
    target = min(max(index + step, 0), len(out) - 1)
    out.insert(target, out.pop(index))
    return out


def removed(items: Sequence[DeckItem], index: int) -> list[DeckItem]:
    out = [x for i, x in enumerate(items) if i != index]
    return out or list(DEFAULT_DECK)


def added(items: Sequence[DeckItem], item: DeckItem) -> list[DeckItem]:
    return [*items, item][:MAX_SLIDES]
