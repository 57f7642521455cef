"""Security trends: civilian casualties around the August 2021 takeover, the armed groups the report names, and
the report's security events on a province map, a timeline and a list driven by one set of filters. Each view
is a module in pages/security/; logic lives in afdash.security."""

from afdash.web.page import PageDef, View, run
from pages.security import casualties, events, groups

run(PageDef(
    "security", "Security trends",
    "How violence and the terrorist threat changed around the Taliban's August 2021 takeover, which armed groups "
    "the report names, and where the events it mentions took place.",
    views={"casualties": View("Civilian casualties", casualties.render),
           "groups": View("Armed groups", groups.render),
           "map": View("Event map", events.map_view),
           "timeline": View("Event timeline", events.timeline_view),
           "events": View("Event list", events.list_view)},
))
