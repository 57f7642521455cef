"""`make bench` (python -m tools.bench): every page timed against the platform's floor, in one run, into BENCHMARKS.md.

The timing tool is the team's `../shared/tools/measure_app.py`; the floors are in `../shared/tools/floor/`:
`app.py` (a title per URL path: the targets' floor), `chart_app.py` (a title and one small Vega-Lite chart) and
`map_app.py` (a title and one offline pydeck map), with afdash's URL paths. Each URL path is measured in its own
measure_app run with every server interleaved on it (A B C D, D C B A, …), so machine noise hits a page and its
floors alike and the ratios hold across machines (the tool loads each app's pages in one block per round: in one
run over every path, a page and its floor were timed minutes apart); a last run of afdash alone over every page
gives its server's memory:

* page ready ÷ title floor ready (same path):    ≤ 1.5, or ≤ 2.0 for a view that draws a map
* rerun after a filter change ÷ floor ready:     ≤ 0.4
* afdash server RSS after every page was visited: ≤ 250 MB

measure_app runs every --interact SPEC on every page of every app, and the floor has no widgets, so a
small driver (`python -m tools.bench …`, below) runs measure_app's own main() with each afdash page's
interaction (site.PageSpec.interaction) applied to that page only. Nothing else about the tool changes.

Pages split into views (site.PageSpec.views) are timed on every view; a view gets the map target when it draws
a map (site.PageSpec.draws_map). Each path is also shown against its matching floor (the map floor for a map
view, the chart floor where afdash drew a chart, else the title floor): what the page costs beyond the one
chart or map that Streamlit itself makes expensive. The report also times the search engine's server time per
query in-process (no browser), for the load test's sample queries.

`--smoke` (CI): one warm-up and one measured load per page as opened (default views only, title floor only, to
stay short), failing only above 3× the floor; a page over it on its one load is timed again (median of three) first.
The pages come from afdash.web.site.PAGES, so pages added later are measured without touching this file.
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from afdash.core.paths import PROJECT_ROOT
from afdash.web import site

PAGE_TARGET = 1.5
MAP_TARGET = 2.0
RERUN_TARGET = 0.4
RSS_TARGET_MB = 250.0
SMOKE_LIMIT = 3.0

BENCHMARKS = PROJECT_ROOT / "BENCHMARKS.md"
MEASURE_DIR = PROJECT_ROOT / ".measure"
RUN_TIMEOUT_S = 60 * 60  # the whole measure_app run; each page load has its own 60 s limit inside the tool
# The floor apps, in the order measured: the title floor (the targets' floor) first, afdash last.
FLOORS = {"title": "app.py", "chart": "chart_app.py", "map": "map_app.py"}
CHART_TESTIDS = ("stVegaLiteChart", "stArrowVegaLiteChart", "stPlotlyChart", "stGraphVizChart")


def tools_dir() -> Path:
    """The team's shared tools live beside the project, not in it (users' machines do not have them)."""
    return Path(os.environ.get("AFDASH_TOOLS_DIR", PROJECT_ROOT.parent / "shared" / "tools")).resolve()


FLOOR_NOT_FOUND = "The page that you have requested does not seem to exist"


def floor_path(path: str, floor_text: str | None = None, kind: str = "title") -> str:
    """The floor's page to compare a path with: the same path where the floor has it, else its landing page
    (the floor is a read-only shared file, and a page added to afdash later, such as /search, may not be in it;
    every page of a floor is the same, so its landing page is a fair stand-in)."""
    if floor_text is None:
        floor = tools_dir() / "floor" / FLOORS[kind]
        floor_text = floor.read_text() if floor.exists() else None
    url = path.split("?")[0].lstrip("/")
    return path if floor_text is None or url == "" or f'"{url}"' in floor_text else "/"


def view_of(path: str) -> str | None:
    """The ?view= of a timed URL path (None: the page as opened)."""
    m = re.search(r"[?&]view=([^&]+)", path)
    return m.group(1) if m else None


def draws_map(page: site.PageSpec, path: str | None = None) -> bool:
    return page.draws_map(view_of(path or page.path))


def target(page: site.PageSpec, path: str | None = None) -> float:
    return MAP_TARGET if draws_map(page, path) else PAGE_TARGET


def floors(tools: Path, smoke: bool = False) -> dict[str, Path]:
    """The floor apps on this machine, title floor first; the smoke run measures only the title floor."""
    kinds = ["title"] if smoke else list(FLOORS)
    return {k: tools / "floor" / FLOORS[k] for k in kinds if k == "title" or (tools / "floor" / FLOORS[k]).exists()}


def interactions(pages: list[site.PageSpec]) -> dict[str, str]:
    return {p.path: p.interaction for p in pages if p.interaction}


def _rel(path: Path) -> str:
    try:
        return os.path.relpath(path, PROJECT_ROOT)
    except ValueError:
        return str(path)


def timed_paths(pages: list[site.PageSpec], views: bool = True) -> list[tuple[site.PageSpec, str, str]]:
    """(page, label, URL path) of everything timed: each page as opened, then (with `views`) each of its other
    views (`?view=<id>`), so a page split into views is judged on every view, not only on its lightest, and its
    `timed` query strings (the Search page with a query)."""
    out = []
    for p in pages:
        out.append((p, p.title, p.path))
        if views:
            out += [(p, f"{p.title} · {view}", path)
                    for (view, _), path in zip(p.views[1:], p.view_paths, strict=True)]
            out += [(p, f"{p.title} · {query}", f"{p.path}?{query}") for query in p.timed]
    return out


def measure_argv(pages: list[site.PageSpec], tools: Path, runs: int, warmup: int, json_out: Path,
                 views: bool = True, smoke: bool = False, events_dir: Path | None = None,
                 only: Collection[str] | None = None, floors_too: bool = True) -> list[str]:
    """measure_app's arguments: the floors first (title, chart, map), then afdash, every page (and view), one
    JSON file; with `events_dir`, the servers read imported events from that store (the imported-events views
    are then timed over it, e.g. a million rows). `only`: just these URL paths; `floors_too=False`: afdash
    alone."""
    argv = [*(_rel(f) for f in floors(tools, smoke).values() if floors_too), "app.py"]
    if events_dir is not None:
        argv += ["--env", f"AFDASH_EVENTS_DIR={Path(events_dir).resolve()}"]
    paths = [path for _, _, path in timed_paths(pages, views)]
    if only is not None:  # in the benchmark's order; a floor's stand-in page may be one afdash does not time
        paths = [p for p in paths if p in only] + sorted(set(only) - set(paths))
    for path in paths:
        argv += ["--page", path]
    # The floor answers a path it lacks (see floor_path) by drawing its landing page with a "not found" console
    # message: that message alone does not fail the run.
    return [*argv, "--runs", str(runs), "--warmup", str(warmup), "--json-out", _rel(json_out),
            "--allow-console", FLOOR_NOT_FOUND]


# --------------------------------------------------------------------------------------------------
# The report: a pure function of measure_app's JSON.


@dataclass
class Check:
    what: str
    value: float | None
    limit: float
    unit: str = "×"
    path: str = ""  # the URL path timed, for page-ready checks

    @property
    def ok(self) -> bool:
        return self.value is not None and self.value <= self.limit


@dataclass
class Report:
    markdown: str
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.ok]


def _median(summary: dict | None, key: str) -> float | None:
    s = (summary or {}).get(key)
    return s["median"] if s else None


def _split_apps(result: dict, floor_name: str = "floor") -> tuple[dict[str, dict], dict]:
    """({floor kind: entry}, afdash entry): a floor is an app in a 'floor' folder, its kind named by its file
    (FLOORS); afdash is the other app."""
    apps = result.get("apps", [])
    by_file = {v: k for k, v in FLOORS.items()}
    found: dict[str, dict] = {}
    for a in apps:
        path = Path(a.get("app", ""))
        if floor_name in path.parts and path.name in by_file:
            found.setdefault(by_file[path.name], a)
    if "title" not in found and apps:
        found["title"] = apps[0]
    own = next((a for a in apps if all(a is not f for f in found.values())), {})
    return found, own


def _drew_chart(summary: dict | None) -> bool:
    charts = (summary or {}).get("charts") or {}
    return any(charts.get(t) for t in CHART_TESTIDS)


def matching_floor(page: site.PageSpec, path: str, summary: dict | None, available) -> str:
    """The floor a path is compared with beyond the target: the map floor for a view that draws a map, the
    chart floor where afdash drew a chart, else the title floor (each only if it was measured)."""
    if draws_map(page, path) and "map" in available:
        return "map"
    if _drew_chart(summary) and "chart" in available:
        return "chart"
    return "title"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


SMOKE_RETRY_RUNS = 3


def retry_pages(rep: Report, pages: list[site.PageSpec]) -> list[site.PageSpec]:
    """The pages a smoke run found over the limit on their one load, to be timed again; none if anything
    else failed (a missing page, a rerun), which a retry would not explain away."""
    if any(c.value is None or not c.path for c in rep.failures):
        return []
    paths = {c.path for c in rep.failures}
    return [p for p in pages if p.path in paths]


def _floor_text(kind: str) -> str | None:
    return _read_floor(tools_dir() / "floor" / FLOORS[kind])


@functools.cache
def _read_floor(f: Path) -> str | None:
    """A floor's source, read once per file (the per-path benchmark asks for it for every path and app)."""
    return f.read_text() if f.exists() else None


def _fmt(x: float | None, digits: int = 0) -> str:
    return "—" if x is None else f"{x:,.{digits}f}"


def _verdict(c: Check) -> str:
    return "pass" if c.ok else ("**not measured**" if c.value is None else "**FAIL**")


def report(result: dict, pages: list[site.PageSpec], command: str, when: str, machine: str,
           smoke: bool = False) -> Report:
    """BENCHMARKS.md's benchmark section and the checks behind it, from one measure_app result."""
    found, own = _split_apps(result)
    floor = found["title"]
    checks: list[Check] = []
    names = {k: f"{k} floor" for k in found}
    lines = [
        f"Command: `{command}`  ",
        f"Run: {when}; machine: {machine}; Streamlit {own.get('streamlit', '?')}, "
        f"Chromium {result.get('chromium', '?')}.  ",
        f"measure_app: `python {shlex.join(['../shared/tools/measure_app.py', *result.get('argv', [])])}` "
        "(each page's filter interaction applied to that afdash page only; see `tools.bench`)"
        + (f"; one such run per URL path ({result['per_path']} runs, the first shown), then afdash alone over "
           "every page for its memory." if result.get("per_path") else "."),
        "",
        "Every figure below comes from this benchmark: afdash and the floors (" + ", ".join(
            f"{names[k]} `{FLOORS[k]}`" for k in found) + ") were loaded interleaved in fresh headless-Chromium "
        "contexts" + (", path by path" if result.get("per_path") else "") + "; values are medians. The target "
        "is afdash ÷ the title floor; the matching floor (the map "
        "floor for a view with a map, the chart floor for one with a chart) shows what a page costs beyond the "
        "one chart or map. Server CPU and browser main-thread time are less noisy than wall time.",
        "",
        "### Page ready (navigation start → everything drawn), afdash ÷ floor on the same path",
        "",
        "| Page | Path | Map | afdash ready (ms) | title floor (ms) | ratio | target | result "
        "| matching floor (ms) | ratio | server CPU afdash / title floor (ms) | browser main thread afdash / "
        "matching floor (ms) |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    texts = {k: _floor_text(k) for k in found}
    # a per-path benchmark keeps each floor's stand-in page under the afdash path it was measured beside
    floor_path_ = (lambda path, *_: path) if result.get("per_path") else floor_path
    for p, label, path in timed_paths(pages, views=not smoke):
        mine = own.get("pages", {}).get(path, {}).get("summary")
        base = floor.get("pages", {}).get(floor_path_(path, texts["title"]), {}).get("summary")
        ready, floor_ready = _median(mine, "ready_ms"), _median(base, "ready_ms")
        limit = SMOKE_LIMIT if smoke else target(p, path)
        c = Check(f"{label} ({path}) ready ÷ floor", _ratio(ready, floor_ready), limit, path=path)
        checks.append(c)
        kind = matching_floor(p, path, mine, found)
        other = found[kind].get("pages", {}).get(floor_path_(path, texts[kind], kind), {}).get("summary")
        other_ready = _median(other, "ready_ms")
        lines.append(
            f"| {label} | `{path}` | {'yes' if draws_map(p, path) else 'no'} | {_fmt(ready)} | {_fmt(floor_ready)} "
            f"| {_fmt(c.value, 2)} | ≤ {limit:.1f} | {_verdict(c)} "
            f"| {kind}: {_fmt(other_ready)} | {_fmt(_ratio(ready, other_ready), 2)} "
            f"| {_fmt(_median(mine, 'server_cpu_ms'))} / {_fmt(_median(base, 'server_cpu_ms'))} "
            f"| {_fmt(_median(mine, 'browser_task_ms'))} / {_fmt(_median(other, 'browser_task_ms'))} |"
        )
    with_interaction = [p for p in pages if p.interaction]
    if with_interaction:
        lines += [
            "",
            "### Rerun after a filter change (input event → ready again), ÷ floor ready on the same path",
            "",
            "| Page | Interaction | rerun (ms) | floor ready (ms) | ratio | target | result |",
            "| --- | --- | ---: | ---: | ---: | ---: | --- |",
        ]
        for p in with_interaction:
            mine = own.get("pages", {}).get(p.path, {}).get("summary") or {}
            inter = mine.get("interactions", {}).get(p.interaction, {})
            rerun = _median(inter, "rerun_ms")
            floor_ready = _median(floor.get("pages", {}).get(floor_path_(p.path, texts["title"]), {})
                                  .get("summary"), "ready_ms")
            c = Check(f"{p.title} ({p.path}) rerun ÷ floor ready", _ratio(rerun, floor_ready),
                      SMOKE_LIMIT if smoke else RERUN_TARGET)
            if not smoke:
                checks.append(c)
            verdict = "smoke: not judged" if smoke else _verdict(c)
            lines.append(f"| {p.title} | `{p.interaction}` | {_fmt(rerun)} | {_fmt(floor_ready)} "
                         f"| {_fmt(c.value, 2)} | ≤ {c.limit:.1f} | {verdict} |")
    rss = own.get("server_rss_mb_after_runs")
    c = Check("afdash server RSS after every page was visited", rss, RSS_TARGET_MB, " MB")
    if not smoke:
        checks.append(c)
    lines += [
        "",
        "### Server memory after every page has been visited",
        "",
        "| Server | RSS after all runs (MB) | peak RSS (MB) | target | result |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| afdash | {_fmt(rss)} | {_fmt(own.get('server_rss_peak_mb'))} | ≤ {RSS_TARGET_MB:.0f} MB "
        f"| {_verdict(c) if not smoke else 'smoke: not judged'} |",
        *(f"| {names[k]} | {_fmt(f.get('server_rss_mb_after_runs'))} | {_fmt(f.get('server_rss_peak_mb'))} "
          "| — | — |" for k, f in found.items()),
        "",
    ]
    failures = [x for x in checks if not x.ok]
    if failures:
        lines.append("**Targets missed:** " + "; ".join(
            f"{x.what} = {_fmt(x.value, 2)}{x.unit} (limit {x.limit}{x.unit})" for x in failures))
    else:
        lines.append(f"**Every target met** ({len(checks)} checks).")
    return Report("\n".join(lines) + "\n", checks)


# --------------------------------------------------------------------------------------------------
# The search engine's server time per query, in-process (what a /search load costs the server besides drawing).

SEARCH_REPEATS = 7


def search_timings(pages: list[site.PageSpec], repeats: int = SEARCH_REPEATS) -> str:
    """A Markdown section: opening the build's index file and building it in memory instead, then each of the
    Search page's load-test queries (site.PageSpec.samples) run `repeats` times uncached (median and worst)."""
    from urllib.parse import parse_qsl

    from afdash.core.paths import index_dir
    from afdash.search import engine, index, index_file
    from afdash.store import loaders

    spec = next((p for p in pages if p.script == "pages/search.py"), None)
    if spec is None:
        return ""
    docs, actors = loaders.load_table("search_documents"), loaders.load_table("actors")
    t = time.perf_counter()
    try:
        con = index_file.open_read_only(index_dir(), loaders.resource("search_documents")["hash"], len(docs))
        opened = f"{(time.perf_counter() - t) * 1000:,.1f} ms"
    except index_file.IndexFileError as exc:
        con, opened = None, f"not usable ({exc})"
    t = time.perf_counter()
    index.Index(docs, actors)
    built = (time.perf_counter() - t) * 1000
    ix = index.Index(docs, actors, con=con)
    lines = [
        "### Search: server time per query (in-process, uncached)",
        "",
        f"Index: {len(docs):,} documents; opening the build's file `data/index/search.sqlite`: {opened}; building "
        f"it in memory instead (the fallback): {built:,.0f} ms. Each query below is the Search page's search "
        f"(parse, match, rank, facets), run {repeats} times without the app's result cache.",
        "",
        "| Query (URL) | rows matching (after its filters) | median (ms) | max (ms) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for sample in spec.samples:
        params = dict(parse_qsl(sample))
        q = params.pop("q", "")
        times = []
        for _ in range(repeats):
            t = time.perf_counter()
            result = engine.search(ix, q, params)
            times.append((time.perf_counter() - t) * 1000)
        lines.append(f"| `{sample or '(empty)'}` | {result.total:,} | {statistics.median(times):,.1f} "
                     f"| {max(times):,.1f} |")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------------
# BENCHMARKS.md: sections between markers, so the benchmark and the load test each replace only their own.

HEADER = "# Benchmarks\n\nafdash's quality gates: how fast every page is against the platform's floor, and how the " \
         "server holds up under load. Regenerate with `make bench` and `make loadtest` (see README).\n"


def replace_section(text: str, name: str, title: str, body: str) -> str:
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n## {title}\n\n{body.rstrip()}\n{end}"
    if not text.strip():
        text = HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if pattern.search(text):
        return pattern.sub(lambda _: block, text)
    return text.rstrip() + "\n\n" + block + "\n"


def write_section(name: str, title: str, body: str, path: Path = BENCHMARKS) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    text = replace_section(old, name, title, body)
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def machine() -> str:
    load = os.getloadavg()
    return f"{os.cpu_count()} CPUs (nproc), load average {load[0]:.2f} at the end"


# --------------------------------------------------------------------------------------------------
# Running measure_app.


def run_measure(pages: list[site.PageSpec], tools: Path, runs: int, warmup: int, json_out: Path,
                quiet: bool = False, views: bool = True, events_dir: Path | None = None,
                only: Collection[str] | None = None, floors_too: bool = True) -> tuple[int, dict | None]:
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.unlink(missing_ok=True)
    argv = measure_argv(pages, tools, runs, warmup, json_out, views=views, smoke=not views, events_dir=events_dir,
                        only=only, floors_too=floors_too)
    cmd = [sys.executable, "-m", "tools.bench_driver", str(tools / "measure_app.py"), json.dumps(interactions(pages)),
           *argv]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT / "src"),
                                                                      os.environ.get("PYTHONPATH")]))}
    proc = subprocess.run(cmd, cwd=PROJECT_ROOT, env=env, timeout=RUN_TIMEOUT_S,
                          stdout=subprocess.PIPE if quiet else None, text=True)
    result = json.loads(json_out.read_text()) if json_out.exists() else None
    if proc.returncode and quiet and proc.stdout:
        print("\n".join(proc.stdout.splitlines()[-30:-1]), file=sys.stderr)
    return proc.returncode, result


def stand_ins(path: str, kinds: Collection[str]) -> dict[str, str]:
    """{floor kind: the floor's page to compare `path` with} (see floor_path)."""
    return {k: floor_path(path, _floor_text(k), k) for k in kinds}


def merge_results(per_path: list[tuple[str, dict]], tour: dict | None = None) -> dict:
    """One measure_app result from one run per path ((path, result), same apps in the same order): each app's
    measurement of that path, a floor's under the path even when it stood in with another page of its own
    (`floor_path`: the floors have no /search); the afdash server's memory from `tour`, a run of afdash alone
    over every page (each per-path server saw one path)."""
    if not per_path:
        return {"ok": False, "error": "nothing measured", "apps": []}
    merged = copy.deepcopy(per_path[0][1])
    merged["ok"] = all(r.get("ok") for _, r in per_path) and (tour is None or bool(tour.get("ok")))
    merged["per_path"] = len(per_path)
    merged["loadavg_end"] = per_path[-1][1].get("loadavg_end")
    found, own = _split_apps(merged)
    kind_of = {id(entry): k for k, entry in found.items()}
    for app in merged["apps"]:
        app["pages"] = {}
    for path, result in per_path:
        for app, measured in zip(merged["apps"], result.get("apps", []), strict=False):
            kind = kind_of.get(id(app))
            page = floor_path(path, _floor_text(kind), kind) if kind else path
            if page in measured.get("pages", {}):
                app["pages"][path] = measured["pages"][page]
            app["server_rss_peak_mb"] = max(app.get("server_rss_peak_mb") or 0, measured.get("server_rss_peak_mb") or 0)
    tour_own = tour["apps"][-1] if tour and tour.get("apps") else None
    if own and tour_own is not None:
        own["server_rss_mb_after_runs"] = tour_own.get("server_rss_mb_after_runs")
        own["server_rss_peak_mb"] = tour_own.get("server_rss_peak_mb")
    return merged


def run_per_path(pages: list[site.PageSpec], tools: Path, runs: int, warmup: int, json_out: Path,
                 events_dir: Path | None = None) -> tuple[int, dict | None]:
    """The full benchmark: one measure_app run per URL path, every floor and afdash interleaved on that path
    alone, then afdash alone once over every page for its memory. measure_app loads each app's pages in one
    block per round: per path, a page and its floors are loaded seconds apart, not minutes."""
    results = []
    paths = [path for _, _, path in timed_paths(pages)]
    folder = json_out.parent / json_out.stem
    kinds = list(floors(tools))
    for i, path in enumerate(paths, 1):
        print(f"bench: {i}/{len(paths)} {path}", file=sys.stderr, flush=True)
        code, result = run_measure(pages, tools, runs, warmup, folder / f"{i:02d}.json", events_dir=events_dir,
                                   only={path, *stand_ins(path, kinds).values()})
        if result is None or not result.get("ok"):
            return code or 2, result
        results.append((path, result))
    print("bench: afdash alone over every page (server memory)", file=sys.stderr, flush=True)
    code, tour = run_measure(pages, tools, 1, 0, folder / "tour.json", events_dir=events_dir, floors_too=False)
    if tour is None or not tour.get("ok"):
        return code or 2, tour
    merged = merge_results(results, tour)
    json_out.write_text(json.dumps(merged))
    return 0, merged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="measured loads per page and app (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="discarded warm-up loads per page and app (default 1)")
    ap.add_argument("--smoke", action="store_true",
                    help="CI: 1 warm-up + 1 run per page, fail only above 3× the floor, BENCHMARKS.md untouched")
    ap.add_argument("--out", type=Path, default=BENCHMARKS, help="markdown file to update (default BENCHMARKS.md)")
    ap.add_argument("--events-dir", type=Path, default=None,
                    help="time the imported-events views over this store (e.g. one made by `python -m "
                         "tools.bench_events --rows 1000000 --keep DIR`); sets AFDASH_EVENTS_DIR for the servers")
    args = ap.parse_args(argv)
    tools = tools_dir()
    if not (tools / "measure_app.py").exists() or not (tools / "floor" / "app.py").exists():
        print(f"bench: skipped — the shared timing tools are not on this machine ({tools}); "
              "they live beside the project in the team's checkout (../shared/tools).")
        return 0
    runs, warmup = (1, 1) if args.smoke else (args.runs, args.warmup)
    pages = list(site.PAGES)
    json_out = MEASURE_DIR / ("bench-smoke.json" if args.smoke else "bench.json")
    command = "python -m tools.bench " + ("--smoke" if args.smoke else f"--runs {runs} --warmup {warmup}") + (
        f" --events-dir {args.events_dir}" if args.events_dir else "")
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    if args.smoke:
        code, result = run_measure(pages, tools, runs, warmup, json_out, quiet=True, views=False)
    else:
        code, result = run_per_path(pages, tools, runs, warmup, json_out, events_dir=args.events_dir)
    if result is None or not result.get("ok"):
        err = (result or {}).get("error", "no result written")
        print(f"bench: measure_app failed (exit {code}): {err}", file=sys.stderr)
        return code or 2
    rep = report(result, pages, f"make bench  (= {command})" if not args.smoke else command, started,
                 machine(), smoke=args.smoke)
    if args.smoke and not rep.ok and (slow := retry_pages(rep, pages)):
        # One load can stall on a busy machine; a page that is really slow stays over the limit on the median
        # of three more.
        print(f"bench: {', '.join(p.path for p in slow)} over {SMOKE_LIMIT:.0f}x on one load; measuring "
              f"again ({SMOKE_RETRY_RUNS} loads, median)", file=sys.stderr)
        code, again = run_measure(slow, tools, SMOKE_RETRY_RUNS, 1, MEASURE_DIR / "bench-smoke-retry.json",
                                  quiet=True, views=False)
        if again is None or not again.get("ok"):
            print(f"bench: measure_app failed on the retry (exit {code})", file=sys.stderr)
            return code or 2
        rep = report(again, slow, f"{command} (re-measured, median of {SMOKE_RETRY_RUNS})", started, machine(),
                     smoke=True)
    if args.smoke:
        print(rep.markdown)
    else:
        markdown = rep.markdown + "\n" + search_timings(pages)
        write_section("bench", "Page speed against the floor", markdown, args.out)
        print(markdown)
        print(f"wrote {args.out}")
    for c in rep.failures:
        print(f"bench: target missed: {c.what} = {_fmt(c.value, 2)}{c.unit} (limit {c.limit}{c.unit})",
              file=sys.stderr)
    return 0 if rep.ok else 1


if __name__ == "__main__":
    sys.exit(main())
