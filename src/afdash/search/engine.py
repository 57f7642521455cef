"""A search as the page runs it: parse, match (all words, then as prefixes, then any word), rank, filter
by facets, count the facets. Pure: the index is passed in; nothing here raises on what a reader types."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from afdash.core import urlstate
from afdash.core.report import SECTIONS
from afdash.schema.fields import LIST_SEP
from afdash.search import query as query_mod
from afdash.search.documents import AREAS
from afdash.search.index import Index, Match
from afdash.store import catalogue

# name in the URL → column of search_documents; actor and country hold several values per row
FACETS: dict[str, str] = {"area": "area", "dataset": "dataset", "chapter": "section", "actor": "actor_ids",
                          "country": "countries", "year": "year"}
MULTI = {"actor", "country"}
FACET_TITLES = {"area": "Area", "dataset": "Dataset", "chapter": "Chapter", "actor": "Actor", "country": "Country",
                "year": "Year"}
# Thin rows (membership lists, actor cards, footnotes) rank below rows that make a claim with the same words.
PRIOR = {"channel_members": 0.5, "regional_memberships": 0.5, "actors": 0.8, "report_sources": 0.8,
         "power_geography": 0.85}
MODES = {
    "prefix": "No row has all the words as typed; showing rows where they begin words (“{q}”).",
    "any": "No row has all of the words; showing rows with any of them, best first.",
}


@dataclass
class Result:
    query: query_mod.Query
    hits: pd.DataFrame  # search_documents rows, best first, with score, hl_title, snippet, hl_figure
    matched: int  # rows matching the query before the facet filters
    facets: dict[str, list[tuple[str, str, int]]]  # facet → (value, label, count), most frequent first
    filters: dict[str, list[str]]
    mode: str = "all"
    total: int = 0  # rows matching the query and the filters (hits holds the first `limit`)
    notices: list[str] = field(default_factory=list)
    reason: str = ""  # why there is nothing to show, when there is nothing
    suggestions: list[str] = field(default_factory=list)


def row_values(index: Index) -> dict[str, list[tuple[str, ...]]]:
    """Each facet's values for every row of the index, computed once per index."""
    if "facets" not in index.derived:
        out = {}
        for facet, col in FACETS.items():
            cells = index.docs[col].astype(object).where(index.docs[col].notna(), None).tolist()
            out[facet] = [() if c is None else tuple(str(c).split(LIST_SEP)) if facet in MULTI else (str(c),)
                          for c in cells]
        index.derived["facets"] = out
    return index.derived["facets"]


def label(index: Index, facet: str, value: str) -> str:
    if facet == "area":
        return AREAS.get(value, value)
    if facet == "dataset":
        return catalogue.BY_NAME[value].title if value in catalogue.BY_NAME else value
    if facet == "chapter":
        return SECTIONS[value].title if value in SECTIONS else value
    if facet == "actor":
        return index.aliases.names.get(value, value)
    if facet == "country":
        return index.country_names.get(value, value)
    return value


def known_values(index: Index, facet: str) -> list[str]:
    vals = {v for vs in row_values(index)[facet] for v in vs}
    return sorted(vals, reverse=facet == "year")


def parse_filters(params: Mapping[str, object], index: Index, notices: list[str]) -> dict[str, list[str]]:
    """Facet filters from URL parameters (comma-separated values); unknown values are dropped with a notice."""
    out: dict[str, list[str]] = {}
    for facet in FACETS:
        raw = params.get(facet)
        if raw is None or raw == "":
            continue
        text = raw if isinstance(raw, str) else ",".join(map(str, raw)) if isinstance(raw, Sequence) else str(raw)
        items = [x.strip() for x in text[:2000].split(",") if x.strip()]
        known = set(known_values(index, facet))
        good = list(dict.fromkeys(x for x in items if x in known))
        bad = [x for x in items if x not in known]
        if bad:
            notices.append(f"Ignored {FACET_TITLES[facet].lower()} filter “{urlstate.shown(', '.join(bad))}”: "
                           f"not a value of this facet.")
        if good:
            out[facet] = good
    return out


def _keep(index: Index, rows: Sequence[int], filters: Mapping[str, list[str]], skip: str | None = None) -> list[int]:
    """The rows (positions in the index) that have a chosen value of every filtered facet but `skip`."""
    values = row_values(index)
    tests = [(values[f], frozenset(w)) for f, w in filters.items() if f != skip and w]
    return [r for r in rows if all(not w.isdisjoint(vals[r]) for vals, w in tests)]


def facet_counts(index: Index, rows: Sequence[int], filters: Mapping[str, list[str]]) -> dict:
    """Counts per facet value among the matching rows, each facet counted under the other facets' filters (so
    a chosen value's alternatives keep their counts); chosen values are listed even at zero."""
    values = row_values(index)
    out = {}
    for facet in FACETS:
        counts = Counter(v for r in _keep(index, rows, filters, skip=facet) for v in values[facet][r])
        for v in filters.get(facet, []):
            counts.setdefault(v, 0)
        rows_ = [(v, label(index, facet, v), n) for v, n in counts.items()]
        key = (lambda x: (-int(x[0]),)) if facet == "year" else (lambda x: (-x[2], x[1]))
        out[facet] = sorted(rows_, key=key)
    return out


def _matches(index: Index, q: query_mod.Query) -> tuple[list[Match], str]:
    modes = ["all", "prefix"] + (["any"] if len(q.groups) > 1 else [])
    for mode in modes:
        found = index.match(query_mod.match_expr(q, mode))
        if found:
            return found, mode
    return [], "all"


def _ranked(index: Index, matches: list[Match]) -> list[Match]:
    """bm25 scaled by the dataset's prior (scores are negative: lower is better), ties in index order."""
    datasets = index.docs["dataset"]
    return sorted(matches, key=lambda m: (m.score * PRIOR.get(datasets.iat[m.row], 1.0), m.row))


def _frame(index: Index, matches: list[Match]) -> pd.DataFrame:
    if not matches:
        out = index.docs.iloc[0:0].copy()
        for c in ("score", "hl_title", "snippet", "hl_figure"):
            out[c] = pd.Series(dtype="object")
        return out
    out = index.docs.iloc[[m.row for m in matches]].copy()
    out["score"] = [m.score * PRIOR.get(d, 1.0) for m, d in zip(matches, out["dataset"], strict=True)]
    out["hl_title"] = [m.title for m in matches]
    out["snippet"] = [m.snippet for m in matches]
    out["hl_figure"] = [m.figure for m in matches]
    return out


def _no_hits(index: Index, q: query_mod.Query, result: Result) -> None:
    absent = [g.label for g in q.groups if index.count(query_mod.group_expr(g, prefix=True)) == 0]
    if absent:
        result.reason = ("No row of afdash's data mentions " + ", ".join(f"“{a}”" for a in absent) +
                         " (the index covers what the report says, paraphrased, not its full text).")
    else:
        result.reason = "No row has these words together."
    present = [g.label for g in q.groups if g.label not in absent]
    if present:
        result.suggestions.append(" ".join(present))
    result.suggestions += ["ISIS-Khorasan", "frozen assets", "refugees", "SCO"]


def search(index: Index, raw: object, params: Mapping[str, object] | None = None, limit: int = 20) -> Result:
    """Run a query with the facet filters in `params` (URL values); never raises on bad input."""
    q = query_mod.parse(raw, index.aliases)
    notices = list(q.notices)
    filters = parse_filters(params or {}, index, notices)
    if q.empty:
        res = Result(q, _frame(index, []), 0, facet_counts(index, [], filters), filters, notices=notices)
        res.reason = ("Type a word, a phrase in quotes, a name (any spelling: ISKP, Wilayat Khorasan) or a "
                      "number as printed (9.5, 4,000).")
        res.suggestions = ["ISIS-Khorasan", "frozen assets", "Tunxi", "refugees Iran", "4,000"]
        return res
    matches, mode = _matches(index, q)
    if mode in MODES:
        notices.append(MODES[mode].format(q=" ".join(g.label for g in q.groups)))
    matches = _ranked(index, matches)
    rows = [m.row for m in matches]
    kept = set(_keep(index, rows, filters))
    shown = [m for m in matches if m.row in kept]
    res = Result(q, _frame(index, shown[:limit]), len(rows), facet_counts(index, rows, filters), filters, mode,
                 len(shown), notices)
    if not rows:
        _no_hits(index, q, res)
    elif not shown:
        chosen = "; ".join(f"{FACET_TITLES[f].lower()}: {', '.join(label(index, f, v) for v in vs)}"
                           for f, vs in filters.items())
        res.reason = (f"{len(rows)} row(s) match, but none with the filters ({chosen}). Remove a filter to "
                      "see them.")
    return res
