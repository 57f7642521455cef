"""Security trends: civilian casualties around the August 2021 takeover, the armed groups the report names, and
the report's security events on a province map, a timeline and a list driven by one set of filters; then the
independent record past 2022 (UCDP, World Bank) and the report's claims beside it. Each view
is a module in pages/security/; logic lives in afdash.security."""

from afdash.web.page import PageDef, View, run
from pages.security import casualties, events, groups, record

run(PageDef(
    "security", "Security trends",
    "How violence and the terrorist threat changed around the Taliban's August 2021 takeover, which armed groups "
    "the report names, and where the events it mentions took place.",
    views={"casualties": View("Civilian casualties", casualties.render),
           "groups": View("Armed groups", groups.render),
           "map": View("Event map", events.map_view),
           "timeline": View("Event timeline", events.timeline_view),
           "events": View("Event list", events.list_view),
           "deaths": View("Conflict deaths (UCDP)", record.deaths_view),
           "dyads": View("Who fought whom (UCDP)", record.dyads_view),
           "economy": View("Economy (World Bank)", record.economy_view),
           "record": View("Report vs record", record.compare_view)},
))
