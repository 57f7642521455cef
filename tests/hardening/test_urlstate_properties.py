"""Property-based tests (Hypothesis) for the URL parsers: no string at all makes one raise, and whatever they
return is among the options or within the bounds. Integers take ASCII digits only; periods wholly outside the
data fall back to the default with a notice instead of coming back reversed."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from afdash.core import urlstate

pytestmark = pytest.mark.unit

OPTIONS = ["attack", "strike", "clash", "a,b", ""]
BOUNDS = (date(2021, 1, 1), date(2022, 12, 31))
TEXT = st.one_of(st.text(), st.text(alphabet=st.sampled_from("0123456789-+_. ,٣١１e.:T"), max_size=24),
                 st.sampled_from(OPTIONS))
PROPERTY = settings(max_examples=150, deadline=None)


@PROPERTY
@given(raw=TEXT)
def test_choice_is_always_an_option(raw):
    assert urlstate.choice({"k": raw}, "k", OPTIONS[:3], "attack", urlstate.Parsed()) in OPTIONS[:3]


@PROPERTY
@given(raw=TEXT)
def test_multi_is_always_a_list_of_options(raw):
    value = urlstate.multi({"k": raw}, "k", OPTIONS[:3], ["attack"], urlstate.Parsed())
    assert isinstance(value, list) and set(value) <= set(OPTIONS[:3])


@PROPERTY
@given(raw=TEXT, lo=st.integers(-50, 50), span=st.integers(0, 100))
def test_integer_is_always_within_bounds_and_read_from_ascii_digits_only(raw, lo, span):
    hi = lo + span
    parsed = urlstate.Parsed()
    value = urlstate.integer({"k": raw}, "k", lo, hi, lo, parsed)
    assert lo <= value <= hi
    if raw not in ("", str(lo)) and value != lo:
        assert re.fullmatch(r"-?[0-9]+", raw), f"{raw!r} read as {value}"


@pytest.mark.parametrize("raw", ["1_0", "+5", "٣", " 5", "5 ", "１", "0x5", "5.0", "9" * 5000])
def test_integer_rejects_lenient_forms_with_a_notice(raw):
    parsed = urlstate.Parsed()
    assert urlstate.integer({"k": raw}, "k", 0, 99, 7, parsed) == 7
    assert parsed.notices


@PROPERTY
@given(raw=TEXT)
def test_flag_is_always_a_bool(raw):
    assert urlstate.flag({"k": raw}, "k", True, urlstate.Parsed()) in (True, False)


@PROPERTY
@given(raw=TEXT)
def test_date_range_from_any_text_is_an_ordered_period_within_bounds(raw):
    start, end = urlstate.date_range({"k": raw}, "k", BOUNDS, urlstate.Parsed())
    assert BOUNDS[0] <= start <= end <= BOUNDS[1]


@PROPERTY
@given(a=st.dates(), b=st.dates())
def test_date_range_from_any_two_dates_is_an_ordered_period_within_bounds(a, b):
    parsed = urlstate.Parsed()
    raw = f"{a.isoformat()}..{b.isoformat()}"
    start, end = urlstate.date_range({"k": raw}, "k", BOUNDS, parsed)
    assert BOUNDS[0] <= start <= end <= BOUNDS[1]
    if BOUNDS[0] <= a <= b <= BOUNDS[1]:
        assert (start, end) == (a, b)
    else:
        assert parsed.notices, raw


@PROPERTY
@given(a=st.dates(max_value=date(2020, 12, 31)), b=st.dates(max_value=date(2020, 12, 31)))
def test_a_period_wholly_outside_the_data_falls_back_to_the_default(a, b):
    assume(a <= b)
    parsed = urlstate.Parsed()
    default = (date(2021, 8, 15), date(2022, 6, 30))
    raw = f"{a.isoformat()}..{b.isoformat()}"
    assert urlstate.date_range({"k": raw}, "k", BOUNDS, parsed, default) == default
    assert parsed.notices


@pytest.mark.parametrize("raw", ["0001-01-01..0001-12-31", "9999-01-01..9999-12-31", "2023-01-01..2030-01-01",
                                 "٢٠٢١-٠١-٠١..2022-01-01", "20210101..20220101", "2021-W01-1..2022-01-01"])
def test_date_range_ignores_implausible_periods_with_a_notice(raw):
    parsed = urlstate.Parsed()
    assert urlstate.date_range({"k": raw}, "k", BOUNDS, parsed) == BOUNDS
    assert parsed.notices
