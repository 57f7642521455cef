"""The external-powers page's views as slides: the U.S. instruments timeline, one outside player's profile,
the shift in influence and one power on the map. Registered with the external views; each carries the page's
filters."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from shapely.geometry import shape

from afdash.briefing import boards, charts, map_charts
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.external import players, powers, united_states, vocabulary
from afdash.store import loaders

FLAG = ("0", "1")
FLAG_LABELS = {"0": "No", "1": "Yes"}
CITATIONS = (Citation("external_factors"),)
# The timeline's key labels on a slide: fewer and larger, placed for the slide's plot (charts.WIDTH, the lanes'
# names outside it), each title in full (a cut title would hide its figure); the CSV carries every title.
SLIDE_LABELS = {"width_px": charts.WIDTH, "font_px": 15, "limit": 6, "max_chars": 64}


def _names(tables: Mapping) -> dict[str, str]:
    return players.actor_names(tables["actors"])


def _us_chart(tl: pd.DataFrame):
    """The page's timeline with slide labels, and one legend: the talking points say what a square means, and
    a second legend beside the first runs past a 1280 px screen in presentation type."""
    chart = united_states.timeline_chart(tl, **SLIDE_LABELS)
    chart.layer[1].encoding.shape.legend = None
    return charts.finish(chart)


def _us(tables: Mapping, params: dict) -> Slide:
    kinds = tuple(k for k in vocabulary.INSTRUMENTS if k in params["instrument"])
    context = params["context"] == "1"
    tl = united_states.us_timeline(tables["us_instruments"], tables["events"], tables["key_figures"], kinds, context)
    by_kind = tl["type"].value_counts() if len(tl) else pd.Series(dtype=int)
    words = ", ".join(vocabulary.INSTRUMENTS[k] for k in kinds) or "none"
    return Slide(
        view_id="external_us", area="external",
        title="Washington's levers after the withdrawal",
        headline=f"{len(tl)}", headline_label=f"dated U.S. steps in the report ({words})",
        chart=_us_chart(tl) if len(tl) else None,
        points=(
            (f"The largest group: {by_kind.index[0].lower()} ({int(by_kind.iloc[0])}); the steps run from "
             f"{tl['date'].iloc[0]} to {tl['date'].iloc[-1]}." if len(tl) else
             f"No U.S. instruments match: instrument={words}, context={'included' if context else 'excluded'}."),
            "The troops left; sanctions and frozen reserves, occasional strikes, diplomacy and aid remained.",
            "Squares mark steps the report dates only to the month.",
        ),
        citations=CITATIONS, datasets=("us_instruments", "events", "key_figures"),
        caveat="Dates and amounts from the report's chapter on external factors unless the CSV names another source.",
        data=tl.drop(columns=["date_start", "date_end"]), data_name="us_instruments",
    )


def _players(tables: Mapping, params: dict) -> Slide:
    names = _names(tables)
    player = params["player"]
    label = players.player_label(player, names)
    rows = players.player_rows(tables["external_players"], player)
    profile = players.player_profile(rows)
    board = pd.DataFrame([{"aspect": title, "text": profile[a][0]["text"] if profile[a] else
                           "The report says nothing on this."} for a, title in vocabulary.ASPECTS.items()])
    chart, kept = boards.board(board, (("aspect", "Aspect", 0.28),
                                       ("text", "The report, in brief (first point)", 0.72)))
    fit = vocabulary.FIT_CLASSES[players.fit_of(tables["external_players"], player)]
    influence = players.influence_of(tables["influence_shift"], player)
    return Slide(
        view_id="external_players", area="external",
        title=f"{label} in Afghanistan",
        headline=influence, headline_label=f"{label}'s influence after the withdrawal, as the report judges it",
        chart=chart,
        points=(
            f"Fit with Russian and Chinese interests: {fit}.",
            f"The report makes {len(rows)} points about {label}; the board gives the first on each aspect.",
            "Every point, with chapter and footnote, is in the CSV and on the External powers page.",
        ),
        citations=CITATIONS, datasets=("external_players", "influence_shift", "actors"),
        caveat=f"Aspects shown: {kept} of {len(board)}. Fit and influence are the report's judgements, not measures.",
        data=rows.drop(columns=["source"]), data_name="external_players",
    )


def _influence(tables: Mapping, params: dict) -> Slide:
    names = _names(tables)
    table = players.influence_table(tables["influence_shift"], names)
    rose = list(dict.fromkeys(table.loc[table["direction"] == "rose", "player"]))
    fell = list(dict.fromkeys(table.loc[table["direction"] == "declined", "player"]))
    marked = list(dict.fromkeys(table.loc[table["emphasis"] == "singled_out", "player"]))
    return Slide(
        view_id="external_influence", area="external",
        title="Who gained and who lost influence",
        headline=f"{len(rose)} up, {len(fell)} down", headline_label="players whose regional influence the report "
                                                                     "says rose or declined after the withdrawal",
        chart=boards.larger_text(charts.finish(players.influence_chart(tables["influence_shift"], names))),
        points=(
            f"Declined: {', '.join(fell)}. Rose: {', '.join(rose)}.",
            (f"The report singles out {' and '.join(marked)} as gaining markedly." if marked else
             "The report singles out no player as gaining markedly."),
            "A judgement, not a measurement: the chart has directions only, no scale.",
        ),
        citations=(Citation("external_factors"), Citation("summary")),
        datasets=("influence_shift", "actors"),
        caveat="The report also notes that U.S. influence remains significant and that its decline opens a window "
               "for Russia and China.",
        data=table, data_name="influence_shift",
    )


def _map(tables: Mapping, params: dict) -> Slide:
    names = _names(tables)
    power = params["power"]
    label = players.player_label(power, names)
    rows = powers.power_rows(tables["power_geography"], power)
    countries = tables["countries"]
    data = powers.map_layers_data(rows, countries, loaders.geo_properties(tables["provinces"]),
                                  powers.representative_points(countries), names)
    roles = data["roles"]
    legend = {vocabulary.ROLES[r]: vocabulary.ROLE_COLOURS[r] for r in dict.fromkeys(roles.values())}
    fills = {iso: vocabulary.ROLES[r] for iso, r in roles.items()}
    in_window = {f["properties"]["iso3"] for f in countries["features"]
                 if shape(f["geometry"]).intersects(map_charts.REGION_BOX)}
    texts = {iso: names.get(iso.lower(), iso) for iso in roles if iso in in_window}
    texts.setdefault("AFG", "Afghanistan")
    off, unplaced, marks = data["off_map"], data["unplaced"], data["points"]
    return Slide(
        view_id="external_map", area="external",
        title=f"{label} around Afghanistan",
        headline=f"{len(roles) + len(off)}", headline_label=f"countries the report ties to {label}",
        chart=map_charts.labelled_region_map(countries, texts, {"AFG": "Afghanistan", **fills},
                                             {"Afghanistan": map_charts.AFG_FILL, **legend}),
        points=tuple(p for p in (
            (f"Not on this map: {', '.join(off['country'])}." if len(off) else ""),
            (f"{len(marks)} presence or action marks and {len(unplaced)} steps without a place are on the page "
             "and in the CSV." if len(marks) or len(unplaced) else ""),
            "Coloured: the countries the report (or, where marked, the public record) ties to this power.",
        ) if p),
        citations=CITATIONS, datasets=("power_geography", "countries", "actors"),
        caveat="Boundaries: Natural Earth (public domain), de facto lines; no position on disputes.",
        data=rows, data_name="power_geography",
    )


PLAYER_LABELS = {"pak": "Pakistan", "ind": "India", "irn": "Iran", "sau": "Saudi Arabia", "tur": "Turkey",
                 "qat": "Qatar", "are": "UAE", "isr": "Israel", "quad": "QUAD", "aukus": "AUKUS", "i2u2": "I2U2",
                 "ots": "Organization of Turkic States", "nato": "NATO", "usa": "United States"}
VIEWS: list[Recipe] = [
    Recipe("external_us", "external", "The United States: instruments timeline", _us,
           params=(Param("instrument", "U.S. instruments", tuple(vocabulary.INSTRUMENTS), tuple(vocabulary.INSTRUMENTS),
                         multi=True, labels=vocabulary.INSTRUMENTS),
                   Param("context", "Include 2020–April 2021 context", FLAG, "0", labels=FLAG_LABELS)),
           description="U.S. sanctions, strikes, diplomacy, formats and aid after the withdrawal, on a timeline."),
    Recipe("external_players", "external", "An outside player's profile", _players,
           params=(Param("player", "Outside player", tuple(vocabulary.PLAYERS), "pak", labels=PLAYER_LABELS),),
           description="Interests, instruments, ties and fit with Russia and China, one point each."),
    Recipe("external_influence", "external", "The shift in influence", _influence,
           description="Whose influence the report says rose or declined after the withdrawal (no scale)."),
    Recipe("external_map", "external", "One power on the map", _map,
           params=(Param("power", "Power to show", tuple(vocabulary.POWERS), "usa", labels=PLAYER_LABELS),),
           description="The countries the report ties to one power, coloured by role; what the map cannot draw is "
                       "listed."),
]
