"""External-power views: U.S. leverage through frozen assets, and the aid figures of early 2022."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts
from afdash.briefing.areas import external_views
from afdash.briefing.helpers import figure
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide

BILLION, MILLION = 1e9, 1e6


def _assets(tables: Mapping, params: dict) -> Slide:
    kf = tables["key_figures"]
    frozen, released = figure(kf, "us_frozen_afghan_assets"), figure(kf, "us_unfrozen_afghan_assets")
    humanitarian = figure(kf, "us_unfrozen_assets_humanitarian_share")
    victims = figure(kf, "us_unfrozen_assets_9_11_share")
    frozen_label, released_label = "Frozen (Aug 2021)", "Released (Feb 2022)"
    parts = pd.DataFrame([
        {"label": frozen_label, "part": "Frozen central bank assets", "value": frozen["value"] / BILLION,
         "order": 0, "tip": frozen["text"]},
        {"label": released_label, "part": "Half: humanitarian relief in Afghanistan",
         "value": released["value"] * humanitarian["value"] / BILLION, "order": 1,
         "tip": f"{humanitarian['text']} of {released['text']}"},
        {"label": released_label, "part": "Half: compensation for 9/11 victims",
         "value": released["value"] * victims["value"] / BILLION, "order": 2,
         "tip": f"{victims['text']} of {released['text']}"},
    ])
    totals = pd.DataFrame([
        {"label": frozen_label, "value": frozen["value"] / BILLION, "text": frozen["text"]},
        {"label": released_label, "value": released["value"] / BILLION, "text": released["text"]},
    ])
    return Slide(
        view_id="external_assets", area="external",
        title="Washington's lever: Afghanistan's frozen reserves",
        headline=frozen["text"], headline_label="of Afghan central bank assets frozen by the U.S. (18 August 2021)",
        chart=charts.stacked_bars(parts, totals, "USD billion"),
        points=(
            "With foreign aid cut and the assets blocked, sanctions paralysed Afghan banking and foreign trade.",
            f"An executive order of 11 February 2022 released {released['text']}: half for humanitarian relief, "
            "half to compensate victims of the 9/11 attacks.",
            "Moscow criticises this use of the assets and the conditions on aid; regional power and road projects "
            "depend on sanctions being lifted.",
        ),
        citations=(frozen["citation"], Citation("security_situation"), Citation("russia_interests", 52)),
        datasets=("key_figures",),
        caveat="The halves are the report's words; afdash draws them as equal parts of the released sum.",
        notes=(
            "The report presents sanctions and the release of funds as Washington's main economic pressure on the "
            "Taliban now that military instruments no longer dominate its policy, though the U.S. kept the option "
            "of strikes, as in Nangarhar and Kabul at the end of August 2021."
        ),
        data=kf[kf["figure_id"].isin([frozen["id"], released["id"], humanitarian["id"], victims["id"]])],
        data_name="key_figures",
    )


AID = (  # figure id, bar label, donor
    ("un_hrp_education_health_aid", "UN plan: education, health", "un"),
    ("un_refugee_aid_request", "UN appeal: refugees", "un"),
    ("usaid_emergency_aid_pledge", "USAID emergency pledge", "usa"),
    ("us_total_aid_oct2021_jan2022", "All U.S. aid, Oct 2021–Jan 2022", "usa"),
)
DONORS = {"un": "United Nations", "usa": "United States"}


def _aid(tables: Mapping, params: dict) -> Slide:
    kf = tables["key_figures"]
    donors = tuple(params["donor"])
    figs = {fid: figure(kf, fid) for fid, _, _ in AID}
    rows = pd.DataFrame([
        {"label": label, "value": figs[fid]["value"] / MILLION, "text": figs[fid]["text"], "group": DONORS[d],
         "figure_id": fid}
        for fid, label, d in AID if d in donors
    ], columns=["label", "value", "text", "group", "figure_id"])
    un, usaid, us_total = (figs[f] for f in ("un_hrp_education_health_aid", "usaid_emergency_aid_pledge",
                                              "us_total_aid_oct2021_jan2022"))
    if rows.empty:
        chart = charts.bars_with_labels(pd.DataFrame([{"label": "No donor selected", "value": 0.0, "text": "",
                                                       "group": "none"}]), None, "USD million", horizontal=True)
    else:
        chart = charts.bars_with_labels(rows, None, "USD million", horizontal=True)
    return Slide(
        view_id="external_aid", area="external",
        title="Aid in early 2022: the UN plan and U.S. money",
        headline=un["text"], headline_label="UN education and health aid, Humanitarian Response Plan (11 Jan 2022)",
        chart=chart,
        points=(
            f"On 11 January 2022 the UN set {un['text']} for schooling and health care and appealed for "
            f"{figs['un_refugee_aid_request']['text']} for refugees.",
            f"The same day USAID pledged {usaid['text']} in emergency humanitarian aid.",
            f"From October 2021 to January 2022 U.S. aid to Afghanistan added up to {us_total['text']}.",
        ),
        citations=(un["citation"], us_total["citation"]),
        datasets=("key_figures",),
        caveat=("The UN and USAID figures date from 11 January 2022. Decided, requested, pledged and delivered sums "
                "differ in kind: the bars set the report's figures side by side, not as comparable flows."
                if donors else "No figures match: donor=none. Choose a donor in the deck builder."),
        notes=(
            "The report reads U.S. aid as part of a wider strategy: Washington keeps a say on Afghanistan through "
            "its UN Security Council veto and UN agencies, and uses Afghanistan as a lever in its relations with "
            "Russia, China, Iran, India, Pakistan and Central Asia."
        ),
        data=kf[kf["figure_id"].isin(rows["figure_id"])], data_name="key_figures",
    )


VIEWS: list[Recipe] = [
    Recipe("external_assets", "external", "U.S. frozen and released assets", _assets,
         description="USD 9.5 billion frozen in Aug 2021; USD 7 billion released in Feb 2022, in two halves."),
    Recipe("external_aid", "external", "Aid figures, early 2022", _aid,
         params=(Param("donor", "Donors", tuple(DONORS), tuple(DONORS), multi=True, labels=DONORS),),
         description="UN USD 4.4 billion, refugee appeal USD 600 million, USAID USD 308 million, "
                     "U.S. USD 782 million."),
]
VIEWS += external_views.VIEWS
