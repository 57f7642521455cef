"""Label placement (afdash.maps.labels), the shared legend (afdash.maps.legend) and timeline labels
(afdash.core.timeline_labels) on made-up data: pure functions, no data files."""

from __future__ import annotations

import itertools
import random
from xml.etree import ElementTree

import pandas as pd
import pytest

from afdash.core import timeline_labels
from afdash.maps import labels as L
from afdash.maps.legend import Legend, count_range, ramp_classes

pytestmark = pytest.mark.unit
SVG = "{http://www.w3.org/2000/svg}"
VIEW = {"longitude": 66.0, "latitude": 34.0, "zoom": 4.7}


def _crowd(n: int, seed: int) -> list[L.Label]:
    rng = random.Random(seed)
    return [L.Label(f"Place {i} " + "x" * rng.randint(0, 12), 66 + rng.uniform(-6, 6), 34 + rng.uniform(-4, 4),
                    size=rng.choice([11, 12, 13]), priority=rng.randint(0, 5)) for i in range(n)]


def test_world_pixels_round_trip_and_grow_with_zoom():
    x, y = L.world_px(66.0, 34.0, 4.7)
    lon, lat = L.lonlat(x, y, 4.7)
    assert lon == pytest.approx(66.0) and lat == pytest.approx(34.0)
    assert L.world_px(67.0, 34.0, 5.7)[0] - L.world_px(66.0, 34.0, 5.7)[0] == pytest.approx(
        2 * (L.world_px(67.0, 34.0, 4.7)[0] - x))
    assert L.world_px(66.0, 35.0, 4.7)[1] < y  # north is up


def test_label_box_grows_with_text_and_font_and_lines():
    short, long_ = L.text_size("Kabul", 12), L.text_size("Kabul province", 12)
    assert long_[0] > short[0] and L.text_size("Kabul", 16)[0] > short[0]
    assert L.text_size("a\nb", 12)[1] > L.text_size("a", 12)[1]


@pytest.mark.parametrize("seed", range(5))
def test_placed_labels_never_overlap_each_other_obstacles_or_the_frame(seed):
    frame = L.frame_box(VIEW, (900, 440))
    dot = L.dot_box(66.0, 34.0, 10, VIEW["zoom"])
    placed = L.place(_crowd(80, seed), VIEW["zoom"], frame=frame, obstacles=[dot])
    boxes = L.boxes(placed)
    assert placed and len(placed) < 80  # some dropped, some kept
    assert not L.any_overlap(boxes)
    assert not any(L.overlaps(b, dot) for b in boxes)
    assert all(L.inside(b, frame) for b in boxes)


def test_placement_is_deterministic_and_higher_priority_wins():
    crowd = _crowd(40, 7)
    assert L.place(crowd, VIEW["zoom"]) == L.place(crowd, VIEW["zoom"])
    twins = [L.Label("Low", 66, 34, priority=0), L.Label("High", 66, 34, priority=9)]
    texts = [r["text"] for r in L.place(twins, VIEW["zoom"], offsets=((0, 0),))]
    assert texts == ["High"]  # same spot: only the more important one stays


def test_a_colliding_label_moves_beside_its_spot_before_it_is_dropped():
    a, b = L.Label("Kabul (4)", 69.2, 34.5, priority=2), L.Label("Parwan (1)", 69.2, 34.6, priority=1)
    rows = L.place([a, b], VIEW["zoom"])
    assert [r["text"] for r in rows] == ["Kabul (4)", "Parwan (1)"]
    assert (rows[1]["lon"], rows[1]["lat"]) != (69.2, 34.6)  # moved
    assert not L.any_overlap(L.boxes(rows))


def test_anchor_is_inside_the_shown_part_of_a_country():
    from shapely.geometry import Point, box

    russia = box(30, 45, 120, 75)
    frame = (40, 20, 90, 52)
    lon, lat = L.anchor_in(russia, frame)
    assert russia.contains(Point(lon, lat)) and 40 <= lon <= 90 and 45 <= lat <= 52
    assert L.anchor_in(box(0, 0, 1, 1), frame) is None  # not on the map: no label


def test_fit_view_frames_the_box():
    view = L.fit_view((60.0, 29.0, 75.0, 38.5), (720, 420))
    frame = L.frame_lonlat(view, (720, 420))
    assert frame[0] <= 60.0 + 1e-6 and frame[2] >= 75.0 - 1e-6 and frame[1] <= 29.0 + 1e-6 and frame[3] >= 38.5 - 1e-6


# ------------------------------------------------------------------------------------------------ legend
def test_legend_svg_is_wellformed_escaped_and_lists_each_entry_with_its_shape():
    key = Legend('Events <b>"x"</b>', note="Units & source").add("#ff0000", "A & B").add([0, 0, 0, 255], "Dot",
                                                                                          "circle")
    key.add("#123456", "Ring", "ring")
    svg = ElementTree.fromstring(key.svg())
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[0] == 'Events <b>"x"</b>' and "A & B" in texts and texts[-1] == "Units & source"
    assert [r.get("fill") for r in svg.iter(f"{SVG}rect")] == ["#ff0000", "none"]
    assert [c.get("fill") for c in svg.iter(f"{SVG}circle")] == ["#000000"]
    assert key.colours() == {"#ff0000", "#000000", "#123456"}
    assert key.alt().startswith('Key, Events <b>"x"</b>: A & B; Dot; Ring')


def test_ramp_classes_cover_the_counts_in_use():
    classes = ramp_classes([0, 1, 1, 2, 5, 9])
    assert classes[0][1] == 1 and classes[-1][2] == 9
    assert all(lo <= hi for _, lo, hi in classes) and len({c for c, _, _ in classes}) == len(classes)
    assert ramp_classes([]) == [] and ramp_classes([0, 0]) == []
    assert count_range(1, 1, "event") == "1 event" and count_range(2, 3, "event") == "2–3 events"


# -------------------------------------------------------------------------------------------- timelines
def _events(n: int) -> pd.DataFrame:
    days = pd.date_range("2021-08-01", periods=n, freq="5D")
    return pd.DataFrame({"date": days, "title": [f"Event number {i} with a long title" for i in range(n)],
                         "lane": ["a" if i % 2 else "b" for i in range(n)], "prio": range(n)})


def test_timeline_labels_do_not_overlap_in_a_lane_row_and_stay_in_the_chart():
    ev = _events(30)
    domain = (pd.Timestamp("2021-07-20"), pd.Timestamp("2022-02-01"))
    out = timeline_labels.place(ev, "date", "title", "lane", domain, 760, 12, priority="prio")
    assert 0 < len(out) < 30
    for _, g in out.groupby(["lane", "row"]):
        spans = list(zip(g["x0"], g["x1"], strict=True))
        assert all(b[0] >= a[1] or a[0] >= b[1] for a, b in itertools.combinations(spans, 2))
    assert (out["x0"] >= 0).all() and (out["x1"] <= 760).all()
    assert out.iloc[0]["label"] == "Event number 0 with a long title"  # the most important first


def test_timeline_limit_and_shortening():
    ev = _events(10)
    domain = (pd.Timestamp("2021-07-01"), pd.Timestamp("2022-01-01"))
    out = timeline_labels.place(ev, "date", "title", "lane", domain, 2000, 12, priority="prio", limit=3)
    assert list(out["label"]) == [f"Event number {i} with a long title" for i in range(3)]
    assert timeline_labels.shorten("x" * 80).endswith("…") and len(timeline_labels.shorten("x" * 80)) == 42
