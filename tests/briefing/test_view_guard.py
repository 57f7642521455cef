"""Every view of every page offers "Add to briefing": a guard that fails when a View of any page in
afdash.web.site.PAGES has no slide recipe, or names a recipe that does not exist."""

import ast
from pathlib import Path

import pytest

from afdash.briefing import registry as recipes
from afdash.core.paths import PROJECT_ROOT
from afdash.web import site

pytestmark = pytest.mark.unit


def _views(script: str) -> dict[str, str | None]:
    """view id -> the `slide=` of its View(...) in a page script, read from the source (a page runs Streamlit
    when imported)."""
    tree = ast.parse(Path(PROJECT_ROOT / script).read_text(encoding="utf-8"))
    out: dict[str, str | None] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "views" and isinstance(node.value, ast.Dict):
            for key, value in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(value, ast.Call) and getattr(value.func, "id", "") == "View", ast.dump(value)
                slide = next((k.value for k in value.keywords if k.arg == "slide"), None)
                out[key.value] = slide.value if isinstance(slide, ast.Constant) else None
    return out


@pytest.mark.parametrize("page", [p for p in site.PAGES if p.views], ids=lambda p: p.url_path)
def test_every_view_of_every_page_names_an_existing_slide_recipe(page):
    views = _views(page.script)
    assert list(views) == [v for v, _ in page.views], "the page's views differ from afdash.web.site"
    missing = [v for v, slide in views.items() if slide is None]
    unknown = {v: slide for v, slide in views.items() if slide is not None and slide not in recipes.registry()}
    assert not missing, f"{page.script}: views without a slide recipe (no Add to briefing): {missing}"
    assert not unknown, f"{page.script}: views naming recipes that do not exist: {unknown}"


def test_the_guard_reads_a_view_without_a_slide(tmp_path, monkeypatch):
    script = tmp_path / "p.py"
    script.write_text('run(PageDef("x", "X", views={"a": View("A", f, slide="security_casualties"), '
                      '"b": View("B", g)}))', encoding="utf-8")
    monkeypatch.setattr("tests.briefing.test_view_guard.PROJECT_ROOT", tmp_path)
    assert _views("p.py") == {"a": "security_casualties", "b": None}
