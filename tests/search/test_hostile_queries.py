"""Whatever a reader types or a link carries, search answers with hits or a notice, never an exception; every
deep link names a registered page, view and parameters."""

import pytest

from afdash.search import engine, index, links, query, render
from afdash.store import loaders
from afdash.web import site

HOSTILE = ['"', '"unbalanced', '""', "*", "ISKP*", "NEAR(", "NEAR(a b, 2)", "OR", "a OR b", "AND NOT", "^title",
           "title:ISKP", "x" * 10_000, "ISKP " * 3000, "داعش خراسان", "طالبان", "🚀🔥", "ISKP 🚀", "", "   ",
           "\x00\x1b[31m", "<script>alert(1)</script>", "[x](javascript:alert(1))", "$x$", "-", "'", "(", ")",
           "4,000,000,000", "9..5", "1e9", "%", "\\", "'; DROP TABLE fts; --", None, 12345]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_parses_to_quoted_terms(raw):
    q = query.parse(raw)
    assert len(q.raw) <= query.MAX_CHARS
    for mode in ("all", "prefix", "any"):
        expr = query.match_expr(q, mode)
        assert "NEAR(" not in expr and "^" not in expr and ":" not in expr


def test_changed_input_is_noticed():
    assert query.parse("x" * 10_000).notices
    assert any("unmatched" in n for n in query.parse('"abc').notices)
    assert any("*" in n for n in query.parse("ISKP*").notices)
    assert any("OR" in n for n in query.parse("Iran OR Iraq").notices)
    assert query.parse("").empty and not query.parse("").notices


def test_highlights_are_escaped_markdown():
    out = render.marked(f"a {index.OPEN}[x](javascript:1){index.CLOSE} *b*")
    assert "**" in out and "\\[x\\]" in out and "\\*b\\*" in out


@pytest.fixture(scope="session")
def ix():
    return index.Index(loaders.load_table("search_documents"), loaders.load_table("actors"))


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_return_hits_or_a_reason(ix, raw):
    r = engine.search(ix, raw, {"year": "1999,2022", "actor": "<b>", "area": "x" * 5000, "country": ["AFG"]})
    assert r.total > 0 or r.reason
    if r.total == 0:
        assert r.suggestions or "Remove a filter" in r.reason


def test_no_hits_say_why_and_suggest(ix):
    r = engine.search(ix, "xyzzy ISKP", {})
    assert r.mode == "any" and r.total > 0  # falls back to any word, with a notice
    assert any("any of them" in n for n in r.notices)
    r = engine.search(ix, "xyzzy", {})
    assert r.total == 0 and "xyzzy" in r.reason and r.suggestions
    r = engine.search(ix, "ISKP", {"dataset": "afghan_assets"})
    assert r.total == 0 and "Remove a filter" in r.reason


def test_every_deep_link_opens_a_registered_view_with_its_parameters(ix):
    pages = {p.path: p for p in site.PAGES}
    for doc in ix.docs.to_dict("records"):
        link = links.deep_link(doc)
        assert link.path in pages, (doc["dataset"], link)
        spec = pages[link.path]
        params = dict(link.params)
        view = params.get("view")
        if spec.views:
            assert view is None or view in dict(spec.views), link
        allowed = spec.view_params(view)
        assert set(params) <= set(allowed) | {"view"}, (link, allowed)
        assert all(v for v in params.values()), link


def test_the_search_page_is_registered_with_its_facets():
    spec = next(p for p in site.PAGES if p.url_path == "search")
    assert set(spec.params) == {"q", *engine.FACETS}


def test_add_to_briefing_writes_the_deck_the_briefing_reads():
    from afdash.web import search_ui
    from pages.deck import state

    assert search_ui.DECK_STATE == state.DECK_STATE
