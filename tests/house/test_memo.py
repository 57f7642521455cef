"""afdash.core.memo: the shared, bounded table behind ui.cached."""

import threading
import time

import pytest

from afdash.core.memo import Memo
from afdash.web import site


def test_hit_returns_the_stored_object_without_computing():
    m, calls = Memo(), []
    first = m.get("f", (1,), lambda: calls.append(1) or {"a": 1})
    assert m.get("f", (1,), lambda: calls.append(2) or {"a": 2}) is first
    assert calls == [1]
    assert m.get("g", (1,), lambda: "other") == "other"  # functions do not share results


def test_each_function_keeps_its_most_recent_results():
    m = Memo(per_function=2)
    for i in range(3):
        m.get("f", (i,), lambda i=i: i)
    m.get("f", (1,), lambda: "recomputed")  # a hit refreshes its place
    m.get("f", (3,), lambda: 3)
    assert sorted(a for _, a, _ in m.items()) == [(1,), (3,)]
    assert m.get("f", (1,), lambda: "recomputed") == 1
    assert len(m) == 2
    for i in range(5):
        m.get("big", (i,), lambda i=i: i, limit=1)  # e.g. export files: one at a time
    assert [a for k, a, _ in m.items() if k == "big"] == [(4,)]


def test_a_failure_is_not_remembered():
    m = Memo()
    with pytest.raises(ValueError):
        m.get("f", (), lambda: (_ for _ in ()).throw(ValueError("bad data")))
    assert m.get("f", (), lambda: "good") == "good"


def test_concurrent_misses_compute_once():
    m, calls = Memo(), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return object()

    results = []
    threads = [threading.Thread(target=lambda: results.append(m.get("f", ("k",), slow))) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len({id(r) for r in results}) == 1


def _canonical(value):
    """What a result means, without the caches objects keep inside themselves (a deck's serialised JSON,
    pandas' lazily computed index properties), so only a real change of content changes the fingerprint."""
    import dataclasses

    import pandas as pd

    if isinstance(value, pd.DataFrame | pd.Series):
        return (type(value).__name__, value.to_json(orient="split", date_format="iso", default_handler=str))
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return (type(value).__name__, [_canonical(v) for v in value])
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # its fields, not cached properties
        return (type(value).__name__, {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)})
    if hasattr(value, "__dict__") and not callable(value):  # pydeck Deck and Layer objects
        return (type(value).__name__, {k: _canonical(v) for k, v in vars(value).items() if k != "_afdash_json"})
    return value


def _fingerprint(value) -> str:
    import hashlib
    import pickle

    return hashlib.sha256(pickle.dumps(_canonical(value), protocol=5)).hexdigest()


class _Recording(Memo):
    """A Memo that fingerprints each result the moment it is stored."""

    def __init__(self):
        super().__init__()
        self.stored: dict[tuple, str] = {}

    def get(self, fn_key, args, compute, limit=None):
        def recorded():
            value = compute()
            self.stored[(fn_key, args)] = _fingerprint(value)
            return value

        return super().get(fn_key, args, recorded, limit)


def _page_ids(p) -> str:
    return p.url_path or "home"


@pytest.mark.parametrize("p", site.PAGES, ids=_page_ids)
def test_no_page_mutates_a_shared_result(monkeypatch, p):
    """ui.cached hands every session the same object. Draw the page's every view and sample filter with a memo
    that fingerprints each result as it is stored, then require every stored result unchanged, and every loaded
    table (ui.table, shared too) still equal to a fresh read of its file."""
    from afdash.core.paths import data_dir
    from afdash.store import catalogue, loaders
    from afdash.web import ui
    from tests.apptest_support import open_page

    memo = _Recording()
    monkeypatch.setattr(ui, "_memo", lambda: memo)
    for view, _ in p.views or ((None, ()),):
        open_page(p, {"view": view} if view else {})
    for q in p.samples:
        open_page(p, dict(pair.split("=", 1) for pair in q.split("&") if pair))
    now = {(k, a): _fingerprint(v) for k, a, v in memo.items()}
    changed = sorted(f"{k[1]}{a[1:]}" for key, h in now.items() if memo.stored[key] != h for k, a in [key])
    assert not changed, f"mutated after being cached: {changed}"
    for d in catalogue.DATASETS:
        if d.kind == "table":
            assert _fingerprint(ui.table(d.name)) == _fingerprint(loaders.load_table(d.name, data_dir())), d.name
    assert _fingerprint(ui.geo_table("provinces")) == _fingerprint(loaders.geo_properties(ui.geo("provinces")))


def test_pages_cache_their_derivations(monkeypatch):
    """The check above means something only if pages cache through ui.cached: the Security trends page alone
    stores many results."""
    from afdash.web import ui
    from tests.apptest_support import open_page

    memo = _Recording()
    monkeypatch.setattr(ui, "_memo", lambda: memo)
    security = next(p for p in site.PAGES if p.url_path == "security-trends")
    for view, _ in security.views[:5]:
        open_page(security, {"view": view})
    assert len(memo.stored) >= 10


def test_the_fingerprint_sees_a_mutation():
    import pandas as pd

    frame = pd.DataFrame({"a": [1, 2]})
    before = _fingerprint(frame)
    frame.loc[0, "a"] = 5
    assert _fingerprint(frame) != before


def test_chart_specs_carry_tables_as_arrow_and_geojson_as_json():
    from afdash.web import ui

    spec = {"mark": "bar", "datasets": {"t": [{"a": 1}, {"a": 2}],
                                        "geo": [{"type": "Feature", "geometry": None, "properties": {}}]}}
    out = ui.arrow_datasets(spec)
    assert isinstance(out["datasets"]["t"], bytes)
    assert out["datasets"]["geo"] is spec["datasets"]["geo"]  # Vega-Lite reads GeoJSON features itself
    assert isinstance(spec["datasets"]["t"], list)  # the input (e.g. a slide's spec, also exported) is untouched
    assert ui.arrow_datasets({"mark": "bar"}) == {"mark": "bar"}
