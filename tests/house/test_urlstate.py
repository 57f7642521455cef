import re
from datetime import date

import pytest

from afdash.core import urlstate


def test_valid_choice_is_taken_and_invalid_falls_back_with_notice():
    p = urlstate.Parsed()
    assert urlstate.choice({"d": "b"}, "d", ["a", "b"], "a", p) == "b"
    assert urlstate.choice({"d": "zz"}, "d", ["a", "b"], "a", p) == "a"
    assert urlstate.choice({}, "d", ["a", "b"], "a", p) == "a"
    assert len(p.notices) == 1 and "zz" in p.notices[0]


def test_echoed_values_cannot_carry_markdown_or_html():
    text = urlstate.shown("![x](http://evil.example/p.png) <img src=x onerror=alert(1)>")
    assert re.search(r"(?<!\\)[\[\]()<>!]", text) is None, text  # every markup character is escaped
    assert len(urlstate.shown("x" * 10_000)) < 100
    assert "\n" not in urlstate.shown("a\nb\x00c")


BOUNDS = (date(2021, 1, 1), date(2022, 12, 31))


@pytest.mark.parametrize("raw", ["1_0", "+5", "٣", " 5", "5 ", "0x5", "5.0", "1e1", "１"])
def test_integers_are_ascii_digits_only(raw):
    p = urlstate.Parsed()
    assert urlstate.integer({"n": raw}, "n", 0, 20, 3, p) == 3
    assert len(p.notices) == 1


def test_a_period_partly_outside_the_data_is_clamped_with_a_notice():
    p = urlstate.Parsed()
    got = urlstate.date_range({"period": "2020-06-01..2021-06-30"}, "period", BOUNDS, p)
    assert got == (date(2021, 1, 1), date(2021, 6, 30))
    assert len(p.notices) == 1 and "2021-01-01..2021-06-30" in p.notices[0]


@pytest.mark.parametrize("raw", ["0001-01-01..0001-12-31", "9999-01-01..9999-12-31", "2030-01-01..2031-01-01"])
def test_a_period_wholly_outside_the_data_falls_back_with_a_notice(raw):
    p = urlstate.Parsed()
    assert urlstate.date_range({"period": raw}, "period", BOUNDS, p) == BOUNDS
    assert len(p.notices) == 1 and "cover" in p.notices[0]


@pytest.mark.parametrize("raw", ["2022-06-30..2021-08-01", "2021-8-1..2022-06-30", "20210801..20220630",
                                 "2021-02-30..2022-01-01", "..", "2021-08-01..2022-06-30..2023-01-01"])
def test_an_unusable_period_falls_back_with_a_notice(raw):
    p = urlstate.Parsed()
    assert urlstate.date_range({"period": raw}, "period", BOUNDS, p) == BOUNDS
    assert len(p.notices) == 1


def test_notices_are_summarised_per_parameter():
    p = urlstate.Parsed()
    for i in range(1000):
        p.note("deck", f"Ignored slide “x{i}” in the deck: no such view.")
    urlstate.choice({"view": "nope"}, "view", ["a"], "a", p)
    assert len(p.notices) == 2
    assert "999 more problems with this parameter" in p.notices[0]


def test_a_thousand_bad_slides_in_a_deck_give_one_notice():
    from afdash.briefing import deck_url

    p = urlstate.Parsed()
    items = deck_url.decode(";".join(["nope"] * 1000), {}, p)
    assert items and len(p.notices) == 1
