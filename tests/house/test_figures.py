import math

from afdash.core.figures import format_figure, headline


def test_wording_keeps_qualifier_and_scale():
    assert format_figure(4000, None, None, "persons", "about") == "about 4,000"
    assert format_figure(9.5e9, None, None, "USD", "exact") == "USD 9.5 billion"
    assert format_figure(math.nan, 8000, 10000, "persons", "about") == "about 8,000–10,000"
    assert format_figure(None, 1e12, 3e12, "USD", "range") == "USD 1–3 trillion"
    assert format_figure(20, None, None, "groups", "more_than") == "more than 20 groups"
    assert format_figure(50, None, None, "percent", "exact") == "50%"
    assert format_figure(2e10, None, None, "USD", "below") == "below USD 20 billion"


def test_headline_cites_its_row(built):
    h = headline(built["key_figures"].table, "us_frozen_afghan_assets")
    assert h["text"] == "USD 9.5 billion"
    assert "Report 80/2022" in h["source"]
