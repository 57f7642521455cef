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
import json
import os
import shlex
import signal
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path

from tools.load_plan import RESULT_JSON, Phase, link_plan
from tools.load_report import LoadResult, markdown, summarise
from tools.load_server import Server
from tools.load_session import REQUEST_TIMEOUT_S


async def _sample_rss(server: Server, phase: Phase, out: list[tuple[float, float]], every: float) -> None:
    while True:
        out.append((round(time.monotonic() - phase.t0, 1), round(server.rss_mb(), 1)))
        await asyncio.sleep(every)




async def _run(sessions: int, duration: float, max_requests: int, think: tuple[float, float], settle: float,
               single_rounds: int, seed: int, env: dict | None, log=print, links: list[str] | None = None
               ) -> LoadResult:
    steps = link_plan(links) if links else None
    server = Server(env)
    try:
        log(f"server healthy on {server.url} (pid {server.proc.pid}, RSS {server.rss_mb():.0f} MB)")
        warm = Phase(server.url, time.monotonic() + 120, 10_000, (0, 0), seed, steps)
        await asyncio.wait_for(warm.user(0, rounds=1), 180)
        log(f"warm-up: {len(warm.samples)} requests, RSS {server.rss_mb():.0f} MB")

        single = Phase(server.url, time.monotonic() + 120, 10_000, (0.05, 0.15), seed, steps)
        cpu0 = server.cpu_s()
        await asyncio.wait_for(single.user(0, rounds=single_rounds), 240)
        single_cpu = server.cpu_s() - cpu0
        lat = [s.latency_s for s in single.samples if s.latency_s]
        log(f"single session: {len(single.samples)} requests, median "
            f"{statistics.median(lat) * 1000 if lat else float('nan'):.0f} ms")

        load = Phase(server.url, time.monotonic() + duration, max_requests, think, seed + 1, steps)
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
        result = summarise(single.samples, load.samples, rss, sessions, duration, think, settle, tracebacks,
                           links)
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
        settle: float = 60, single_rounds: int = 3, seed: int = 1, env: dict | None = None, log=print,
        links: list[str] | None = None) -> LoadResult:
    """`links` ("/security-trends?view=imported", …) loads only those instead of every page's samples."""
    def go() -> LoadResult:
        return asyncio.run(_run(sessions, duration, max_requests, think, settle, single_rounds, seed, env, log,
                                links))

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
    ap.add_argument("--link", action="append", default=[], metavar="PATH?QUERY",
                    help="load only this link (repeatable), e.g. '/security-trends?view=imported'; the report is "
                         "then printed, not written to BENCHMARKS.md")
    ap.add_argument("--events-dir", type=Path, default=None,
                    help="the server reads imported events from this store (sets AFDASH_EVENTS_DIR)")
    args = ap.parse_args(argv)
    if args.sessions < 1 or not 0 < args.duration <= 3600 or args.max_requests < 1:
        ap.error("--sessions ≥ 1, 0 < --duration ≤ 3600 and --max-requests ≥ 1")
    try:
        link_plan(args.link)
    except ValueError as exc:
        ap.error(str(exc))
    env = {"AFDASH_EVENTS_DIR": str(args.events_dir.resolve())} if args.events_dir else None
    settle = args.settle if args.settle is not None else min(60.0, args.duration / 2)
    when = time.strftime("%Y-%m-%d %H:%M %Z")

    def _stop(signum, _frame):  # SIGTERM/SIGHUP unwind like Ctrl-C, so the server we started is stopped
        raise KeyboardInterrupt(f"signal {signum}")

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    result = run(args.sessions, args.duration, args.max_requests, tuple(args.think), settle, seed=args.seed, env=env,
                 links=args.link)
    given = sys.argv[1:] if argv is None else argv  # (it moved from `afdash loadtest` to a module of tools/)
    result.command = shlex.join(["python", "-m", "tools.loadtest", *given])
    result.when = when
    result.machine = f"{os.cpu_count()} CPUs (nproc), load average {os.getloadavg()[0]:.2f} at the end"
    if env:
        result.env_note = f" The server read the imported events in `{args.events_dir}`."
    args.json_out.parent.mkdir(parents=True, exist_ok=True)
    args.json_out.write_text(json.dumps({**asdict(result), "checks": result.checks, "ok": result.ok}, indent=1))
    text = markdown(result)
    print(text)
    if not (args.no_write or args.link):
        from tools.bench import write_section

        write_section("loadtest", "Load test", text)
        print("updated BENCHMARKS.md")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
