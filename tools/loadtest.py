"""`afdash loadtest`: many concurrent users against one afdash server, on loopback, for a bounded time.

The server is what is under test, so sessions speak Streamlit's own websocket protocol instead of driving
twenty browsers on the same two cores (which would mostly measure the browsers). Each virtual user does
what the browser does: it opens `ws://127.0.0.1:PORT/_stcore/stream` (subprotocol "streamlit"), sends a
BackMsg `rerun_script` carrying the page's URL path and query string, and reads ForwardMsgs until
`script_finished`. The time from sending the request to `script_finished` is the latency measured.

A user visits every registered page (afdash.web.site.PAGES) with each of its `samples` query strings, each in
a new tab as a bookmark or a shared link is opened (a new session, whose first run reads the query string),
and on the last sample of a page changes one of the page's filters through `widget_states` (the next option
of a select box, a different selection, a flipped toggle), pausing a random "think time" between requests
like a person reading the screen; then it starts the round again. Counted as errors: an exception
shown by the app, an error notice (st.error), a page that is not found, a script that did not finish
successfully, a closed socket, a request without an answer within the timeout, and any traceback in
the server's log. Server memory (RSS, from /proc) is sampled every two seconds.

Phases: start the server and wait for /_stcore/health; one warm-up round (caches, imports); the
single-session median (one user, the same plan); then N users for T seconds. Bounded by time and by
request count; it stops the server it started (and only that) by itself.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from afdash.core.paths import PROJECT_ROOT
from afdash.web import site

P95_LIMIT = 3.0  # p95 under load ÷ single-session median
RSS_GROWTH_LIMIT = 0.20  # after the settle point
REQUEST_TIMEOUT_S = 30.0
RESULT_JSON = PROJECT_ROOT / ".measure" / "loadtest.json"
WIDGET_KINDS = ("selectbox", "radio", "multiselect", "checkbox")


# --------------------------------------------------------------------------------------------------
# The server under test


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def rss_mb(pid: int) -> float:
    total = 0
    for p in proc_tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total / 1024


def cpu_s(pid: int) -> float:
    """User + system CPU seconds of pid and its descendants."""
    total = 0
    for p in proc_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total / os.sysconf("SC_CLK_TCK")


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60, log_tail=None) -> None:
    """Poll Streamlit's /_stcore/health until it answers, never a fixed sleep; fail at once if the server
    exits (with the tail of its log when the caller keeps one). Shared by the load test and the browser tests."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}" + (f":\n{log_tail()}" if log_tail else ""))
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit was not healthy after {timeout:.0f} s")


class Server:
    """`streamlit run app.py` on a free loopback port, in its own process group, stopped by its pid."""

    def __init__(self, env: dict | None = None, start_timeout: float = 90):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115 — open for the server's whole life, closed in stop()
            prefix="afdash_loadtest_server_", suffix=".log", delete=False)
        pythonpath = os.pathsep.join(filter(None, [str(PROJECT_ROOT / "src"), os.environ.get("PYTHONPATH")]))
        self.cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(self.port),
                    "--server.address", "127.0.0.1", "--server.headless", "true",
                    "--browser.gatherUsageStats", "false"]
        self.proc = subprocess.Popen(self.cmd, cwd=PROJECT_ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     env={**os.environ, "PYTHONPATH": pythonpath, **(env or {})})
        try:
            self._wait_healthy(start_timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_healthy(self, timeout: float) -> None:
        wait_healthy(self.url, self.proc, timeout, log_tail=lambda: self.log_text()[-2000:])

    def rss_mb(self) -> float:
        return rss_mb(self.proc.pid)

    def cpu_s(self) -> float:
        return cpu_s(self.proc.pid)

    def log_text(self) -> str:
        try:
            return Path(self.log.name).read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)  # our child leads its own process group
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        self.log.close()


# --------------------------------------------------------------------------------------------------
# One browser tab, in Streamlit's protocol


@dataclass
class RunResult:
    latency_s: float | None
    errors: list[str] = field(default_factory=list)
    widgets: list[tuple[str, object]] = field(default_factory=list)  # (kind, proto) of changeable widgets
    query_string: str = ""
    elements: set[str] = field(default_factory=set)  # kinds of element the run drew (e.g. "deck_gl_json_chart")


def widget_state(kind: str, proto, turn: int):
    """A WidgetState that changes this widget: the next option, another selection, a flipped toggle."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    ws = WidgetState(id=proto.id)
    if kind in ("selectbox", "radio"):
        if not proto.options:
            return None
        ws.string_value = proto.options[(turn + 1) % len(proto.options)]
    elif kind == "multiselect":
        if not proto.options:
            return None
        ws.string_array_value.data.extend([proto.options[turn % len(proto.options)]])
    elif kind == "checkbox":
        ws.bool_value = turn % 2 == 0
    else:
        return None
    return ws


class Tab:
    """A websocket session, as the Streamlit frontend opens it."""

    def __init__(self, url: str, timeout: float = REQUEST_TIMEOUT_S):
        self.ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.timeout = timeout
        self.ws = None

    async def open(self) -> None:
        from websockets.asyncio.client import connect

        self.ws = await asyncio.wait_for(
            connect(self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=self.timeout),
            self.timeout)

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):  # closing a broken socket must not hide the real error
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None

    async def run(self, page: site.PageSpec, query: str, widgets: list | None = None) -> RunResult:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        msg.rerun_script.query_string = query
        msg.rerun_script.page_name = page.url_path
        if widgets:
            msg.rerun_script.widget_states.widgets.extend(widgets)
        t0 = time.perf_counter()
        try:
            await self.ws.send(msg.SerializeToString())
            result = await asyncio.wait_for(self._until_finished(query), self.timeout)
        except TimeoutError:
            return RunResult(None, [f"timeout: no script_finished within {self.timeout:.0f} s"])
        except Exception as exc:
            return RunResult(None, [f"connection: {type(exc).__name__}: {exc}"[:200]])
        result.latency_s = time.perf_counter() - t0
        return result

    async def _until_finished(self, query: str) -> RunResult:
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        out = RunResult(None, query_string=query)
        while True:
            data = await self.ws.recv()
            fm = ForwardMsg()
            fm.ParseFromString(data)
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                ek = el.WhichOneof("type")
                out.elements.add(ek)
                if ek == "exception":
                    out.errors.append(f"exception: {el.exception.type}: {el.exception.message}"[:200])
                elif ek == "alert" and el.alert.format == Alert.ERROR:
                    out.errors.append(f"error notice: {el.alert.body}"[:200])
                elif ek in WIDGET_KINDS:
                    out.widgets.append((ek, getattr(el, ek)))
            elif kind == "page_info_changed":
                out.query_string = fm.page_info_changed.query_string
            elif kind == "page_not_found":
                out.errors.append(f"page not found: {fm.page_not_found.page_name}")
            elif kind == "session_event" and fm.session_event.HasField("script_compilation_exception"):
                out.errors.append("script compilation exception")
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # the app reran itself: wait on
                    out.widgets.clear()
                    out.elements.clear()
                    continue
                if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    out.errors.append(f"script finished with status {fm.script_finished}")
                return out


# --------------------------------------------------------------------------------------------------
# Users


@dataclass
class Sample:
    t: float  # seconds since the phase started
    page: str
    step: str  # "load" or "filter"
    latency_s: float | None
    errors: list[str]
    query: str = ""
    elements: tuple[str, ...] = ()


def plan(pages: list[site.PageSpec]) -> list[tuple[site.PageSpec, str]]:
    """Every page with each of its sample query strings (the default view if it declares none)."""
    return [(p, q) for p in pages for q in (p.samples or ("",))]


class Phase:
    def __init__(self, url: str, deadline: float, max_requests: int, think: tuple[float, float], seed: int):
        self.url, self.deadline, self.max_requests, self.think = url, deadline, max_requests, think
        self.t0 = time.monotonic()
        self.samples: list[Sample] = []
        self.rng = random.Random(seed)

    def more(self) -> bool:
        return time.monotonic() < self.deadline and len(self.samples) < self.max_requests

    def record(self, page: site.PageSpec, step: str, res: RunResult, query: str = "") -> None:
        self.samples.append(Sample(time.monotonic() - self.t0, page.path, step, res.latency_s, res.errors, query,
                                   tuple(sorted(res.elements))))

    async def user(self, index: int, rounds: int | None = None) -> None:
        steps = plan(list(site.PAGES))
        shift = index % len(steps)
        steps = steps[shift:] + steps[:shift]  # users start on different pages
        done = 0
        while self.more() and (rounds is None or done < rounds):
            await self._round(steps, index + done)
            done += 1

    async def _round(self, steps: list[tuple[site.PageSpec, str]], turn: int) -> None:
        """Each page visit is a link opened in a new tab, as a bookmark or a shared link is: a new session whose
        first run reads the link's query string. (In one long-lived session the URL seeds a page's widgets only
        once, so the samples after the first would all have drawn the page's first view.)"""
        for i, (page, query) in enumerate(steps):
            if not self.more():
                return
            await asyncio.sleep(self.rng.uniform(*self.think))
            tab = Tab(self.url)
            try:
                await tab.open()
            except Exception as exc:
                self.samples.append(Sample(time.monotonic() - self.t0, page.path, "connect", None,
                                           [f"connect: {type(exc).__name__}: {exc}"[:200]], query))
                continue
            try:
                res = await tab.run(page, query)
                self.record(page, "load", res, query)
                last_of_page = i + 1 == len(steps) or steps[i + 1][0] != page
                if res.latency_s is None or not (last_of_page and res.widgets and self.more()):
                    continue
                kind, proto = res.widgets[turn % len(res.widgets)]
                state = widget_state(kind, proto, turn)
                if state is not None:
                    await asyncio.sleep(self.rng.uniform(*self.think))
                    self.record(page, "filter", await tab.run(page, res.query_string, [state]), res.query_string)
            finally:
                await tab.close()


async def _sample_rss(server: Server, phase: Phase, out: list[tuple[float, float]], every: float) -> None:
    while True:
        out.append((round(time.monotonic() - phase.t0, 1), round(server.rss_mb(), 1)))
        await asyncio.sleep(every)


def _quantile(xs: list[float], q: float) -> float | None:
    if not xs:
        return None
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(q * (len(xs) - 1))))]


@dataclass
class LoadResult:
    sessions: int
    duration_s: float
    think_s: tuple[float, float]
    requests: int
    errors: int
    error_examples: list[str]
    server_log_tracebacks: int
    single_requests: int
    single_median_ms: float | None
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    p95_ratio: float | None
    requests_per_page: dict[str, int]
    pages_checked: list[str]  # every page a request reached without error, single phase or load
    filter_changes: int
    settle_s: float
    rss_settle_mb: float | None
    rss_end_mb: float | None
    rss_growth: float | None
    rss_samples: list[tuple[float, float]]
    breakdown: dict[str, dict[str, float | int | None]] = field(default_factory=dict)
    single_cpu_ms_per_request: float | None = None
    load_cpu_ms_per_request: float | None = None
    load_cpu_share: float | None = None  # server CPU seconds per wall second during the load phase
    samples: list[tuple] = field(default_factory=list)  # (t s, page, step, latency ms or None, errors)
    # what each link of the single-session phase drew ("/path?query" → element kinds): shows the samples open
    # the views they name
    single_drawn: dict[str, list[str]] = field(default_factory=dict)
    command: str = ""
    when: str = ""
    machine: str = ""

    @property
    def checks(self) -> dict[str, bool]:
        return {
            "zero errors": self.errors == 0 and self.server_log_tracebacks == 0 and self.requests > 0,
            "every page visited": all(self.requests_per_page.get(p.path, 0) > 0 for p in site.PAGES),
            f"p95 ≤ {P95_LIMIT:.0f}× single-session median": self.p95_ratio is not None
            and self.p95_ratio <= P95_LIMIT,
            f"RSS growth after {self.settle_s:.0f} s < {RSS_GROWTH_LIMIT:.0%}": self.rss_growth is not None
            and self.rss_growth < RSS_GROWTH_LIMIT,
        }

    @property
    def ok(self) -> bool:
        return all(self.checks.values())


def breakdown(samples: list[Sample]) -> dict[str, dict[str, float | int | None]]:
    """Latency per page and step ("/data load", "/data filter"): n, p50, p95, max in ms."""
    groups: dict[str, list[float]] = {}
    for s in samples:
        if s.latency_s is not None and not s.errors:
            groups.setdefault(f"{s.page} {s.step}", []).append(s.latency_s * 1000)
    return {k: {"n": len(v), "p50": _quantile(v, 0.5), "p95": _quantile(v, 0.95), "max": max(v)}
            for k, v in sorted(groups.items())}


def summarise(single: list[Sample], load: list[Sample], rss: list[tuple[float, float]], sessions: int,
              duration: float, think: tuple[float, float], settle: float, tracebacks: int) -> LoadResult:
    """The figures of a load test from its raw samples (pure: unit-tested on made-up samples)."""
    lat = [s.latency_s * 1000 for s in load if s.latency_s is not None and not s.errors]
    single_lat = [s.latency_s * 1000 for s in single if s.latency_s is not None and not s.errors]
    errs = [e for s in load + single for e in s.errors]
    single_median = statistics.median(single_lat) if single_lat else None
    p95 = _quantile(lat, 0.95)
    after = [r for t, r in rss if t >= settle]
    rss_settle = after[0] if after else None
    rss_end = rss[-1][1] if rss else None
    per_page: dict[str, int] = {}
    for s in load:
        per_page[s.page] = per_page.get(s.page, 0) + 1
    return LoadResult(
        sessions=sessions, duration_s=duration, think_s=think, requests=len(load),
        errors=len(errs), error_examples=sorted(set(errs))[:10], server_log_tracebacks=tracebacks,
        single_requests=len(single_lat), single_median_ms=single_median,
        p50_ms=_quantile(lat, 0.5), p95_ms=p95, max_ms=max(lat) if lat else None,
        p95_ratio=p95 / single_median if p95 is not None and single_median else None,
        requests_per_page=per_page,
        pages_checked=sorted({s.page for s in single + load if s.latency_s is not None and not s.errors}),
        filter_changes=sum(1 for s in load if s.step == "filter"),
        settle_s=settle, rss_settle_mb=rss_settle, rss_end_mb=rss_end,
        rss_growth=(rss_end - rss_settle) / rss_settle if rss_settle and rss_end is not None else None,
        rss_samples=rss, breakdown=breakdown(load),
        samples=[(round(s.t, 2), s.page, s.step, None if s.latency_s is None else round(s.latency_s * 1000, 1),
                  s.errors) for s in load],
        single_drawn={f"{s.page}?{s.query}": list(s.elements) for s in single if s.step == "load"},
    )


def markdown(r: LoadResult) -> str:
    def f(x, d=0):
        return "—" if x is None else f"{x:,.{d}f}"

    lines = [
        f"Command: `{r.command}`  ",
        f"Run: {r.when}; machine: {r.machine}.",
        "",
        f"{r.sessions} concurrent sessions on loopback for {r.duration_s:.0f} s, speaking Streamlit's websocket "
        f"protocol (BackMsg rerun_script → ForwardMsg script_finished); each user opens every page's sample "
        f"links in turn, each in a new session as a bookmark or a shared link is opened, and changes one filter "
        f"on the last link of each page, with a think time of {r.think_s[0]:g}–{r.think_s[1]:g} s between "
        f"requests.",
        "",
        "| Figure | Value | Target | Result |",
        "| --- | ---: | ---: | --- |",
        f"| requests under load (filter changes among them) | {r.requests:,} ({r.filter_changes:,}) | — | — |",
        f"| errors (exceptions, error notices, timeouts, closed sockets; server tracebacks) "
        f"| {r.errors} ({r.server_log_tracebacks}) | 0 | {'pass' if r.errors == 0 and not r.server_log_tracebacks else '**FAIL**'} |",  # noqa: E501
        f"| single-session median, request → script finished ({r.single_requests} requests) "
        f"| {f(r.single_median_ms)} ms | — | — |",
        f"| under load: p50 / p95 / max | {f(r.p50_ms)} / {f(r.p95_ms)} / {f(r.max_ms)} ms | — | — |",
        f"| p95 ÷ single-session median | {f(r.p95_ratio, 2)} | ≤ {P95_LIMIT:.1f} "
        f"| {'pass' if r.p95_ratio is not None and r.p95_ratio <= P95_LIMIT else '**FAIL**'} |",
        f"| server RSS at {r.settle_s:.0f} s → end | {f(r.rss_settle_mb)} → {f(r.rss_end_mb)} MB "
        f"({'—' if r.rss_growth is None else f'{r.rss_growth:+.1%}'}) | growth < {RSS_GROWTH_LIMIT:.0%} "
        f"| {'pass' if r.rss_growth is not None and r.rss_growth < RSS_GROWTH_LIMIT else '**FAIL**'} |",
        f"| server CPU per request: single session / under load | {f(r.single_cpu_ms_per_request)} / "
        f"{f(r.load_cpu_ms_per_request)} ms | — | — |",
        f"| server CPU used during the load (CPU-seconds per second) | {f(r.load_cpu_share, 2)} | — | — |",
        "",
        "| Page and step | requests | p50 (ms) | p95 (ms) | max (ms) |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| `{k}` | {v['n']} | {f(v['p50'])} | {f(v['p95'])} | {f(v['max'])} |" for k, v in r.breakdown.items()],
        "",
        "**Load test passed.**" if r.ok else "**Load test failed:** " + "; ".join(
            k for k, v in r.checks.items() if not v) + (
            ". Errors seen: " + "; ".join(r.error_examples) if r.error_examples else ""),
    ]
    return "\n".join(lines) + "\n"


async def _run(sessions: int, duration: float, max_requests: int, think: tuple[float, float], settle: float,
               single_rounds: int, seed: int, env: dict | None, log=print) -> LoadResult:
    server = Server(env)
    try:
        log(f"server healthy on {server.url} (pid {server.proc.pid}, RSS {server.rss_mb():.0f} MB)")
        warm = Phase(server.url, time.monotonic() + 120, 10_000, (0, 0), seed)
        await asyncio.wait_for(warm.user(0, rounds=1), 180)
        log(f"warm-up: {len(warm.samples)} requests, RSS {server.rss_mb():.0f} MB")

        single = Phase(server.url, time.monotonic() + 120, 10_000, (0.05, 0.15), seed)
        cpu0 = server.cpu_s()
        await asyncio.wait_for(single.user(0, rounds=single_rounds), 240)
        single_cpu = server.cpu_s() - cpu0
        lat = [s.latency_s for s in single.samples if s.latency_s]
        log(f"single session: {len(single.samples)} requests, median "
            f"{statistics.median(lat) * 1000 if lat else float('nan'):.0f} ms")

        load = Phase(server.url, time.monotonic() + duration, max_requests, think, seed + 1)
        cpu0, wall0 = server.cpu_s(), time.monotonic()
        rss: list[tuple[float, float]] = []
        sampler = asyncio.create_task(_sample_rss(server, load, rss, 2.0))
        users = [asyncio.create_task(load.user(i)) for i in range(sessions)]
        progress = asyncio.create_task(_progress(load, rss, log))
        try:
            # users stop at the deadline; a request in flight gets its timeout, then everything is cancelled
            await asyncio.wait(users, timeout=duration + REQUEST_TIMEOUT_S + 15)
        finally:
            for t in [*users, progress]:
                t.cancel()
            await asyncio.gather(*users, progress, return_exceptions=True)
            rss.append((round(time.monotonic() - load.t0, 1), round(server.rss_mb(), 1)))
            sampler.cancel()
            await asyncio.gather(sampler, return_exceptions=True)
        load_cpu, load_wall = server.cpu_s() - cpu0, time.monotonic() - wall0
        tracebacks = server.log_text().count("Traceback (most recent call last)")
        result = summarise(single.samples, load.samples, rss, sessions, duration, think, settle, tracebacks)
        result.single_cpu_ms_per_request = single_cpu * 1000 / max(1, len(single.samples))
        result.load_cpu_ms_per_request = load_cpu * 1000 / max(1, len(load.samples))
        result.load_cpu_share = load_cpu / load_wall if load_wall else None
        return result
    finally:
        server.stop()


async def _progress(phase: Phase, rss: list, log) -> None:
    while True:
        await asyncio.sleep(15)
        lat = [s.latency_s for s in phase.samples[-200:] if s.latency_s]
        errs = sum(len(s.errors) for s in phase.samples)
        log(f"  {time.monotonic() - phase.t0:5.0f} s: {len(phase.samples)} requests, {errs} errors, recent median "
            f"{statistics.median(lat) * 1000 if lat else float('nan'):.0f} ms, RSS {rss[-1][1] if rss else 0:.0f} MB")


def run(sessions: int = 20, duration: float = 120, max_requests: int = 20_000, think: tuple[float, float] = (2, 6),
        settle: float = 60, single_rounds: int = 3, seed: int = 1, env: dict | None = None, log=print) -> LoadResult:
    def go() -> LoadResult:
        return asyncio.run(_run(sessions, duration, max_requests, think, settle, single_rounds, seed, env, log))

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return go()
    # this thread already runs an event loop (e.g. Playwright's sync API in a test session): use another
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(go).result()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.loadtest", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sessions", type=int, default=20, help="concurrent sessions (default 20)")
    ap.add_argument("--duration", type=float, default=120, help="seconds of load (default 120)")
    ap.add_argument("--max-requests", type=int, default=20_000, help="stop after this many requests (default 20000)")
    ap.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), metavar=("MIN", "MAX"),
                    help="random pause between a user's requests, seconds (default 2 6)")
    ap.add_argument("--settle", type=float, default=None,
                    help="memory must stay flat after this many seconds (default 60, or half of --duration)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json-out", type=Path, default=RESULT_JSON)
    ap.add_argument("--no-write", action="store_true", help="do not update BENCHMARKS.md")
    args = ap.parse_args(argv)
    if args.sessions < 1 or not 0 < args.duration <= 3600 or args.max_requests < 1:
        ap.error("--sessions ≥ 1, 0 < --duration ≤ 3600 and --max-requests ≥ 1")
    settle = args.settle if args.settle is not None else min(60.0, args.duration / 2)
    when = time.strftime("%Y-%m-%d %H:%M %Z")

    def _stop(signum, _frame):  # SIGTERM/SIGHUP unwind like Ctrl-C, so the server we started is stopped
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    result = run(args.sessions, args.duration, args.max_requests, tuple(args.think), settle, seed=args.seed)
    given = sys.argv[2:] if argv is None else argv
    result.command = " ".join(["afdash", "loadtest", *given])
    result.when = when
    result.machine = f"{os.cpu_count()} CPUs (nproc), load average {os.getloadavg()[0]:.2f} at the end"
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({**asdict(result), "checks": result.checks, "ok": result.ok}, indent=1))
    text = markdown(result)
    print(text)
    if not args.no_write:
        from tools.bench import write_section

        write_section("loadtest", "Load test", text)
        print("updated BENCHMARKS.md")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
