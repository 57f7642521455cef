"""Regional actors: how each state of the region relates to the Taliban government — map, states × issues
matrix, side-by-side comparison and sourced profiles, one view at a time. Each view is a module in
pages/regional/; logic lives in afdash.regional."""

from afdash.web.page import PageDef, View, run
from pages.regional import compare, map_view, matrix, refugees

run(PageDef(
    "regional", "Regional actors",
    "How each state of the region relates to the Taliban government, what it fears and wants, and what happened "
    "on each border — as the report tells it. Every statement cites the report's chapter and footnote; where the "
    "report is silent the page says so.",
    # One view at a time: each heavy browser element (map, grid) costs the page's opening time.
    views={"map": View("Map", map_view.render, slide="regional_neighbours"),
           "matrix": View("States × issues", matrix.render, slide="regional_matrix"),
           "compare": View("Side by side", compare.render, slide="regional_compare"),
           "profile": View("Profiles", compare.profile, slide="regional_profile"),
           "refugees": View("Refugees (UNHCR)", refugees.render, slide="regional_record_refugees")},
))
