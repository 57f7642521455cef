"""The search documents: one row per report-derived row of every dataset, in one shape (title, claim,
figure, tags, facets), so that one full-text index can find any fact. Built by the data build from the
validated tables (Dataset.needs) and written as data/clean/search_documents.parquet; pure pandas.

The build also writes the FTS5 index of this table (afdash.search.index_file, data/index/), which the app
opens read-only; afdash.search.index builds it in memory when that file is unusable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from afdash.schema.fields import LIST_SEP
from afdash.search import figures

AREA_OF_SECTION = {
    "security_situation": "security",
    "regional_role": "regional",
    "russia_interests": "cooperation",
    "china_interests": "cooperation",
    "cooperation": "cooperation",
    "external_factors": "external",
    "summary": "overview",
    "introduction": "overview",
    "conclusion": "overview",
}
AREAS = {
    "security": "Security",
    "regional": "Regional actors",
    "cooperation": "Russia–China cooperation",
    "external": "External powers",
    "overview": "Summary and conclusions",
}
COLUMNS = ["doc_id", "dataset", "row_key", "area", "title", "text", "figure", "printed", "tags", "numbers",
           "category", "actor_ids", "countries", "year", "date", "section", "footnote"]
# The tables the index reads; regional_points (map coordinates) and the two geo layers hold no claims.
SOURCES = ("key_figures", "events", "actors", "civilian_casualties", "report_sources", "armed_groups", "places",
           "regional_statements", "regional_projects", "regional_memberships", "regional_border_events",
           "channels", "channel_members", "expert_views", "recommendations", "us_instruments", "afghan_assets",
           "external_players", "influence_shift", "power_geography", "countries")


def text(v: object) -> str:
    """A cell as text; missing values (None, NaN, NA, NaT) become ''."""
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v).strip()


def items(v: object) -> list[str]:
    return [x for x in text(v).split(LIST_SEP) if x]


def join(*parts: object, sep: str = " ") -> str:
    return sep.join(t for t in (text(p) for p in parts) if t)


def year_of(v: object) -> int | None:
    t = text(v)
    m = re.match(r"(\d{4})", t)
    return int(m.group(1)) if m else None


def doc_id(dataset: str, key: str) -> str:
    """Short, stable and URL-safe: the briefing keeps it in its deck URL."""
    return hashlib.sha1(f"{dataset}:{key}".encode()).hexdigest()[:10]


@dataclass
class Context:
    """Lookups shared by the row makers: names of actors and countries, events by id."""

    actors: pd.DataFrame
    country_names: dict[str, str]
    events: pd.DataFrame

    def actor_name(self, actor_id: str) -> str:
        return text(self.actors["name"].get(actor_id, actor_id))

    def country(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    def actor_tags(self, ids: Iterable[str]) -> list[str]:
        out = []
        for a in ids:
            if a in self.actors.index:
                out += [self.actor_name(a), *items(self.actors.at[a, "aliases"])]
        return out

    def actor_iso3(self, ids: Iterable[str]) -> list[str]:
        return [text(self.actors.at[a, "iso3"]) for a in ids if a in self.actors.index
                and text(self.actors.at[a, "iso3"])]

    def event(self, event_id: str) -> dict:
        return self.events.loc[event_id].to_dict() if event_id in self.events.index else {}


Row = dict
Maker = Callable[[Row, Context], dict]


def _key_figure(r: Row, c: Context) -> dict:
    return dict(key=r["figure_id"], title=r["label"], text=r["notes"], figure=figures.figure(r),
                printed=r["as_printed"], tags=[r["topic"], r["as_of"]], category=r["topic"],
                actors=items(r["actor_id"]), countries=items(r["place_iso3"]),
                year=year_of(r["period_end"]) or year_of(r["period_start"]), date=r["period_start"])


def _event(r: Row, c: Context) -> dict:
    return dict(key=r["event_id"], title=r["title"], text=r["description"], tags=[r["category"], r["place"]],
                category=r["category"], actors=items(r["actor_ids"]), countries=items(r["country_iso3"]),
                year=year_of(r["date_start"]), date=r["date_start"], date_end=r["date_end"])


def _actor(r: Row, c: Context) -> dict:
    return dict(key=r["actor_id"], title=r["name"], text=r["notes"], tags=[*items(r["aliases"]), r["kind"]],
                category=r["kind"], actors=[r["actor_id"]], countries=items(r["iso3"]))


def _casualty(r: Row, c: Context) -> dict:
    return dict(key=r["record_id"], title=f"Civilian {r['measure']} in Afghanistan, {r['period_label']}",
                text=r["notes"], figure=f"{int(r['value']):,} persons", printed=r["as_printed"],
                tags=[r["table"], "casualties losses UNAMA"], category=r["measure"], countries=["AFG"],
                year=year_of(r["period_start"]), date=r["period_start"])


def _source(r: Row, c: Context) -> dict:
    return dict(key=str(int(r["footnote"])), title=join(f"Footnote {int(r['footnote'])}:", r["title"]),
                text=join(r["authors"], r["publisher"], r["date"], r["note"], sep=". "),
                tags=[r["kind"]], category=r["kind"], year=year_of(r["date"]), footnote=int(r["footnote"]))


def _armed_group(r: Row, c: Context) -> dict:
    size = figures.figure({"value": r["size_value"], "low": r["size_low"], "high": r["size_high"],
                           "unit": r["size_unit"], "qualifier": r["size_qualifier"]})
    return dict(key=r["actor_id"], title=r["name_in_report"],
                text=join(r["operates_note"], r["threat_note"], r["ties_note"]), figure=size,
                printed=r["size_as_printed"], tags=[r["size_as_of"], r["threatens"].replace("|", " ")
                                                    if text(r["threatens"]) else "", r["taliban_ties"]],
                category=r["taliban_ties"], actors=[r["actor_id"]], countries=items(r["operates_in_iso3"]))


def _place(r: Row, c: Context) -> dict:
    return dict(key=r["place_id"], title=r["name"], text=r["notes"], tags=[r["as_printed"], *items(r["aliases"])],
                category=r["kind"], countries=items(r["iso3"]))


def _statement(r: Row, c: Context) -> dict:
    state = c.country(r["state_iso3"])
    return dict(key=r["statement_id"], title=join(f"{state}:", r["label"] or r["aspect"].replace("_", " ")),
                text=r["statement"], tags=[r["aspect"], r["issue"], r["stance"], r["level"]],
                category=r["aspect"], countries=[r["state_iso3"]])


def _project(r: Row, c: Context) -> dict:
    return dict(key=r["project_id"], title=r["name"], text=join(r["description"], r["status"], sep=". "),
                tags=[r["short_name"], r["kind"]], category=r["kind"], countries=items(r["states"]))


def _membership(r: Row, c: Context) -> dict:
    org = c.actor_name(r["org_id"])
    return dict(key=f"{r['state_iso3']}|{r['org_id']}", title=f"{c.country(r['state_iso3'])} in {org}: {r['status']}",
                text=join(r["note"], r["source_title"], sep=". "), tags=[r["status"]], category=r["org_id"],
                actors=[r["org_id"]], countries=[r["state_iso3"]], year=year_of(r["as_of"]),
                section=r["report_section"], footnote=r["report_footnote"])


def _border_event(r: Row, c: Context) -> dict:
    ev = c.event(r["event_id"])
    return dict(key=f"{r['event_id']}|{r['border_iso3']}",
                title=join(f"Border with {c.country(r['border_iso3'])}:", ev.get("title") or r["relation"]),
                text=join(r["note"], ev.get("description")), tags=[r["relation"].replace("_", " ")],
                category=r["relation"], actors=items(ev.get("actor_ids")), countries=[r["border_iso3"], "AFG"],
                year=year_of(ev.get("date_start")), date=ev.get("date_start"))


def _channel(r: Row, c: Context) -> dict:
    return dict(key=r["channel_id"], title=join(r["label"], f"({c.actor_name(r['channel_id'])})"),
                text=join(r["functions"], r["report_view"]), tags=[r["kind"], r["form"], r["status"],
                                                                   *items(r["threats"])],
                category=r["kind"], actors=[r["channel_id"]])


def _channel_member(r: Row, c: Context) -> dict:
    return dict(key=f"{r['channel_id']}|{r['iso3']}",
                title=f"{c.country(r['iso3'])} in {c.actor_name(r['channel_id'])}: {r['role']}",
                text=r["note"], tags=[r["role"], r["basis"]], category=r["role"], actors=[r["channel_id"]],
                countries=[r["iso3"]], year=year_of(r["as_of"]))


SIDES = {"russian": "Russian view", "chinese": "Chinese view", "shared": "Shared view"}


def _expert_view(r: Row, c: Context) -> dict:
    return dict(key=r["view_id"], title=f"{SIDES.get(r['side'], r['side'])} on {r['topic'].replace('_', ' ')}",
                text=join(r["position"], r["note"]), tags=[r["topic"], r["agreement"], r["attribution"]],
                category=r["topic"], actors={"russian": ["rus"], "chinese": ["chn"]}.get(r["side"], ["rus", "chn"]))


def _recommendation(r: Row, c: Context) -> dict:
    return dict(key=r["rec_id"], title=r["recommendation"], text=r["note"],
                tags=[*items(r["channels"]), *items(r["threats"]), r["addressed_to"], r["voice"]],
                category=r["voice"], actors=[*items(r["actors"]), *(x for x in items(r["channels"])
                                                                    if x in c.actors.index)])


def _us_instrument(r: Row, c: Context) -> dict:
    ev = c.event(r["event_id"])
    return dict(key=r["instrument_id"], title=join(ev.get("title") or r["instrument_id"].replace("_", " ")),
                text=join(r["role"], ev.get("description")), tags=[r["instrument"].replace("_", " ")],
                category=r["instrument"], actors=["usa", *items(ev.get("actor_ids"))],
                countries=items(ev.get("country_iso3")), year=year_of(ev.get("date_start")), date=ev.get("date_start"))


def _asset(r: Row, c: Context) -> dict:
    return dict(key=r["stage_id"], title=r["label"], text=join(r["bar"], r["formula"], sep=". "),
                figure=figures.usd(r["value_usd"]), tags=[r["provenance"], "frozen assets reserves"],
                category=r["provenance"], actors=["usa", "afg_central_bank"], countries=["AFG", "USA"],
                year=year_of(r["date"]), date=r["date"])


ASPECTS = {"interests": "interests", "instruments": "instruments", "ties_to_afghan_groups": "ties to Afghan groups",
           "fit_with_russia_china": "fit with Russia and China"}


def _player(r: Row, c: Context) -> dict:
    return dict(key=r["row_id"], title=f"{c.actor_name(r['actor_id'])}: {ASPECTS.get(r['aspect'], r['aspect'])}",
                text=r["text"], tags=[r["aspect"], r["fit_class"]], category=r["aspect"],
                actors=[r["actor_id"], *items(r["linked_actor_ids"])])


def _influence(r: Row, c: Context) -> dict:
    return dict(key=f"{r['actor_id']}|{r['section']}",
                title=f"{c.actor_name(r['actor_id'])}: influence {r['direction']}",
                text=r["basis"], tags=[r["direction"], r["emphasis"]], category=r["direction"],
                actors=[r["actor_id"]])


def _power_place(r: Row, c: Context) -> dict:
    where = text(r["place"]) or c.country(text(r["iso3"]))
    return dict(key=r["row_id"], title=join(f"{c.actor_name(r['power_id'])} ({r['role']}):", where),
                text=join(r["description"], r["public_record_note"]), tags=[r["role"], r["basis"]],
                category=r["role"], actors=[r["power_id"]], countries=items(r["iso3"]))


MAKERS: dict[str, Maker] = {
    "key_figures": _key_figure, "events": _event, "actors": _actor, "civilian_casualties": _casualty,
    "report_sources": _source, "armed_groups": _armed_group, "places": _place,
    "regional_statements": _statement, "regional_projects": _project, "regional_memberships": _membership,
    "regional_border_events": _border_event, "channels": _channel, "channel_members": _channel_member,
    "expert_views": _expert_view, "recommendations": _recommendation, "us_instruments": _us_instrument,
    "afghan_assets": _asset, "external_players": _player, "influence_shift": _influence,
    "power_geography": _power_place,
}
# The area whose page shows the dataset; the foundation's datasets take the area of the row's chapter.
DATASET_AREA = {
    "civilian_casualties": "security", "armed_groups": "security", "places": "security",
    "regional_statements": "regional", "regional_projects": "regional", "regional_memberships": "regional",
    "regional_border_events": "regional", "channels": "cooperation", "channel_members": "cooperation",
    "expert_views": "cooperation", "recommendations": "cooperation", "us_instruments": "external",
    "afghan_assets": "external", "external_players": "external", "influence_shift": "external",
    "power_geography": "external",
}


def _date(v: object) -> str:
    t = text(v)
    return t[:10] if re.match(r"\d{4}-\d{2}-\d{2}", t) else ""


def document(dataset: str, row: Row, made: dict, c: Context) -> dict:
    """One search document from a maker's fields, with tags, numbers and facets filled in."""
    actors = list(dict.fromkeys(a for a in made.get("actors", []) if a))
    countries = list(dict.fromkeys([*made.get("countries", []), *c.actor_iso3(actors)]))
    section = text(made.get("section", row.get("section")))
    footnote = made.get("footnote", row.get("footnote"))
    title, body, figure, printed = (text(made.get(k)) for k in ("title", "text", "figure", "printed"))
    tags = [*made.get("tags", []), *c.actor_tags(actors), *(c.country(x) for x in countries)]
    tags_text = " ".join(dict.fromkeys(t for t in (text(x).replace("_", " ") for x in tags) if t))
    key = text(made["key"])
    date = _date(made.get("date"))
    date_end = _date(made.get("date_end"))
    return {
        "doc_id": doc_id(dataset, key),
        "dataset": dataset,
        "row_key": key,
        "area": DATASET_AREA.get(dataset) or AREA_OF_SECTION.get(section, "overview"),
        "title": title,
        "text": body,
        "figure": figure,
        "printed": printed,
        "tags": tags_text,
        "numbers": figures.number_forms(" ".join((title, body, figure, printed))),
        "category": text(made.get("category")),
        "actor_ids": LIST_SEP.join(actors),
        "countries": LIST_SEP.join(x for x in countries if x),
        "year": made.get("year"),
        "date": f"{date}..{date_end}" if date and date_end else date,
        "section": section or None,
        "footnote": None if not text(footnote) else int(float(text(footnote))),
    }


def build_documents(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Every report-derived row as a search document, in catalogue order then row order (deterministic)."""
    names = dict(zip(tables["countries"]["iso3"], tables["countries"]["name"], strict=True))
    actors = tables["actors"].set_index("actor_id", drop=False)
    for a in actors.itertuples():
        if text(a.iso3):
            names.setdefault(a.iso3, a.name)
    ctx = Context(actors, names, tables["events"].set_index("event_id", drop=False))
    rows = []
    for dataset, make in MAKERS.items():
        for row in tables[dataset].to_dict("records"):
            rows.append(document(dataset, row, make(row, ctx), ctx))
    out = pd.DataFrame(rows, columns=COLUMNS)
    text_cols = [c for c in COLUMNS if c not in ("year", "footnote")]
    out[text_cols] = out[text_cols].replace("", None)
    out["year"] = out["year"].astype("Int64")
    out["footnote"] = out["footnote"].astype("Int64")
    return out


def build_table(base, tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The build step (Dataset.builder with needs=SOURCES); `base` is unused: everything comes from tables."""
    return build_documents(tables)
