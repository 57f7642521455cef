"""Source cells a hostile or careless editor can type: non-finite numbers, lenient integers, impossible dates.
Each is a reported CellError, never a value and never an exception; property-based tests (Hypothesis) check
that no text at all can make the cell parser raise, and that what it accepts reads back unchanged."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from afdash.schema.fields import Field, SourceFileError, _parse_cell, parse

pytestmark = pytest.mark.unit

# The documented defaults (afdash.schema.fields.DATE_WINDOW, INT_RANGE), spelled out so a change is deliberate.
DATE_WINDOW = (date(1979, 1, 1), date(2030, 12, 31))
INT_RANGE = (-(2**63), 2**63 - 1)

NUMBER = Field("v", "number", "test")
INTEGER = Field("n", "integer", "test")
DATE = Field("d", "date", "test")
BOOLEAN = Field("b", "boolean", "test")
STRING = Field("s", "string", "test")
OPTIONAL = [Field(f.name, f.type, "optional", required=False) for f in (NUMBER, INTEGER, DATE, BOOLEAN, STRING)]


@pytest.mark.parametrize("text", ["inf", "-inf", "Infinity", "nan", "NaN", "1e999", "-1e400", "1_0.5", "٣.5",
                                  "+5", "0x10", " 1 2", "1.5.5", "1e", "١"])
def test_number_cells_that_are_not_finite_ascii_numbers_are_problems(text):
    value, problem = _parse_cell(NUMBER, text)
    assert value is None and problem, (text, value)


@pytest.mark.parametrize("text", ["1_0", "+5", "٣", "１２", "5.0", "1e3", "9" * 20, "-" + "9" * 20, "9" * 5000,
                                  "0b101", "--5"])
def test_integer_cells_take_ascii_digits_with_an_optional_minus_only(text):
    value, problem = _parse_cell(INTEGER, text)
    assert value is None and problem, (text, value)


def test_integer_cells_at_the_edges_of_int64_are_read():
    assert _parse_cell(INTEGER, str(INT_RANGE[1])) == (INT_RANGE[1], None)
    assert _parse_cell(INTEGER, str(INT_RANGE[0])) == (INT_RANGE[0], None)
    assert _parse_cell(INTEGER, "-0042") == (-42, None)


@pytest.mark.parametrize("text", ["0001-01-01", "9999-12-31", "1978-12-31", "2031-01-01", "2021-02-30",
                                  "٢٠٢١-٠١-٠١", "20210101", "2021-W01-1"])
def test_date_cells_outside_the_window_or_not_iso_are_problems(text):
    value, problem = _parse_cell(DATE, text)
    assert value is None and problem, (text, value)


def test_the_date_window_is_documented_in_the_field_constraints():
    from afdash.schema import fields

    assert (fields.DATE_WINDOW, fields.INT_RANGE) == (DATE_WINDOW, INT_RANGE)
    c = DATE.descriptor()["constraints"]
    assert (c["minimum"], c["maximum"]) == ("1979-01-01", "2030-12-31")
    assert _parse_cell(DATE, "1979-01-01")[1] is None and _parse_cell(DATE, "2030-12-31")[1] is None
    narrow = Field("d", "date", "test", window=(date(2021, 1, 1), date(2021, 12, 31)))
    assert _parse_cell(narrow, "2022-01-01")[1] and narrow.descriptor()["constraints"]["maximum"] == "2021-12-31"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n", b"\n\n\n"])
def test_an_empty_or_blank_source_file_is_a_reported_problem(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(SourceFileError) as exc:
        parse(path, [STRING])
    assert "empty.csv, row 1" in str(exc.value) and "empty" in str(exc.value)


def test_a_missing_source_or_a_folder_in_its_place_is_a_reported_problem(tmp_path):
    with pytest.raises(SourceFileError, match=r"gone\.csv.*missing"):
        parse(tmp_path / "gone.csv", [STRING])
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(SourceFileError, match=r"dir\.csv.*folder"):
        parse(tmp_path / "dir.csv", [STRING])


# --------------------------------------------------------------------------------------------------
# Properties: any text gives a value or a reported problem, and valid values read back unchanged

ALL_FIELDS = [NUMBER, INTEGER, DATE, BOOLEAN, STRING, *OPTIONAL]


@settings(max_examples=300, deadline=None)
@given(text=st.text(), f=st.sampled_from(ALL_FIELDS))
def test_any_text_gives_a_value_or_a_problem_never_an_exception(text, f):
    value, problem = _parse_cell(f, text)
    assert problem is None or (value is None and isinstance(problem, str) and problem)
    if problem is None and value is not None and f.type == "number":
        assert math.isfinite(value)
    if problem is None and value is not None and f.type == "integer":
        assert INT_RANGE[0] <= value <= INT_RANGE[1]
    if problem is None and value is not None and f.type == "date":
        assert DATE_WINDOW[0] <= value.date() <= DATE_WINDOW[1]


ASCII_NUMBER = re.compile(r"-?[0-9.]+([eE][-+]?[0-9]+)?")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("0123456789-+._eE ٣１infaINF"), max_size=12),
       f=st.sampled_from([NUMBER, INTEGER, DATE]))
def test_number_like_text_is_read_only_when_it_is_ascii_and_finite(text, f):
    value, problem = _parse_cell(f, text)
    assert (value is None) != (problem is None)
    if value is not None and f.type in ("number", "integer"):
        assert ASCII_NUMBER.fullmatch(text.strip()) and math.isfinite(value), (text, value)
    if value is not None and f.type == "integer":
        assert "." not in text and "e" not in text.lower() and not text.strip().startswith("+"), (text, value)


@given(n=st.integers(min_value=INT_RANGE[0], max_value=INT_RANGE[1]))
def test_integers_round_trip(n):
    assert _parse_cell(INTEGER, str(n)) == (n, None)


@given(x=st.floats(allow_nan=False, allow_infinity=False))
def test_finite_numbers_round_trip(x):
    assert _parse_cell(NUMBER, repr(x)) == (x, None)


@given(d=st.dates(min_value=DATE_WINDOW[0], max_value=DATE_WINDOW[1]))
def test_dates_in_the_window_round_trip(d):
    value, problem = _parse_cell(DATE, d.isoformat())
    assert problem is None and value.date() == d


@given(d=st.dates().filter(lambda d: not DATE_WINDOW[0] <= d <= DATE_WINDOW[1]))
def test_dates_outside_the_window_are_problems(d):
    value, problem = _parse_cell(DATE, d.isoformat())
    assert value is None and "window" in problem


@given(text=st.text().filter(lambda t: t.strip() != ""))
def test_strings_round_trip_stripped(text):
    assert _parse_cell(STRING, text) == (text.strip(), None)
