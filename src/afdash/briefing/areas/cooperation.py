"""Russia–China cooperation views: what the two powers do on Afghanistan, and the humanitarian ground truth
the report asks them to address with non-military means."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts
from afdash.briefing.areas import cooperation_views
from afdash.briefing.areas.security import CATEGORY_LABELS
from afdash.briefing.helpers import PERIOD_LABELS, PERIODS, figure, in_period
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide

WHO = ("Russia", "China", "Russia and China")


def russia_china_events(events: pd.DataFrame, actors: pd.DataFrame, period: str) -> pd.DataFrame:
    """Events involving Russia or China (or one of their agencies, via actors.parent_id), labelled by who."""
    parent = dict(zip(actors["actor_id"], actors["parent_id"], strict=True))
    rows = []
    for r in in_period(events, period).itertuples():
        ids = set(str(r.actor_ids).split("|"))
        ids |= {parent[i] for i in ids if isinstance(parent.get(i), str)}
        rus, chn = "rus" in ids, "chn" in ids
        if rus or chn:
            rows.append({"event_id": r.event_id, "date_start": r.date_start, "title": r.title,
                         "lane": CATEGORY_LABELS.get(r.category, r.category),
                         "group": WHO[2] if rus and chn else WHO[0] if rus else WHO[1],
                         "section": r.section, "footnote": r.footnote})
    return pd.DataFrame(rows, columns=["event_id", "date_start", "title", "lane", "group", "section", "footnote"])


def _russia_china(tables: Mapping, params: dict) -> Slide:
    rows = russia_china_events(tables["events"], tables["actors"], params["period"])
    lanes = rows["lane"].value_counts().index.tolist()
    groups = [w for w in WHO if w in set(rows["group"])]
    return Slide(
        view_id="cooperation_russia_china", area="cooperation",
        title="Russia and China: one threat picture, separate moves",
        headline=f"{len(rows)}",
        headline_label=f"events involving Russia or China in the report ({PERIOD_LABELS[params['period']].lower()})",
        chart=charts.timeline(rows, lanes, groups),
        points=(
            "Counter-terrorism is the two powers' main common interest; neither will send troops, so they can "
            "only respond to threats that cross borders.",
            "Moscow names ISIS-K, al-Qaeda, Jamaat Ansarullah, the IPT/IMU and ETIM as the main threats; for "
            "Beijing, ETIM and Xinjiang come first.",
            "The authors propose coordinating through the SCO and CSTO, joint exercises and a common register of "
            "extremist groups in Central Asia and Afghanistan.",
        ),
        citations=(Citation("cooperation", 69), Citation("china_interests")),
        datasets=("events", "actors"),
        caveat="Dots are events the report mentions, by kind; colour shows whether Russia, China or both took part.",
        notes=(
            "The report sees Afghanistan as the strategic rear of both countries and expects them to carry the main "
            "responsibility for regional security after the withdrawal. It also warns that their positions could "
            "diverge if Taliban rule turns more religiously radical, and that the SCO's members differ on the "
            "Taliban."
        ),
        data=rows, data_name="events",
    )


def _humanitarian(tables: Mapping, params: dict) -> Slide:
    kf = tables["key_figures"]
    quake = {k: figure(kf, f"earthquake_june_2022_{k}") for k in ("magnitude", "deaths", "injured", "homes_destroyed")}
    famine, hunger = figure(kf, "aid_recipients_winter_2021_22"), figure(kf, "undernourished_share")
    gdp = figure(kf, "afghanistan_gdp_estimate")
    rows = pd.DataFrame([
        {"label": "Killed", "value": quake["deaths"]["value"], "text": quake["deaths"]["text"], "group": "People"},
        {"label": "Injured", "value": quake["injured"]["value"], "text": quake["injured"]["text"], "group": "People"},
        {"label": "Homes destroyed", "value": quake["homes_destroyed"]["value"],
         "text": quake["homes_destroyed"]["text"], "group": "Homes"},
    ])
    return Slide(
        view_id="cooperation_humanitarian", area="cooperation",
        title="A humanitarian emergency the report wants met with aid, not arms",
        headline=quake["deaths"]["text"],
        headline_label=f"killed by the magnitude {quake['magnitude']['text']} earthquake of June 2022",
        chart=charts.bars_with_labels(rows, None, "Count", colour_field="group"),
        points=(
            f"In winter 2021–22 aid from the UN and mostly neighbouring states reached {famine['text']} Afghans "
            "and kept famine away.",
            f"Save the Children estimates that {hunger['text']} of Afghans are undernourished; starvation remains "
            "a risk.",
            f"With GDP estimated {gdp['text']}, the authors urge economic help for Afghanistan, above all from "
            "the United States.",
        ),
        citations=(quake["deaths"]["citation"], hunger["citation"], gdp["citation"]),
        datasets=("key_figures",),
        caveat="People and homes are different units; the report gives no province for the earthquake.",
        notes=(
            "The report argues that poverty makes Afghanistan fertile ground for jihadist ideas, so support should be "
            "non-military: regional trade, a better investment climate, joint Russian–Chinese humanitarian aid, and "
            "coordinated Central Asian assistance through the EAEU, the Belt and Road, the SCO, the CSTO and 5+1."
        ),
        data=kf[kf["figure_id"].isin([q["id"] for q in quake.values()] + [famine["id"], hunger["id"], gdp["id"]])],
        data_name="key_figures",
    )


VIEWS: list[Recipe] = [
    Recipe("cooperation_russia_china", "cooperation", "Timeline: Russia and China on Afghanistan", _russia_china,
         params=(Param("period", "Period", PERIODS, "since_2021", labels=PERIOD_LABELS),),
         description="Events involving Russia, China or both, and the cooperation the report proposes."),
    Recipe("cooperation_humanitarian", "cooperation", "Earthquake, hunger and aid", _humanitarian,
         description="The June 2022 earthquake, undernourishment and the winter famine averted by aid."),
]
VIEWS += cooperation_views.VIEWS
