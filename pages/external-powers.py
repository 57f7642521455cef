"""External powers: the U.S. and the other outside players, their instruments, and the shift in influence after
the withdrawal — every figure and date from the report, with its source. Each view is a module in
pages/external/; logic lives in afdash.external."""

from afdash.core.report import cite
from afdash.web.page import PageDef, View, run
from pages.external import players, power_map, reserves, united_states

# One map or chart per view, so the page opens as fast as one view. The U.S. view comes first: it is the page's
# subject.
run(PageDef(
    "external", "External powers",
    caption=f"The U.S. and the other outside players in and around Afghanistan. Source: {cite('external_factors')} "
    "unless stated otherwise.",
    views={"us": View("The United States", united_states.render, slide="external_us"),
           "reserves": View("Frozen reserves", reserves.render, slide="external_assets"),
           "players": View("Other outside players", players.render, slide="external_players"),
           "influence": View("Shift in influence", players.influence, slide="external_influence"),
           "map": View("On the map", power_map.render, slide="external_map")},
))
