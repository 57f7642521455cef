"""The page registry: URL paths are part of the product, and deep links must work on a fresh server."""

from pathlib import Path

import pytest

from afdash.core.paths import PROJECT_ROOT
from afdash.web import site

from ..browser_support import PageProbe, start_server, stop_server

PRODUCT_PATHS = {"", "security-trends", "regional-actors", "russia-china", "external-powers", "briefing", "data"}


def test_every_registered_page_exists_and_has_a_product_path():
    for p in site.PAGES:
        assert (PROJECT_ROOT / p.script).is_file(), p.script
        assert p.url_path in PRODUCT_PATHS, p.url_path
    assert len({p.url_path for p in site.PAGES}) == len(site.PAGES)


def test_every_view_parameter_is_a_page_parameter():
    """`params` is the page's whole URL vocabulary; the views split it without leaving one out."""
    for p in site.PAGES:
        if p.views:
            assert set(p.params) == {"view"}.union(*(set(own) for _, own in p.views)), p.path


def test_page_files_are_named_after_their_url_paths():
    """Before st.navigation has run once, Streamlit resolves a deep link against pages/ by file name;
    a file named differently from its URL path shows 'Page not found' to the first visitor."""
    for p in site.PAGES:
        if p.url_path:
            assert Path(p.script).stem == p.url_path, p.script


@pytest.mark.browser
def test_scripts_need_no_magic():
    """.streamlit/config.toml turns Streamlit's magic off (it re-parsed every script after the last session
    closed); that loses nothing only while no script leaves a bare expression for magic to write."""
    import ast
    import tomllib

    config = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["magicEnabled"] is False
    for script in [PROJECT_ROOT / "app.py", *sorted((PROJECT_ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(script.read_text())):
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call):
                is_docstring = isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
                assert is_docstring, f"{script.name}:{node.lineno} is a bare expression only magic would show"


def test_deep_link_on_a_fresh_server_opens_the_page(browser):
    target = next(p for p in site.PAGES if "-" in p.url_path or p.url_path == "data")
    proc, url = start_server()
    try:
        with PageProbe(browser, f"{url}/{target.url_path}") as probe:
            dialogs = probe.page.locator('[role="dialog"]').all_inner_texts()
            assert not dialogs, dialogs
            probe.assert_clean()
    finally:
        stop_server(proc)


def test_the_load_test_samples_open_every_view():
    """The load test and the hostile-data tests cycle through `samples`, so each view of a split page is in it."""
    from urllib.parse import parse_qs

    for p in site.PAGES:
        if p.views:
            opened = {parse_qs(q).get("view", [p.views[0][0]])[0] for q in p.samples}
            assert opened == {v for v, _ in p.views}, p.path
