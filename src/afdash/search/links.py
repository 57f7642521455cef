"""Where a search hit can be seen in context: the page, view and filters that make its row visible, as a
relative URL ("/security-trends?view=events&category=attack&period=…"). Pure: the page paths, views and
parameters are afdash.web.site.PAGES's (tests/search checks every link against it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

from afdash.schema.fields import LIST_SEP


@dataclass(frozen=True)
class Link:
    path: str  # "/security-trends"
    params: tuple[tuple[str, str], ...]
    label: str  # "Security trends › Events"

    @property
    def url(self) -> str:
        query = urlencode(self.params, safe=",.:")
        return self.path + ("?" + query if query else "")


def _first(value: object) -> str:
    return str(value).split(LIST_SEP)[0] if isinstance(value, str) and value else ""


def _cell(doc: Mapping, name: str) -> str:
    v = doc.get(name)
    return v if isinstance(v, str) else ""


def _data(dataset: str) -> Link:
    return Link("/data", (("dataset", dataset), ("preview", "1")), "Data & sources › table")


def _events(doc: Mapping) -> Link:
    params = [("view", "events")]
    category, date = _cell(doc, "category"), _cell(doc, "date")
    if category:
        params.append(("category", category))
    if date:
        start, _, end = date.partition("..")
        params.append(("period", f"{start}..{end or start}"))
    return Link("/security-trends", tuple(params), "Security trends › Events")


def _regional_state(iso3: str) -> Link:
    # the regional datasets hold the ten states the page profiles (tests/search opens every link's values)
    if iso3:
        return Link("/regional-actors", (("view", "profile"), ("state", iso3)), "Regional actors › State profile")
    return Link("/regional-actors", (), "Regional actors › Map")


# key figures whose topic a view charts; the others open the key_figures table
KEY_FIGURE_TOPICS = {
    "assets": Link("/external-powers", (("view", "reserves"),), "External powers › Frozen reserves"),
    "aid": Link("/external-powers", (("instrument", "aid"),), "External powers › U.S. instruments"),
    "armed_groups": Link("/security-trends", (("view", "groups"),), "Security trends › Armed groups"),
    "terrorism": Link("/security-trends", (("view", "groups"),), "Security trends › Armed groups"),
}


def deep_link(doc: Mapping) -> Link:
    """The view that shows this search document's row, with the filters that select it."""
    ds = _cell(doc, "dataset")
    key, category = _cell(doc, "row_key"), _cell(doc, "category")
    actor, country = _first(doc.get("actor_ids")), _first(doc.get("countries"))
    if ds == "events":
        return _events(doc)
    if ds == "key_figures" and category in KEY_FIGURE_TOPICS:
        return KEY_FIGURE_TOPICS[category]
    if ds == "civilian_casualties":
        return Link("/security-trends", (("measure", category),) if category != "total" else (),
                    "Security trends › Civilian casualties")
    if ds == "armed_groups":
        return Link("/security-trends", (("view", "groups"),), "Security trends › Armed groups")
    if ds in ("regional_statements", "regional_memberships"):
        return _regional_state(country)
    if ds == "regional_border_events":
        return _regional_state(key.partition("|")[2])
    if ds == "regional_projects":
        return Link("/regional-actors", (), "Regional actors › Map")
    if ds in ("channels", "channel_members"):
        return Link("/russia-china", (("view", "members"), ("channel", key.partition("|")[0])),
                    "Russia–China cooperation › Channel members")
    if ds == "expert_views":
        return Link("/russia-china", (("view", "views"), ("topic", category)),
                    "Russia–China cooperation › Expert views")
    if ds == "recommendations":
        return Link("/russia-china", (("view", "recommendations"),), "Russia–China cooperation › Recommendations")
    if ds == "us_instruments":
        return Link("/external-powers", (("instrument", category),) if category else (),
                    "External powers › U.S. instruments")
    if ds == "afghan_assets":
        return Link("/external-powers", (("view", "reserves"),), "External powers › Frozen reserves")
    if ds == "external_players" and actor == "usa":
        return Link("/external-powers", (), "External powers › The United States")
    if ds == "external_players" and actor:  # the page's players are this dataset's other actors
        return Link("/external-powers", (("view", "players"), ("player", actor)), "External powers › Players")
    if ds == "influence_shift":
        return Link("/external-powers", (("view", "influence"),), "External powers › Influence")
    if ds == "power_geography" and actor:  # likewise its powers
        params = (("view", "map"),) + ((("power", actor),) if actor != "usa" else ())
        return Link("/external-powers", params, "External powers › Map")
    return _data(ds or "search_documents")
