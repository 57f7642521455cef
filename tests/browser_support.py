"""Shared browser-test machinery: a Streamlit server on a free loopback port, Debian's Chromium driven
by Playwright, and a probe that records console errors, uncaught page errors and any request that
tries to leave the machine. Fixtures `server` and `browser` are in conftest.py."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys

from afdash.core.paths import PROJECT_ROOT
from tools.load_server import wait_healthy

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict | None = None) -> tuple[subprocess.Popen, str]:
    port = free_port()
    streamlit = shutil.which("streamlit", path=os.path.dirname(sys.executable)) or "streamlit"
    proc = subprocess.Popen(
        [streamlit, "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        env={**os.environ, **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
    except Exception:
        stop_server(proc)
        raise
    return proc, url


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


# Any URL but this machine's own (127.0.0.1 or localhost, any port) and inline data: or blob: URLs.
OFF_MACHINE = re.compile(r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost)(:\d+)?(/|$)|data:|blob:)")


class PageProbe:
    """Opens one page in a fresh context and records console errors and off-machine requests."""

    def __init__(self, browser, url: str, viewport: tuple[int, int] = (1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                           accept_downloads=True)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        # Only requests to another host are routed (and refused): routing every request through Playwright
        # cost each page load a round trip per file of Streamlit's frontend.
        self.page.route(OFF_MACHINE, self._refuse)
        self.page.goto(url)
        self.wait_idle()

    def _console(self, msg) -> None:
        if msg.type != "error":
            return
        loc = (msg.location or {}).get("url", "")
        # Deep links make the frontend probe /<page>/_stcore/* for a base path: harmless 404s.
        if "/_stcore/" in loc and "404" in msg.text:
            return
        self.errors.append(f"console: {msg.text} @ {loc}")

    def _refuse(self, route) -> None:
        self.external.append(route.request.url)
        route.abort()

    def wait_idle(self, timeout: float = 60_000) -> None:
        """Wait for the script run to finish and lazy elements to draw, never a fixed sleep."""
        self.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                                    timeout=timeout, state="attached")
        self.page.wait_for_function(
            """() => !document.querySelector('[data-testid="stSkeleton"]')
                 && !document.querySelector('[data-testid="stStatusWidget"]')""",
            timeout=timeout,
        )

    def assert_clean(self) -> None:
        exceptions = self.page.locator('[data-testid="stException"]').all_inner_texts()
        assert not exceptions, exceptions
        assert not self.errors, self.errors
        assert not self.external, f"requests left the machine: {self.external}"

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> PageProbe:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def choose(probe: PageProbe, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label` by typing it and pressing Enter, as a keyboard user
    does. Clicking an entry in the open dropdown is racy: a rerun that lands while the list is open (the
    app's one-time bookmark rerun, a lazy chart) closes it, and the click then waits for nothing."""
    box = probe.page.get_by_test_id("stSelectbox").filter(has_text=label).first
    box.locator("input").click(timeout=60_000)
    probe.page.keyboard.type(option)
    wanted = probe.page.get_by_role("option", name=option, exact=True)
    wanted.wait_for()
    if probe.page.get_by_role("option").first.inner_text().strip() == option:
        probe.page.keyboard.press("Enter")  # the typed text put it first
    else:
        wanted.click()
    probe.wait_idle()
