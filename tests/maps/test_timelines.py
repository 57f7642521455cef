"""Timelines carry written labels for their key events (text marks in the Vega-Lite spec), on screen and on
the briefing's slides, chosen by each timeline's documented rule."""

from __future__ import annotations

from datetime import date

import pytest

from . import real

pytestmark = pytest.mark.pipeline


def _text_marks(spec: dict) -> list[str]:
    """Every string a text mark of the spec writes (its layers' inline or named data, field `label`)."""
    datasets = spec.get("datasets", {})
    out = []

    def walk(node):
        if isinstance(node, dict):
            mark = node.get("mark")
            kind = mark.get("type") if isinstance(mark, dict) else mark
            if kind == "text" and node.get("encoding", {}).get("text", {}).get("field") == "label":
                rows = datasets.get(node.get("data", {}).get("name"), node.get("data", {}).get("values", []))
                out.extend(r["label"] for r in rows)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return out


def test_security_timeline_writes_its_key_events():
    from afdash.security import incidents

    prepared = incidents.prepare(real.table("events"), real.table("actors"), real.geo_table("provinces"),
                                 real.table("places"))
    f = incidents.EventFilter(date(2021, 1, 1), date(2022, 12, 31))
    filtered = incidents.apply(prepared, f)
    colours = incidents.category_colours(incidents.category_options(prepared))
    written = _text_marks(incidents.timeline_chart(filtered, f, colours).to_dict())
    key = incidents.key_event_labels(filtered, f)
    assert len(key) >= 8 and sorted(written) == sorted(key["label"])
    # the rule: every category on the timeline gets its earliest event named first
    for cat, g in filtered.groupby("category_label"):
        assert g.sort_values("span_start").iloc[0]["title"][:30] in " ".join(written), cat
    assert "US drone strike in Kabul" in written


def test_us_timeline_writes_its_key_instruments():
    from afdash.external import united_states as us

    timeline = us.us_timeline(real.table("us_instruments"), real.table("events"), real.table("key_figures"))
    written = _text_marks(us.timeline_chart(timeline).to_dict())
    assert len(written) >= 8
    assert any(w.startswith("US freezes USD 9.5 billion") for w in written)  # a step carrying a key figure
    assert set(timeline["type"]) == set(us.timeline_key_labels(timeline)["lane"])  # every kind named


def test_briefing_timeline_slides_write_their_events():
    from afdash.briefing import deck as decks
    from afdash.briefing import registry as views

    slides = [s for s in decks.build_deck(decks.DEFAULT_DECK, views.Tables())
              if s.view_id in ("regional_tunxi", "cooperation_russia_china")]
    assert len(slides) == 2
    for slide in slides:
        written = _text_marks(slide.chart.to_dict())
        assert len(written) >= 5, slide.view_id
        spec = slide.chart.to_dict()
        sizes = {layer["mark"].get("fontSize") for layer in spec["layer"] if isinstance(layer.get("mark"), dict)
                 and layer["mark"].get("type") == "text"}
        assert sizes and min(sizes) >= 14  # presentation size
