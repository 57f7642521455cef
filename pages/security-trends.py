"""Security trends: civilian casualties around the August 2021 takeover, the armed groups the report names, and
the report's security events on a province map, a timeline and a list driven by one set of filters; then the
independent record past 2022 (UCDP, World Bank) and the report's claims beside it. Each view
is a module in pages/security/; logic lives in afdash.security."""

import importlib

from afdash.web.page import Page, PageDef, View, run
from pages.security import casualties, events, groups, record


def _imported(name: str):
    """A view of the user's imported events, its module (Ibis and DuckDB, ~16 MB and seconds of import) loaded
    only when one of those views is opened, not on every visit to this page."""
    def render(page: Page) -> None:
        getattr(importlib.import_module("pages.security.imported"), name)(page)

    return render


run(PageDef(
    "security", "Security trends",
    "How violence and the terrorist threat changed around the Taliban's August 2021 takeover, which armed groups "
    "the report names, and where the events it mentions took place.",
    views={"casualties": View("Civilian casualties", casualties.render, slide="security_casualties"),
           "groups": View("Armed groups", groups.render, slide="security_fighters"),
           "map": View("Event map", events.map_view, slide="security_province_map"),
           "timeline": View("Event timeline", events.timeline_view, slide="security_province_map"),
           "events": View("Event list", events.list_view, slide="security_province_map"),
           "deaths": View("Conflict deaths (UCDP)", record.deaths_view, slide="security_record_deaths"),
           "dyads": View("Who fought whom (UCDP)", record.dyads_view, slide="security_record_dyads"),
           "economy": View("Economy (World Bank)", record.economy_view, slide="security_record_economy"),
           "record": View("Report vs record", record.compare_view, slide="security_report_vs_record"),
           "imported": View("Your events: trend", _imported("trend_view"), slide="security_imported_trend"),
           "imported-map": View("Your events: map", _imported("map_view"), slide="security_imported_map"),
           "imported-actors": View("Your events: actors", _imported("actors_view"), slide="security_imported_actors"),
           "imported-overlay": View("Your events and the report's", _imported("overlay_view"),
                                    slide="security_imported_overlay")},
))
