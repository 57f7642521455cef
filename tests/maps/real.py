"""The maps as the pages build them, from the committed data (data/clean): for the pipeline-tier tests."""

from __future__ import annotations

import functools
from datetime import date

from afdash.store import loaders


@functools.cache
def table(name: str):
    return loaders.load_table(name)


@functools.cache
def geo(name: str) -> dict:
    return loaders.load_geo(name)


def geo_table(name: str):
    return loaders.geo_properties(geo(name))


def security_deck(selected: str | None = None, province: str = "all"):
    from afdash.security import event_map, incidents

    prepared = incidents.prepare(table("events"), table("actors"), geo_table("provinces"), table("places"))
    shapes = (*event_map.province_shapes(geo("provinces")), event_map.context_outlines(geo("countries")))
    f = incidents.EventFilter(date(2021, 1, 1), date(2022, 12, 31), province=province)
    return event_map.filtered_deck(shapes, prepared, event_map.place_labels(table("places")), f, selected)


def regional_deck(colour: str = "stance"):
    from afdash.regional import frames, states
    from afdash.regional import model as regional

    tables = {n: table(n) for n in ("regional_statements", "events", "actors", "regional_memberships",
                                    "regional_projects", "regional_points", "regional_border_events")}
    tables["countries"] = geo_table("countries")
    base = frames.derived(tables)
    deck, _ = regional.map_and_legend(base, colour, states.STATES, regional.map_countries(geo("countries")),
                                      geo_table("provinces"))
    return deck


def external_deck(power: str = "usa"):
    from afdash.external import players
    from afdash.external import powers as ep

    names = players.actor_names(table("actors"))
    rows = ep.power_rows(table("power_geography"), power)
    data = ep.map_layers_data(rows, geo("countries"), geo_table("provinces"),
                              ep.representative_points(geo("countries")), names)
    return ep.map_deck(data, geo("countries")), data, rows


def channel_deck(channel: str):
    from afdash.cooperation import channels as C

    return C.channel_deck(geo("countries"), table("channel_members"), channel)
