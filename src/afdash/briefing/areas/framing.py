"""Opening and closing slides of a briefing."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.briefing import charts, map_charts
from afdash.briefing.helpers import figure
from afdash.briefing.registry import Param, Recipe
from afdash.briefing.slides import Citation, Slide
from afdash.core.palette import OKABE_ITO
from afdash.core.report import REPORT_CITATION

NEIGHBOUR = "Neighbours of Afghanistan"


def _title(tables: Mapping, params: dict) -> Slide:
    countries, provinces = tables["countries"], tables["provinces"]
    neighbours = [f["properties"]["iso3"] for f in countries["features"] if f["properties"]["borders_afg"]]
    names = {f["properties"]["iso3"]: f["properties"]["name"] for f in countries["features"]}
    fills = {"AFG": "Afghanistan"} | dict.fromkeys(neighbours, NEIGHBOUR)
    return Slide(
        view_id="framing_title", area="framing", kind="title",
        title="Afghanistan after the U.S. withdrawal",
        subtitle="A security briefing drawn from the joint Russian–Chinese expert report of 2022 (RIAC and "
                 "Peking University IISS, Report 80/2022)",
        chart=map_charts.labelled_region_map(countries, {i: names[i] for i in [*neighbours, "AFG"]}, fills,
                                         {"Afghanistan": OKABE_ITO[4], NEIGHBOUR: "#c9c9bd"}, provinces=provinces),
        points=(
            "Security inside Afghanistan: violence against civilians, armed groups, and where incidents happen.",
            "The region: neighbours' borders, refugees and the formats they meet in, with Russia and China.",
            "Outside powers: what the United States still controls, through money and aid.",
        ),
        citations=(Citation("summary"), Citation("introduction")),
        datasets=("countries", "provinces"),
        notes=(
            "Everything in this deck comes from the report or from afdash's datasets built on it; each slide names "
            f"its chapter and footnote. Full reference: {REPORT_CITATION}"
        ),
    )


RECAP = (  # key figure, what it measures
    ("isisk_members_early_2022", "ISIS-Khorasan members, start of 2022"),
    ("foreign_terrorists_in_afghanistan", "foreign terrorists in Afghanistan"),
    ("afghan_refugee_influx_iran", "Afghan refugees recently arrived in Iran"),
    ("us_frozen_afghan_assets", "Afghan reserves frozen by the U.S."),
    ("un_hrp_education_health_aid", "UN aid plan for education and health"),
)


def recap_rows(tables: Mapping) -> tuple[pd.DataFrame, list[Citation]]:
    cas = tables["civilian_casualties"]
    partial = cas[(cas["period_kind"] == "partial_period") & (cas["measure"] == "total")].iloc[0]
    rows = [{"figure": f"{int(partial['value']):,}",
             "label": "civilians killed or wounded, Aug 2021 – Jun 2022"}]
    cites = [Citation(partial["section"], int(partial["footnote"]))]
    for fid, label in RECAP:
        fig = figure(tables["key_figures"], fid)
        rows.append({"figure": fig["text"], "label": label})
        cites.append(fig["citation"])
    return pd.DataFrame(rows), cites


def _conclusions(tables: Mapping, params: dict) -> Slide:
    rows, cites = recap_rows(tables)
    return Slide(
        view_id="framing_conclusions", area="framing",
        title="What follows for Moscow and Beijing",
        chart=charts.recap(rows),
        points=(
            "The worst scenarios have been avoided so far, but the authors see little reason for optimism: "
            "terrorist groups keep their footholds.",
            "Their advice: more Russian–Chinese work against terrorism and drug trafficking, mainly through the SCO, "
            "with prevention and wider intelligence sharing.",
            "Aid for Afghanistan's economy and society, and the SCO, CSTO and UN as venues, are the other levers.",
        ),
        citations=(Citation("conclusion"), *cites),
        datasets=("civilian_casualties", "key_figures"),
        notes=(
            "The report's closing argument: Russia and China gain most from a stable Afghanistan in which the "
            "Taliban's moderate wing prevails. It recommends joint preventive counter-terrorism, persuading the "
            "international community to improve living conditions, and solving security problems together with "
            "Afghanistan's neighbours in regional and global formats."
        ),
        data=rows, data_name="key_figures",
    )


VIEWS: list[Recipe] = [
    Recipe("framing_title", "framing", "Title slide", _title,
         description="Title, what the briefing covers, and a map of Afghanistan and its neighbours."),
    Recipe("framing_conclusions", "framing", "Conclusions", _conclusions,
         description="The report's conclusions and the figures to remember."),
]


# --- one fact from the report, as the Search page adds it -----------------------------------------------------
FACT_DEFAULT = "4486add645"  # search_documents.doc_id of key_figures:isisk_members_early_2022 (test-checked)


def fact_ids(tables: Mapping) -> list[str]:
    """Search documents that can be a slide: those that name the report chapter they come from."""
    docs = tables["search_documents"]
    return docs.loc[docs["section"].notna(), "doc_id"].tolist()


def _fact(tables: Mapping, params: dict) -> Slide:
    docs = tables["search_documents"].set_index("doc_id", drop=False)
    doc = docs.loc[params["doc"]] if params["doc"] in docs.index else docs.loc[FACT_DEFAULT]
    footnote = None if pd.isna(doc["footnote"]) else int(doc["footnote"])
    claim = doc["text"] if isinstance(doc["text"], str) else doc["title"]
    return Slide(
        view_id="framing_fact", area="framing", title=str(doc["title"]),
        headline=doc["figure"] if isinstance(doc["figure"], str) else "",
        headline_label=str(doc["title"]) if isinstance(doc["figure"], str) else "",
        points=(str(claim),),
        citations=(Citation(str(doc["section"]), footnote),),
        datasets=(str(doc["dataset"]),),
        notes=f"From afdash's {doc['dataset']} dataset (row {doc['row_key']}), found with the Search page.",
    )


VIEWS.append(Recipe("framing_fact", "framing", "A fact from the report", _fact,
                    params=(Param("doc", "Fact (search document id)", fact_ids, FACT_DEFAULT),),
                    description="One sourced row, as found on the Search page: its claim, figure and citation."))
