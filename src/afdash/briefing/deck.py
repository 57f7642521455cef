"""A deck is an ordered list of (view, parameters). The default deck is the 13-slide briefing on the four
areas; a builder-made deck lives in the URL (see deck_url)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from afdash.briefing import registry as recipes
from afdash.briefing.slides import Slide

MAX_SLIDES = 40


@dataclass(frozen=True)
class DeckItem:
    """One slide of a deck: a view id and its parameter values (hashable, so usable as a cache key)."""

    view_id: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, view_id: str, params: Mapping[str, Any] | None = None) -> DeckItem:
        return cls(view_id, tuple(sorted((k, tuple(v) if isinstance(v, list) else v)
                                         for k, v in (params or {}).items())))

    def as_dict(self) -> dict[str, Any]:
        return dict(self.params)

    @property
    def view(self) -> recipes.Recipe:
        return recipes.get(self.view_id)

    def label(self, tables: Mapping | None = None) -> str:
        """'Civilian casualties (measure: Fatalities)': the view title and any non-default setting (names that
        come from the data only when `tables` is given)."""
        view = self.view
        extra = []
        for name, value in self.params:
            p = view.param(name)
            if p is None or value == p.default:
                continue
            shown = ", ".join(p.label_of(v, tables) for v in value) if p.multi else p.label_of(value, tables)
            extra.append(f"{p.label.lower()}: {shown or 'none'}")
        return view.title + (f" ({'; '.join(extra)})" if extra else "")


DEFAULT_DECK: tuple[DeckItem, ...] = tuple(DeckItem.of(v) for v in (
    "framing_title",
    "security_casualties",
    "security_isisk_growth",
    "security_fighters",
    "security_province_map",
    "regional_neighbours",
    "regional_refugees",
    "regional_tunxi",
    "cooperation_russia_china",
    "cooperation_humanitarian",
    "external_assets",
    "external_aid",
    "framing_conclusions",
))


def complete(item: DeckItem, tables: Mapping) -> DeckItem:
    """The item with every parameter present (defaults filled in), as builders expect."""
    view = item.view
    return DeckItem.of(item.view_id, recipes.resolve_params(view, item.as_dict(), tables))


def build_slide(item: DeckItem, tables: Mapping) -> Slide:
    full = complete(item, tables)
    return full.view.build(tables, full.as_dict())


def build_deck(items: Sequence[DeckItem], tables: Mapping) -> list[Slide]:
    return [build_slide(i, tables) for i in items]
