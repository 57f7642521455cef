"""The store's pre-aggregated tables (afdash.userevents.cube): every query answered from them equals the same
query over the events, they follow the events file, and the engine's cursors answer side by side."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from afdash.intake.pipeline import import_files
from afdash.userevents import cube, query, store
from afdash.userevents.filters import Filter

from .support import awkward_files

pytestmark = pytest.mark.pipeline
QUERIES = ("monthly", "provinces", "actors", "count")
FIRST, LAST = dt.date(2016, 11, 1), dt.date(2025, 2, 28)  # a little beyond the generated span (2017–2024)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cube")
    import_files(awkward_files(tmp), tmp / "store")
    return tmp / "store"


@pytest.fixture(scope="module")
def tables(folder):
    got = query.open_tables(folder)
    assert got.cube is not None and got.actor_cube is not None
    return got


@pytest.fixture(scope="module")
def frame(folder):
    return pd.read_parquet(folder / "events.parquet")


def _same(tables: query.Tables, f: Filter) -> None:
    raw = query.Tables(tables.events)
    for name in QUERIES:
        got, want = getattr(query, name)(tables, f), getattr(query, name)(raw, f)
        if isinstance(want, pd.DataFrame):
            pd.testing.assert_frame_equal(got, want, obj=f"{name} {f}")
        else:
            assert got == want, (name, f)


def _month(d: dt.date, last: bool) -> dt.date:
    return cube._next_month(d) - dt.timedelta(days=1) if last else d.replace(day=1)


@st.composite
def filters(draw, frame: pd.DataFrame) -> Filter:
    def some(col: str, extra: tuple = ()) -> tuple:
        values = sorted({*frame[col].dropna().unique(), *extra})
        return tuple(draw(st.lists(st.sampled_from(values), max_size=2, unique=True)))

    days = st.one_of(st.none(), st.dates(FIRST, LAST))
    start, end = draw(days), draw(days)
    if draw(st.booleans()):  # whole months, which the cubes answer
        start, end = (start and _month(start, False)), (end and _month(end, True))
    actors = sorted({*frame["actor_1"].dropna(), *frame["actor_2"].dropna()} - {""})
    return Filter(start, end, some("source", ("nope",)), some("event_type"), some("country_iso3", ("XXX",)),
                  draw(st.one_of(st.none(), st.sampled_from(sorted(set(frame["province_code"]) | {"AF-ZZZ"})))),
                  draw(st.one_of(st.none(), st.sampled_from([*actors, "Nobody"]))))


def test_the_generated_rows_hold_the_awkward_cases(frame):
    assert (frame["actor_1"] == frame["actor_2"]).any()  # one actor on both sides: counted once when filtering
    assert (frame["actor_2"].fillna("") == "").any()  # a side nobody named
    assert frame["deaths_low"].isna().any()  # ACLED gives no low estimate
    assert (frame["province_code"] == "").any() and (frame["country_iso3"] != "AFG").any()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_every_query_from_the_cubes_equals_the_query_over_the_events(tables, frame, data):
    _same(tables, data.draw(filters(frame)))


def test_the_views_filters_are_answered_by_the_cubes(tables):
    for f in (Filter(), Filter(types=("Battles",)), Filter(province="AF-KAB"), Filter(actor="Taleban"),
              Filter(dt.date(2020, 1, 1), dt.date(2021, 12, 31), countries=("AFG",))):
        assert query._summed(tables, f) is not None, f
        assert f.actor or query._summed(tables, f, ranking=True) is not None, f
    assert query._summed(tables, Filter(dt.date(2020, 1, 2))) is None  # a partial month: the events answer
    assert query._summed(tables, Filter(actor="Taleban"), ranking=True) is None
    pd.testing.assert_frame_equal(query.overview(tables), query.overview(query.Tables(tables.events)))


def test_monthly_totals_per_grain_match_the_rows(tables, frame):
    for grain in ("M", "Q", "Y"):
        m = query.monthly(tables, Filter(), grain)
        assert (m["events"].sum(), m["deaths"].sum()) == (len(frame), frame["deaths_best"].sum())


@given(start=st.one_of(st.none(), st.dates(FIRST, LAST)), end=st.one_of(st.none(), st.dates(FIRST, LAST)))
def test_a_period_splits_into_whole_months_and_leftover_days(start, end):
    months, partial = cube.split(start, end)
    lo, hi = start or FIRST, end or LAST
    days = {lo + dt.timedelta(n) for n in range((hi - lo).days + 1)}
    ends = [(a or lo, b or hi) for a, b in partial]
    covered = [a + dt.timedelta(n) for a, b in ends for n in range((b - a).days + 1)]
    if months:
        first, stop = months
        assert first is None or first.day == 1
        assert stop is None or stop.day == 1
        covered += [d for d in days if (first is None or d >= first) and (stop is None or d < stop)]
    assert sorted(covered) == sorted(days)  # every day of the period once, nothing else


def test_the_cubes_follow_the_events_file(tmp_path, folder):
    copy = tmp_path / "store"
    copy.mkdir()
    for name in (store.EVENTS, store.CUBE, store.ACTOR_CUBE):
        (copy / name).write_bytes((folder / name).read_bytes())
    assert not cube.current(copy)  # copied files: the events' state is not the one the cubes summed
    stale = store.cube_path(copy).stat().st_mtime_ns
    assert query.open_tables(copy).cube is not None and cube.current(copy)
    assert store.cube_path(copy).stat().st_mtime_ns != stale
    os.utime(store.events_path(copy), ns=(1, 1))  # the events changed after the cubes were written
    assert not cube.current(copy)
    store.actor_cube_path(copy).unlink()
    cube.build_files(copy)
    assert cube.current(copy)


def test_the_engines_cursors_answer_side_by_side_as_one_connection_would(folder, tables):
    engine = query.Engine(folder, cursors=3)
    asks = [Filter(types=(t,)) for t in ("Battles", "Riots", "one-sided violence")] * 3

    def ask(f: Filter):
        with engine.tables() as mine:
            return query.monthly(mine, f), query.provinces(mine, f)

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(ask, asks))
    for f, (monthly, provinces) in zip(asks, got, strict=True):
        pd.testing.assert_frame_equal(monthly, query.monthly(tables, f))
        pd.testing.assert_frame_equal(provinces, query.provinces(tables, f))


def test_a_store_whose_cubes_cannot_be_written_is_answered_from_the_events(tmp_path, folder, frame,
                                                                          monkeypatch):
    copy = tmp_path / "store"
    copy.mkdir()
    (copy / store.EVENTS).write_bytes((folder / store.EVENTS).read_bytes())

    monkeypatch.setattr(cube, "rebuild", lambda folder: False)  # as when the folder is read-only
    got = query.open_tables(copy)
    assert got.cube is None and got.actor_cube is None
    assert query.count(got, Filter()) == len(frame)
