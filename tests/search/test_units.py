"""Pure parts of the search engine: figures as a reader says them, number forms, spellings, deep links."""

import pandas as pd

from afdash.search import aliases, figures, links, query


def test_figures_keep_the_qualifier_and_unit():
    assert figures.figure({"value": 4000, "unit": "persons", "qualifier": "about"}) == "about 4,000 persons"
    assert figures.figure({"value": 9.5e9, "unit": "USD", "qualifier": "exact"}) == "US$9.5 billion"
    assert figures.figure({"low": 5000, "high": 6000, "unit": "persons", "qualifier": "range"}) == "5,000–6,000 persons"
    assert figures.figure({"value": 0.5, "unit": "fraction", "qualifier": "about"}) == "about 50%"
    assert figures.figure({"value": 1, "unit": "groups", "qualifier": "exact"}) == "1 group"
    assert figures.figure({"value": None, "unit": None}) == ""


def test_number_forms_drop_thousands_separators():
    assert figures.number_forms("grew from 2,200 to about 4,000; USD 9.5 billion") == "2200 4000"


ACTORS = pd.DataFrame([
    {"actor_id": "isis_k", "name": "ISIS-Khorasan", "aliases": "ISIS-Khorasan|Wilayat Khorasan"},
    {"actor_id": "usa", "name": "United States", "aliases": "United States|U.S.|US|Washington"},
])


def test_spellings_expand_and_short_capitals_count_only_in_capitals():
    sp = aliases.build(ACTORS)
    g = query.parse("ISKP attacks", sp).groups
    assert g[0].actor_id == "isis_k" and ("wilayat", "khorasan") in g[0].phrases
    assert query.parse("US sanctions", sp).groups[0].actor_id == "usa"
    assert query.parse("tell us about sanctions", sp).actors == []
    assert query.parse("Washington", sp).actors == [], "capitals are searched as places"


def test_quoted_phrases_and_numbers():
    q = query.parse('"frozen assets" 9.5 4,000')
    assert query.match_expr(q) == '"frozen assets" AND "9 5" AND "4000"'
    assert query.match_expr(q, "any") == '"frozen assets" OR "9 5" OR "4000"'


def test_links_select_the_row():
    ev = {"dataset": "events", "row_key": "e", "category": "attack", "date": "2022-04-01"}
    assert links.deep_link(ev).url == "/security-trends?view=events&category=attack&period=2022-04-01..2022-04-01"
    st = {"dataset": "regional_statements", "row_key": "x", "countries": "TJK|AFG"}
    assert links.deep_link(st).url == "/regional-actors?view=profile&state=TJK"
    fn = {"dataset": "report_sources", "row_key": "3"}
    assert links.deep_link(fn).url == "/data?dataset=report_sources&preview=1"


def test_facet_summary_counts_the_top_values_and_escapes_labels():
    from afdash.core.safe import md
    from afdash.search import render

    facets = {"area": [("security", "Security", 15), ("regional", "Regional actors", 7),
                       ("cooperation", "Russia–China cooperation", 7), ("external", "External powers", 1)],
              "actor": [("x", "*bold* [link](http://x)", 2), ("y", "Nobody", 0)], "year": []}
    line = render.facet_summary(facets, {"area": "Area", "actor": "Actor", "year": "Year"})
    assert line.startswith("**Area**: Security (15), Regional actors (7), Russia–China cooperation (7), +1 more")
    assert "· **Actor**: " + md("*bold* [link](http://x)") + " (2)" in line
    assert "Nobody" not in line and "Year" not in line  # zero counts and empty facets are left out


def test_a_hit_in_markdown_escapes_its_data_and_closes_its_small_type():
    from afdash.core.safe import md
    from afdash.search import render
    from afdash.search.index import CLOSE, OPEN

    hit = {"title": "t", "hl_title": f"{OPEN}ISKP{CLOSE} ] [x](http://evil.example)", "snippet": "s :red[no]",
           "dataset": "key_figures", "section": "Chapter ] one", "footnote": 17, "figure": None}
    text = render.hit_markdown(hit, first=True)
    assert text.startswith("#### **ISKP**" + md(" ] [x](http://evil.example)"))
    assert "(http://" not in text
    assert "s \\:red\\[no\\]" in text
    small = text.rsplit("\n\n", 1)[1]
    # one directive around the source; the data's own "]" is escaped, so it cannot close it early
    assert small.startswith(":small[") and small.endswith("]") and "Chapter \\] one" in small and "fn. 17" in small
    later = render.hit_markdown({**hit, "section": None}, first=False)
    assert later.startswith("---\n\n") and later.endswith("— not offered for the briefing]")
    assert render.from_report(hit) and not render.from_report({**hit, "section": None})
