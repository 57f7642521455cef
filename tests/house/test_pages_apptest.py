"""Every page through Streamlit's AppTest: it renders without exceptions, shows its sources, and
handles bad URL parameters and broken data with a clear message."""

import pytest
from streamlit.testing.v1 import AppTest

from afdash.core import safe
from afdash.core.paths import PROJECT_ROOT
from afdash.record import deaths
from afdash.store import catalogue, loaders
from afdash.web import site

APP = str(PROJECT_ROOT / "app.py")


def _open(script: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if script != site.PAGES[0].script:
        at.switch_page(script)
        at.run()
    return at


@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_page_renders_without_exception(page):
    at = _open(page.script)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title and at.title[0].value
    captions = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "Report 80/2022" in captions or "Natural Earth" in captions or "Sources" in captions


def test_overview_shows_headlines_with_sources():
    at = _open("pages/home.py")
    values = [m.value for m in at.metric]
    assert "about 4,000" in values and "USD 9.5 billion" in values and "2,106" in values
    assert any("fn. 17" in c.value for c in at.caption)
    record = deaths.latest_final(loaders.load_table("record_conflict_deaths"))
    shown = next(m for m in at.metric if m.label.startswith("Conflict deaths in Afghanistan"))
    assert record["year"] >= 2024 and shown.value == f"{record['deaths']:,}" and str(record["year"]) in shown.label
    assert any("CC BY 4.0" in c.value and "(/security-trends?view=deaths)" in c.value for c in at.caption)


def test_data_page_lists_every_dataset_and_offers_a_download():
    at = _open("pages/data.py")
    overview = next(m.value for m in at.markdown if m.value.startswith("| dataset |"))
    listed = [line.split(" | ")[0].removeprefix("| ") for line in overview.splitlines()[2:]]
    assert listed == [safe.md(d.name) for d in catalogue.DATASETS]
    assert at.selectbox[0].value == "civilian_casualties"
    assert at.get("download_button"), "the selected dataset must be downloadable"


@pytest.mark.parametrize("name", [d.name for d in catalogue.DATASETS])
def test_data_page_opens_each_dataset_from_the_url(name):
    at = _open("pages/data.py", {"dataset": name})
    assert not at.exception
    assert at.selectbox[0].value == name
    assert at.subheader[0].value == catalogue.get(name).title
    assert not at.warning


@pytest.mark.parametrize("bad", ["nope", "<script>alert(1)</script>", "x" * 5000])
def test_bad_url_value_gives_a_notice_and_the_default(bad):
    at = _open("pages/data.py", {"dataset": bad})
    assert not at.exception
    assert at.selectbox[0].value == "civilian_casualties"
    assert at.warning and "Ignored URL parameter dataset=" in at.warning[0].value
    assert len(at.warning[0].value) < 200


def test_choosing_a_dataset_updates_the_url():
    at = _open("pages/data.py")
    at.selectbox[0].set_value("events").run()
    assert at.query_params["dataset"] in ("events", ["events"])
    assert at.subheader[0].value == catalogue.get("events").title


def test_damaged_data_shows_an_error_page_not_a_traceback(data_copy, monkeypatch):
    (data_copy / "clean" / "key_figures.parquet").write_bytes(b"not parquet")
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = _open("pages/home.py")
    assert not at.exception
    assert at.error and "key_figures.parquet is damaged" in at.error[0].value


def test_missing_data_shows_an_error_page(data_copy, monkeypatch):
    (data_copy / "datapackage.json").unlink()
    monkeypatch.setenv("AFDASH_DATA_DIR", str(data_copy))
    at = _open("pages/data.py")
    assert not at.exception
    assert at.error and "datapackage.json is missing" in at.error[0].value


def test_data_page_shows_the_grid_only_when_the_preview_is_asked_for():
    at = _open("pages/data.py")
    assert not at.dataframe, "no data grid on first load (its code is 1–2 MB for a fresh browser)"
    at.toggle[0].set_value(True).run()
    assert at.dataframe and len(at.dataframe[0].value) == 42
    assert at.query_params["preview"] in ("1", ["1"])
    linked = _open("pages/data.py", {"dataset": "events", "preview": "1"})
    assert linked.toggle[0].value is True and "event_id" in linked.dataframe[0].value.columns


def test_data_page_lists_fields_and_third_party_files_as_text():
    at = _open("pages/data.py", {"dataset": "events"})
    texts = [m.value for m in at.markdown]
    assert any(t.startswith("| field |") and "event\\_id" in t for t in texts)
    assert any(t.startswith("| path |") and "datamaps" in t for t in texts)
