"""The record's views in Chromium, offline: each opens from its ?view= link and draws its chart with a source
and licence caption; the CSV the page hands over has exactly the rows the button announces; a control change
reruns cleanly and lands in the URL."""

import csv
import io
import re

import pytest

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser

VIEWS = [
    ("security-trends", "view=deaths&countries=AFG,PAK&from=2015", "UCDP Georeferenced Event Dataset 25.1"),
    ("security-trends", "view=dyads&where=AFG,PAK&since=2020", "UCDP/PRIO Armed Conflict Dataset 25.1"),
    ("security-trends", "view=economy&series=VA.EST&econ=AFG,PAK", "World Development Indicators"),
    ("security-trends", "view=record&topic=casualties,refugees", "record_comparison.csv"),
    ("regional-actors", "view=refugees&hosts=IRN,PAK", "UNHCR Refugee Population Statistics"),
]


def _download(probe: PageProbe) -> tuple[int, list[dict]]:
    button = probe.page.get_by_text(re.compile(r"Download these \d+ rows \(CSV\)")).first
    button.wait_for(timeout=60_000)
    announced = int(re.search(r"\d+", button.inner_text()).group())
    with probe.page.expect_download(timeout=60_000) as info:
        button.click()
    text = info.value.path().read_bytes().decode("utf-8-sig")
    return announced, list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("path,query,source", VIEWS, ids=[q.split("&")[0] for _, q, _ in VIEWS])
def test_each_record_view_opens_from_its_link_with_source_and_exact_csv(server, browser, path, query, source):
    with PageProbe(browser, f"{server}/{path}?{query}") as probe:
        probe.page.get_by_text(source, exact=False).first.wait_for(timeout=60_000)
        assert "CC BY 4.0" in probe.page.locator('[data-testid="stCaptionContainer"]').all_inner_texts().__str__()
        if "view=record" not in query:
            probe.page.get_by_test_id("stVegaLiteChart").first.locator("canvas, svg").first.wait_for()
        announced, rows = _download(probe)
        assert rows and len(rows) == announced
        assert f"?{query}" in probe.page.url
        probe.assert_clean()


def test_deaths_csv_carries_the_known_afghan_values(server, browser):
    with PageProbe(browser, f"{server}/security-trends?view=deaths&countries=AFG&from=2021") as probe:
        _, rows = _download(probe)
        got = {r["year"]: r["deaths"] for r in rows}
        assert (got["2021"], got["2022"], got["2023"], got["2024"]) == ("36375", "1577", "345", "361")
        assert [r["status"] for r in rows if r["year"] == "2025"] == ["preliminary"]
        probe.assert_clean()


def test_leaving_out_the_preliminary_year_reruns_clean_and_goes_into_the_url(server, browser):
    with PageProbe(browser, f"{server}/security-trends?view=deaths&countries=AFG&from=2021") as probe:
        probe.page.get_by_text("Download these 5 rows (CSV)").wait_for(timeout=60_000)
        probe.page.get_by_test_id("stPopover").filter(has_text="Countries, first year, 2025").locator("button").click()
        probe.page.get_by_test_id("stCheckbox").filter(has_text="Show 2025 (preliminary)").locator("label").click()
        probe.page.wait_for_url("**prelim=0**")
        probe.page.get_by_text("Download these 4 rows (CSV)").wait_for()
        probe.assert_clean()
