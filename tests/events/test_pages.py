"""The imported-events views on the Security trends page: with a store, and with nothing imported."""

from __future__ import annotations

import pytest

from afdash.core.paths import clean_dir
from afdash.intake.pipeline import import_files
from afdash.store import loaders
from afdash.userevents import charts, store
from tests.apptest_support import open_clean, page, query_param

from .support import ACLED_FIXTURE, GED_FIXTURE

pytestmark = pytest.mark.app
SECURITY = "pages/security-trends.py"
VIEWS = ("imported", "imported-map", "imported-actors", "imported-overlay")


@pytest.fixture(scope="session")
def events_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("events")
    import_files([GED_FIXTURE, ACLED_FIXTURE], folder)
    return folder


def texts(at) -> str:
    return " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.header])


@pytest.mark.parametrize("view", VIEWS)
def test_views_draw_the_imported_events(view, events_dir, monkeypatch):
    monkeypatch.setenv(store.ENV, str(events_dir))
    at = open_clean(page(SECURITY), {"view": view})
    assert "import-events FILE" not in texts(at)
    assert "Filters:" in texts(at)
    assert any("Download these 100 events" in str(b.proto.label) for b in at.get("download_button"))


@pytest.mark.parametrize("view", VIEWS)
def test_views_without_imports_say_how_and_show_the_bundled_record(view, tmp_path, monkeypatch):
    monkeypatch.setenv(store.ENV, str(tmp_path / "none"))
    at = open_clean(page(SECURITY), {"view": view})
    assert "afdash import-events FILE.csv" in texts(at)
    record = charts.report_quarterly(loaders.load_table("events", clean_dir().parent))
    total = int(record.set_index("Category").loc["All events", "Total"])
    assert f"| All events | {' | '.join(str(v) for v in record.iloc[-1, 1:])} |" in texts(at) and total > 50
    assert not (at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart"))  # no chart code for an empty store


def test_filters_in_the_url_narrow_the_rows(events_dir, monkeypatch):
    monkeypatch.setenv(store.ENV, str(events_dir))
    at = open_clean(page(SECURITY), {"view": "imported", "source": "acled", "country": "AFG"})
    labels = [str(b.proto.label) for b in at.get("download_button")]
    assert not any("100 events" in x for x in labels)
    assert any(x.startswith("Download these") for x in labels)


@pytest.mark.parametrize("view", VIEWS)
def test_unusable_url_values_give_notices_with_a_store(view, events_dir, monkeypatch):
    monkeypatch.setenv(store.ENV, str(events_dir))
    spec = page(SECURITY)
    names = [n for n in spec.view_params(view) if n != "view"]
    at = open_clean(spec, {"view": view, **dict.fromkeys(names, "<b>nope</b>")})
    notices = " ".join(str(w.value) for w in at.warning)
    assert all(n in notices for n in names), notices
    assert "<b>" not in texts(at)


def test_add_to_briefing_carries_the_code_filters_of_the_imported_view(events_dir, monkeypatch):
    monkeypatch.setenv(store.ENV, str(events_dir))
    at = open_clean(page(SECURITY), {"view": "imported-actors", "source": "acled", "country": "AFG",
                                     "province": "AF-KAB", "measure": "deaths"})
    at.button(key="security.add_to_briefing").click().run()
    at.switch_page("pages/briefing.py").run()
    assert not at.exception, [e.value for e in at.exception]
    deck = query_param(at, "deck") or ""
    assert deck.split(";")[-1] == "security_imported_actors:country=AFG,measure=deaths,province=AF-KAB,source=acled"


def test_too_many_rows_for_a_download_give_the_exact_export_command(events_dir, monkeypatch):
    from pages.security import imported

    monkeypatch.setenv(store.ENV, str(events_dir))
    monkeypatch.setattr(imported, "DOWNLOAD_LIMIT", 10)
    at = open_clean(page(SECURITY), {"view": "imported", "source": "acled"})
    assert not at.get("download_button")
    captions = " ".join(str(c.value) for c in at.caption)
    assert "more than the 10 a browser download offers" in captions
    assert "afdash export-events --source acled afdash_imported_events_source-acled.csv" in captions
