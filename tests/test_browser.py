"""Every page in a real browser (Debian Chromium driven by Playwright), offline: the test fails on
a Streamlit exception, a console error, an uncaught page error, or any request leaving localhost."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from afdash import site
from afdash.paths import PROJECT_ROOT

from .conftest import in_ci

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if in_ci():
        raise RuntimeError(f"{CHROMIUM} is missing: CI must install Debian's chromium for browser tests")
    pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError("streamlit did not become healthy")


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    streamlit = shutil.which("streamlit", path=os.path.dirname(sys.executable)) or "streamlit"
    proc = subprocess.Popen(
        [streamlit, "run", "app.py", "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none"],
        cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class PageProbe:
    """Opens one page in a fresh context and records console errors and off-machine requests."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        self.context.route("**/*", self._route)
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

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname or ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def wait_idle(self, timeout: float = 60_000) -> None:
        self.page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                                    timeout=timeout, state="attached")
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]')",
            timeout=timeout,
        )

    def assert_clean(self) -> None:
        exceptions = self.page.locator('[data-testid="stException"]').all_inner_texts()
        assert not exceptions, exceptions
        assert not self.errors, self.errors
        assert not self.external, f"requests left the machine: {self.external}"

    def close(self) -> None:
        self.context.close()


@pytest.mark.parametrize("page", site.PAGES, ids=lambda p: p.url_path or "home")
def test_page_opens_clean_and_offline(server, browser, page):
    probe = PageProbe(browser, f"{server}/{page.url_path}")
    try:
        title = probe.page.locator("h1").first.inner_text()
        assert title.strip()
        probe.assert_clean()
    finally:
        probe.close()


def test_data_page_switches_dataset_and_keeps_it_in_the_url(server, browser):
    probe = PageProbe(browser, f"{server}/data?dataset=provinces")
    try:
        assert "Afghanistan's 34 provinces" in probe.page.locator("h2, h3").all_inner_texts()
        probe.assert_clean()
        probe.page.get_by_text("Download provinces.csv (34 rows)").wait_for()
    finally:
        probe.close()


def test_bad_url_parameter_shows_a_notice_in_the_browser(server, browser):
    probe = PageProbe(browser, f"{server}/data?dataset=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    try:
        notice = probe.page.locator('[data-testid="stAlertContentWarning"]').first.inner_text()
        assert "Ignored URL parameter" in notice
        assert probe.page.locator("img[src='x']").count() == 0
        probe.assert_clean()
    finally:
        probe.close()
