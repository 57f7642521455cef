"""Russia–China cooperation: the channels Moscow and Beijing can use on Afghan security and who belongs to them,
the two sides' positions topic by topic, and the report's recommendations, one view at a time. Each view is a
module in pages/cooperation/; logic lives in afdash.cooperation."""

from afdash.web.page import PageDef, View, run
from pages.cooperation import catalogue, membership, positions, recommendations

# One map or chart per view (plus at most one grid beside a chart), so the page opens as fast as one view.
run(PageDef(
    "russia_china", "Russia–China cooperation",
    "Through which channels Moscow and Beijing can act together on Afghan security, who sits in them, where the "
    "report's Russian and Chinese sides agree or part ways, and what the authors recommend.",
    views={"channels": View("Channels", catalogue.render, slide="cooperation_channels"),
           "members": View("Who belongs where", membership.members, slide="cooperation_members"),
           "network": View("Network", membership.network, slide="cooperation_network"),
           "matrix": View("Membership matrix", membership.matrix, slide="cooperation_matrix"),
           "views": View("The two views side by side", positions.render, slide="cooperation_views"),
           "recommendations": View("Recommendations", recommendations.render, slide="cooperation_recommendations")},
))
