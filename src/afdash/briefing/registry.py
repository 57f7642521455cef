"""The slide recipes a briefing deck can use, and the registry that holds them.

A Recipe is how a slide is made: an id, the area it belongs to, a title, a schema of parameters (the filters a
page offers, which the deck keeps in its URL), and a builder `(tables, params) -> Slide`. Each area keeps
its recipes in `afdash.briefing.areas.<area>.VIEWS`; adding a page's view to briefings is a few lines there:

    from afdash.briefing.registry import Param, Recipe
    from afdash.briefing.slides import Citation, Slide

    def _attacks(tables, params):
        frame = my_core.filtered(tables["my_dataset"], params["group"])
        return Slide("security_attacks", "security", "Attacks by month", chart=my_core.chart(frame),
                     points=("…",), citations=(Citation("security_situation", 14),), datasets=("my_dataset",))

    VIEWS.append(Recipe("security_attacks", "security", "Attacks by month", _attacks,
                      params=(Param("group", "Group", ("isis_k", "ttp"), "isis_k"),)))

`tables` maps dataset names to DataFrames (tables) or GeoJSON dicts (map layers), loaded on first use.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from afdash.briefing.slides import Slide
from afdash.core import urlstate
from afdash.store import catalogue, loaders

AREAS: dict[str, str] = {
    "framing": "Opening and closing",
    "security": "Security trends",
    "regional": "Regional actors",
    "cooperation": "Russia–China cooperation",
    "external": "External powers",
}
AREA_MODULES = tuple(f"afdash.briefing.areas.{a}" for a in AREAS)
VIEW_ID = re.compile(r"[a-z][a-z0-9_]{0,47}")
VALUE = re.compile(r"[A-Za-z0-9_.\-]{1,40}")  # never a deck separator: ; : , = |


class Tables(Mapping):
    """Datasets by name, loaded on first use: a DataFrame for tables, a GeoJSON dict for map layers.

    The app passes its cached loaders (afdash.web.ui.table / ui.geo); tests and exports read from disk."""

    def __init__(self, table: Callable[[str], Any] | None = None, geo: Callable[[str], Any] | None = None,
                 base: Path | None = None):
        self._table = table or (lambda name: loaders.load_table(name, base))
        self._geo = geo or (lambda name: loaders.load_geo(name, base))
        self._cache: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._cache:
            ds = catalogue.get(name)
            self._cache[name] = self._geo(name) if ds.kind == "geo" else self._table(name)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(catalogue.BY_NAME)

    def __len__(self) -> int:
        return len(catalogue.BY_NAME)


@dataclass(frozen=True)
class Param:
    """One filter of a view. `options` is a tuple, or a function of the tables returning the allowed values;
    `labels` gives display names, or is a function of the tables returning them (names kept in a dataset, such
    as a channel's). A multi parameter holds a tuple of values (empty allowed)."""

    name: str
    label: str
    options: tuple[str, ...] | Callable[[Mapping], Sequence[str]]
    default: str | tuple[str, ...]
    multi: bool = False
    labels: Mapping[str, str] | Callable[[Mapping], Mapping[str, str]] = field(default_factory=dict)

    def allowed(self, tables: Mapping) -> tuple[str, ...]:
        opts = self.options(tables) if callable(self.options) else self.options
        return tuple(opts)

    def names(self, tables: Mapping | None = None) -> Mapping[str, str]:
        """Display names by value; names that come from the data need `tables` (without them, none)."""
        if callable(self.labels):
            return self.labels(tables) if tables is not None else {}
        return self.labels

    def label_of(self, value: str, tables: Mapping | None = None) -> str:
        return self.names(tables).get(value, value)


@dataclass(frozen=True)
class Recipe:
    id: str
    area: str
    title: str
    build: Callable[[Mapping, dict], Slide]
    params: tuple[Param, ...] = ()
    description: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


def check_view(view: Recipe) -> None:
    """Ids and option values must be URL-safe: a deck is written as view:param=value,… in the URL."""
    if not VIEW_ID.fullmatch(view.id):
        raise ValueError(f"view id {view.id!r} must match {VIEW_ID.pattern}")
    if view.area not in AREAS:
        raise ValueError(f"view {view.id!r}: area {view.area!r} is not one of {', '.join(AREAS)}")
    for p in view.params:
        if not VIEW_ID.fullmatch(p.name):
            raise ValueError(f"view {view.id!r}: parameter name {p.name!r} must match {VIEW_ID.pattern}")
        if p.multi != isinstance(p.default, tuple):
            raise ValueError(f"view {view.id!r}: {p.name} default must be a tuple exactly when multi=True")
        if not callable(p.options):
            bad = [v for v in p.options if not VALUE.fullmatch(v)]
            defaults = p.default if p.multi else (p.default,)
            missing = [d for d in defaults if d not in p.options]
            if bad or missing:
                raise ValueError(f"view {view.id!r}: {p.name} has unsafe options {bad} or defaults {missing}")


@cache
def registry() -> dict[str, Recipe]:
    """Every registered view by id, in area order, from the area modules' VIEWS lists."""
    out: dict[str, Recipe] = {}
    for module in AREA_MODULES:
        for view in importlib.import_module(module).VIEWS:
            check_view(view)
            if view.id in out:
                raise ValueError(f"view id {view.id!r} is registered twice")
            out[view.id] = view
    return out


def get(view_id: str) -> Recipe:
    try:
        return registry()[view_id]
    except KeyError:
        raise KeyError(f"unknown view {view_id!r}") from None


def by_area() -> dict[str, list[Recipe]]:
    out: dict[str, list[Recipe]] = {a: [] for a in AREAS}
    for v in registry().values():
        out[v.area].append(v)
    return {a: vs for a, vs in out.items() if vs}


def resolve_params(view: Recipe, raw: Mapping[str, str | Sequence[str]], tables: Mapping,
                   notices: list[str] | None = None) -> dict[str, Any]:
    """Full, valid parameters for a view from possibly bad input: unknown names and values are dropped
    with a notice (values echoed only through urlstate.shown), missing ones take the default."""
    notices = notices if notices is not None else []
    known = {p.name for p in view.params}
    for name in raw:
        if name not in known:
            notices.append(f"Slide “{view.title}”: ignored unknown setting “{urlstate.shown(name)}”.")
    out: dict[str, Any] = {}
    for p in view.params:
        if p.name not in raw:
            out[p.name] = p.default
            continue
        allowed = p.allowed(tables)
        value = raw[p.name]
        if p.multi:
            items = [value] if isinstance(value, str) else list(value)
            items = [x for x in items if x != ""]
            bad = [x for x in items if x not in allowed]
            if bad:
                notices.append(f"Slide “{view.title}”: ignored {p.label} value “{urlstate.shown('|'.join(bad))}”.")
            out[p.name] = tuple(dict.fromkeys(x for x in items if x in allowed))
        else:
            value = value if isinstance(value, str) else "|".join(value)
            if value in allowed:
                out[p.name] = value
            else:
                notices.append(f"Slide “{view.title}”: ignored {p.label} “{urlstate.shown(value)}”; "
                               f"using the default.")
                out[p.name] = p.default
    return out
