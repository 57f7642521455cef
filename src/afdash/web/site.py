"""The pages afdash serves, grouped as in the sidebar. URL paths are part of the product (people
bookmark them), so they are declared here once and checked by the tests and the README test."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    script: str
    title: str
    url_path: str  # "" is the landing page at /
    group: str
    # What the quality gates (tools.bench, tools.loadtest, tests/test_hostile.py) need to know; the
    # defaults fit a page without a map, URL parameters or filters.
    has_map: bool = False  # a pydeck map: the benchmark allows 2.0× the floor instead of 1.5×
    # On a page split into views, the views that draw the map (None: every view, when has_map); the benchmark
    # gives only those the map target and compares them with the map floor.
    map_views: tuple[str, ...] | None = None
    params: tuple[str, ...] = ()  # the page's URL query parameters, on all its views
    # A page split into views (afdash.web.page, ?view=<id>): each view id with the parameters read only while it
    # is open, the first view being the default. A hidden view's parameters are not read, so the hostile-input
    # tests give each view's parameters garbage together with ?view=<id> (see view_params); the benchmark times
    # every view (view_paths).
    views: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # measure_app --interact SPEC that changes a filter. Prefer "fill:.st-key-<scope>-<key> input=<option>" (types
    # the option into the URL-backed select box page.select(key, …) on a page of that scope and presses Enter): clicking
    # an option in an open dropdown ("select:Label=Option") sometimes misses and stalls the benchmark.
    interaction: str | None = None
    samples: tuple[str, ...] = ()  # query strings the load test cycles through, e.g. "dataset=events"
    timed: tuple[str, ...] = ()  # query strings the benchmark also times, e.g. "q=ISKP" (a page as people open it)

    def view_params(self, view: str | None = None) -> tuple[str, ...]:
        """The URL parameters read when `view` is open (None: the default view), "view" included; a page
        without views reads all of `params` at once."""
        if not self.views:
            return self.params
        own = dict(self.views)[view or self.views[0][0]]
        return ("view", *own)

    def draws_map(self, view: str | None = None) -> bool:
        """Whether the page as opened (view None) or one of its views draws a pydeck map."""
        if not self.has_map:
            return False
        if self.map_views is None or not self.views:
            return True
        return (view or self.views[0][0]) in self.map_views

    @property
    def path(self) -> str:
        """The page's URL path as a browser asks for it: "/" or "/data"."""
        return "/" + self.url_path

    @property
    def view_paths(self) -> list[str]:
        """The URL of every view but the default, as the benchmark opens them: "/security-trends?view=map"."""
        return [f"{self.path}?view={view}" for view, _ in self.views[1:]]


PAGES: list[PageSpec] = [
    PageSpec("pages/home.py", "Overview", "", "Explore"),
    PageSpec("pages/security-trends.py", "Security trends", "security-trends", "Explore", has_map=True,
             map_views=("map", "imported-map"),
             params=("view", "measure", "threat", "ties", "period", "category", "actor", "province", "source", "type",
                     "country", "countries", "from", "prelim", "where", "since", "afg", "series", "econ", "topic"),
             views=(("casualties", ("measure",)), ("groups", ("threat", "ties")),
                    *((v, ("period", "category", "actor", "province")) for v in ("map", "timeline", "events")),
                    # the independent record (UCDP, World Bank) and the report beside it
                    ("deaths", ("countries", "from", "prelim")), ("dyads", ("where", "since", "afg")),
                    ("economy", ("series", "econ")), ("record", ("topic",)),
                    # the user's imported event files (afdash import-events); without any, a how-to and the
                    # report's own record
                    ("imported", ("measure", "period", "source", "type", "country", "province", "actor")),
                    ("imported-map", ("measure", "period", "source", "type", "country", "actor")),
                    ("imported-actors", ("measure", "period", "source", "type", "country", "province")),
                    ("imported-overlay", ("measure", "period", "source", "type", "country", "province", "actor"))),
             interaction="radio:Measure=Wounded",
             samples=("", "measure=wounded", "view=groups&threat=russia", "view=map&province=AF-KAB",
                      "view=timeline&category=attack,strike&period=2021-08-01..2022-06-30", "view=events",
                      "view=deaths&countries=AFG,PAK&from=2015", "view=dyads&where=AFG,PAK",
                      "view=economy&series=VA.EST", "view=record&topic=casualties",
                      "view=imported", "view=imported-map", "view=imported-actors",
                      "view=imported-overlay")),
    PageSpec("pages/regional-actors.py", "Regional actors", "regional-actors", "Explore", has_map=True,
             map_views=("map",),
             params=("view", "stance", "issue", "level", "sort", "colour", "a", "b", "state", "hosts", "from"),
             views=(("map", ("stance", "issue", "level", "colour")),
                    ("matrix", ("stance", "issue", "level", "sort")), ("compare", ("a", "b")), ("profile", ("state",)),
                    ("refugees", ("hosts", "from"))),
             interaction="fill:.st-key-regional-colour input=CSTO status (2022)",
             samples=("", "colour=border_km", "view=matrix&stance=hostile", "view=compare&a=CHN&b=TJK",
                      "view=profile&state=TJK", "view=refugees&hosts=IRN,PAK")),
    PageSpec("pages/russia-china.py", "Russia–China cooperation", "russia-china", "Explore", has_map=True,
             map_views=("members",),
             params=("view", "kind", "threat", "together", "channel", "states", "topic", "agreement", "actor", "via",
                     "rthreat", "voice"),
             views=(("channels", ("kind", "threat", "together")), ("members", ("channel",)),
                    ("network", ("channel", "states")), ("matrix", ("states",)),
                    ("views", ("topic", "agreement")), ("recommendations", ("actor", "via", "rthreat", "voice"))),
             # a radio: typing into a select box did not reliably rerun this page in Chromium
             interaction="radio:Russia and China=Both take part",
             samples=("", "together=both", "view=members", "view=members&channel=csto", "view=network&states=all",
                      "view=matrix", "view=views", "view=recommendations")),
    PageSpec("pages/external-powers.py", "External powers", "external-powers", "Explore", has_map=True,
             map_views=("map",),
             params=("view", "instrument", "context", "player", "power"),
             views=(("us", ("instrument", "context")), ("reserves", ()), ("players", ("player",)),
                    ("influence", ()), ("map", ("power",))),
             interaction="click:.st-key-external-context label",
             samples=("", "context=1", "view=reserves", "view=players&player=tur", "view=influence", "view=map",
                      "view=map&power=pak")),
    PageSpec("pages/briefing.py", "Briefing", "briefing", "Present", has_map=True,
             params=("present", "slide", "deck"), interaction="radio:Panel=Deck builder",
             samples=("", "slide=3", "present=1&slide=5")),
    PageSpec("pages/search.py", "Search", "search", "Reference",
             params=("q", "area", "dataset", "chapter", "actor", "country", "year"),
             interaction="fill:.st-key-search-q input=ISKP",
             samples=("", "q=ISKP", "q=frozen+assets&area=external", "q=4%2C000", "q=Tunxi&country=CHN"),
             timed=("q=ISKP",)),
    PageSpec("pages/data.py", "Data & sources", "data", "Reference", params=("dataset", "preview"),
             interaction="fill:.st-key-data-dataset input=Dated events mentioned in the report",
             samples=("", "dataset=events&preview=1", "dataset=provinces", "dataset=countries&preview=1")),
]


def grouped() -> dict[str, list[PageSpec]]:
    out: dict[str, list[PageSpec]] = {}
    for p in PAGES:
        out.setdefault(p.group, []).append(p)
    return out
