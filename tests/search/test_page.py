"""The Search page in AppTest: hits with their actions, facets, and hostile URLs answered with notices."""

import pytest

from tests.apptest_support import open_page, page

SEARCH = page("pages/search.py")


def _texts(at):
    return [m.value for m in at.markdown]


def test_a_query_from_the_url_shows_ranked_hits_with_actions():
    at = open_page(SEARCH, {"q": "ISKP"})
    assert not at.exception
    texts = _texts(at)
    assert any("row(s) match" in t for t in texts)
    assert any("**ISIS" in t for t in texts), texts[:8]  # the alias is highlighted in the hit
    assert any(b.label == "Add to briefing" for b in at.button)
    assert len(at.multiselect) == 6
    # the facets sit in a closed filter box; their counts stay on screen in the caption under it
    assert any(c.value.startswith("Matching rows — **Area**: ") and "(" in c.value for c in at.caption)


def test_facet_filters_from_the_url_narrow_the_hits():
    wide = open_page(SEARCH, {"q": "ISKP"})
    narrow = open_page(SEARCH, {"q": "ISKP", "area": "cooperation"})
    count = [t for t in _texts(narrow) if "row(s) match" in t]
    assert count and count != [t for t in _texts(wide) if "row(s) match" in t]
    # the closed filter box's choice is stated on screen
    assert any("Filtered to area: Russia–China cooperation." in c.value for c in narrow.caption), \
        [c.value for c in narrow.caption]
    assert not any("Filtered to" in c.value for c in wide.caption)


@pytest.mark.parametrize("params", [
    {"q": 'NEAR(a b) OR * "'}, {"q": "x" * 10_000}, {"q": "🚀 داعش"}, {"q": ""}, {"q": "xyzzy"},
    {"q": "ISKP", "year": "1999", "country": "<script>", "dataset": "nope"},
], ids=["operators", "10kB", "emoji-rtl", "empty", "nothing", "bad-facets"])
def test_hostile_urls_give_notices_not_exceptions(params):
    at = open_page(SEARCH, params)
    assert not at.exception, [e.value for e in at.exception]
    assert at.warning or at.info or any("row(s) match" in t for t in _texts(at))


def test_adding_a_hit_puts_it_in_the_briefing_deck():
    at = open_page(SEARCH, {"q": "Tunxi Initiative"})
    next(b for b in at.button if b.label == "Add to briefing").click().run()
    assert not at.exception
    deck = at.session_state["briefing.deck"]
    assert deck[-1].view_id == "framing_fact"


def _deep_link_values() -> dict[tuple, list[tuple[str, str]]]:
    """(path, view) -> the (parameter, value) pairs search links carry to that view; of the periods, the
    earliest and the latest."""
    from afdash.search import links
    from afdash.store import loaders

    pairs: set[tuple] = set()
    for doc in loaders.load_table("search_documents").to_dict("records"):
        link = links.deep_link(doc)
        view = dict(link.params).get("view")
        pairs |= {(link.path, view, key, value) for key, value in link.params if key != "view"}
    periods = sorted((k for k in pairs if k[2] == "period"), key=str)
    out: dict[tuple, list[tuple[str, str]]] = {}
    for path, view, key, value in sorted((k for k in pairs if k[2] != "period"), key=str) + periods[:1] + periods[-1:]:
        out.setdefault((path, view), []).append((key, value))
    return out


DEEP_LINKS = _deep_link_values()


def test_deep_links_cover_many_values():
    assert sum(map(len, DEEP_LINKS.values())) > 30 and len(DEEP_LINKS) >= 6


@pytest.mark.parametrize("target", sorted(DEEP_LINKS, key=str), ids=lambda t: f"{t[0]}?view={t[1]}")
def test_every_value_a_deep_link_carries_is_accepted_by_its_view(target):
    """The values links carry (state, player, power, channel, topic, category, measure, instrument) are ones the
    target view accepts: it opens with no 'ignored URL parameter' notice."""
    from afdash.web import site

    path, view = target
    page = next(p for p in site.PAGES if p.path == path)
    for key, value in DEEP_LINKS[target]:
        params = {key: value, **({"view": view} if view else {})}
        at = open_page(page, params)
        assert not at.exception, (path, params)
        assert not at.warning, (path, params, [w.value for w in at.warning])


def test_a_suggestion_runs_its_query():
    at = open_page(SEARCH, {"q": "xyzzy"})
    next(b for b in at.button if b.label == "frozen assets").click().run()
    assert not at.exception
    assert at.text_input(key="search.q").value == "frozen assets"
    assert any("row(s) match" in t for t in _texts(at))


def _hits(at) -> list[str]:
    return [t for t in _texts(at) if "#### " in t]


def test_a_hit_is_one_text_block_with_its_source_and_two_actions():
    at = open_page(SEARCH, {"q": "ISKP"})
    hits = _hits(at)
    assert len(hits) == 10
    assert not hits[0].startswith("---") and all(h.startswith("---") for h in hits[1:])  # a rule between hits
    assert all(":small[" in h and " · " in h for h in hits)  # the source line: dataset · chapter and footnote
    assert any("fn. " in h for h in hits)
    report_hits = sum("not offered for the briefing" not in h for h in hits)
    assert sum(b.label == "Add to briefing" for b in at.button) == report_hits
    assert sum(pl.label.startswith("Open in ") for pl in at.get("page_link")) == 10


def test_show_more_draws_the_next_hits_of_the_same_query():
    at = open_page(SEARCH, {"q": "ISKP"})
    first = len(_hits(at))
    more = next(b for b in at.button if b.label.startswith("Show ") and b.label.endswith(" more"))
    more.click().run()
    assert not at.exception
    after = len(_hits(at))
    assert first == 10 and after > first
    assert any("row(s) match" in t and f"best {after}" in t for t in _texts(at))
