"""The load test's figures and their Markdown report: a pure function of the samples."""


from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from afdash.web import site
from tools.load_plan import P95_LIMIT, RSS_GROWTH_LIMIT, Sample


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
    links: list[str] = field(default_factory=list)  # the links loaded, when not every page's samples
    env_note: str = ""  # e.g. which events store the server read

    @property
    def checks(self) -> dict[str, bool]:
        return {
            "zero errors": self.errors == 0 and self.server_log_tracebacks == 0 and self.requests > 0,
            "every page visited": all(self.requests_per_page.get(p, 0) > 0 for p in self.expected_pages),
            f"p95 ≤ {P95_LIMIT:.0f}× single-session median": self.p95_ratio is not None
            and self.p95_ratio <= P95_LIMIT,
            f"RSS growth after {self.settle_s:.0f} s < {RSS_GROWTH_LIMIT:.0%}": self.rss_growth is not None
            and self.rss_growth < RSS_GROWTH_LIMIT,
        }

    @property
    def expected_pages(self) -> list[str]:
        return sorted({x.partition("?")[0] for x in self.links}) if self.links else [p.path for p in site.PAGES]

    @property
    def ok(self) -> bool:
        return all(self.checks.values())


def _view(query: str) -> str:
    view = parse_qs(query).get("view", [""])[0]
    return f"?view={view}" if view else ""


def breakdown(samples: list[Sample], by_view: bool = False) -> dict[str, dict[str, float | int | None]]:
    """Latency per page and step ("/data load", "/data filter"), or per view of a page
    ("/security-trends?view=imported load"): n, p50, p95, max in ms."""
    groups: dict[str, list[float]] = {}
    for s in samples:
        if s.latency_s is not None and not s.errors:
            where = s.page + (_view(s.query) if by_view else "")
            groups.setdefault(f"{where} {s.step}", []).append(s.latency_s * 1000)
    return {k: {"n": len(v), "p50": _quantile(v, 0.5), "p95": _quantile(v, 0.95), "max": max(v)}
            for k, v in sorted(groups.items())}


def summarise(single: list[Sample], load: list[Sample], rss: list[tuple[float, float]], sessions: int,
              duration: float, think: tuple[float, float], settle: float, tracebacks: int,
              links: list[str] | None = None) -> LoadResult:
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
        rss_samples=rss, breakdown=breakdown(load, by_view=bool(links)), links=list(links or ()),
        samples=[(round(s.t, 2), s.page, s.step, None if s.latency_s is None else round(s.latency_s * 1000, 1),
                  s.errors) for s in load],
        single_drawn={f"{s.page}?{s.query}": list(s.elements) for s in single if s.step == "load"},
    )


def _what(r: LoadResult) -> str:
    if r.links:
        return (", ".join(f"`{x}`" for x in r.links) + " in turn, each in a new session as a bookmark or a shared "
                "link is opened, and changes one filter on each")
    return ("every page's sample links in turn, each in a new session as a bookmark or a shared link is opened, "
            "and changes one filter on the last link of each page")


def markdown(r: LoadResult) -> str:
    def f(x, d=0):
        return "—" if x is None else f"{x:,.{d}f}"

    lines = [
        f"Command: `{r.command}`  ",
        f"Run: {r.when}; machine: {r.machine}.",
        "",
        f"{r.sessions} concurrent sessions on loopback for {r.duration_s:.0f} s, speaking Streamlit's websocket "
        f"protocol (BackMsg rerun_script → ForwardMsg script_finished); each user opens {_what(r)}, with a "
        f"think time of {r.think_s[0]:g}–{r.think_s[1]:g} s between requests.{r.env_note}",
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
        f"| {'View' if r.links else 'Page'} and step | requests | p50 (ms) | p95 (ms) | max (ms) |",
        "| --- | ---: | ---: | ---: | ---: |",
        *[f"| `{k}` | {v['n']} | {f(v['p50'])} | {f(v['p95'])} | {f(v['max'])} |" for k, v in r.breakdown.items()],
        "",
        "**Load test passed.**" if r.ok else "**Load test failed:** " + "; ".join(
            k for k, v in r.checks.items() if not v) + (
            ". Errors seen: " + "; ".join(r.error_examples) if r.error_examples else ""),
    ]
    return "\n".join(lines) + "\n"
