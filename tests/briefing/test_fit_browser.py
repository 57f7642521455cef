"""Every slide in presentation mode, and the Overview, at three common screen sizes in a real browser: no text
is clipped or ellipsised, and the presentation controls stay inside the window."""

import re

import pytest

from afdash.briefing import deck as decks
from afdash.web import site

from ..browser_support import PageProbe

pytestmark = pytest.mark.browser

SIZES = [(1280, 720), (1440, 900), (1920, 1080)]

# Text that its box cuts off: wider (or taller) than a box that hides overflow, ellipsised, or running past the
# window's edge. Only elements that hold text themselves are looked at (Streamlit wraps everything in boxes).
CLIPPED_JS = """() => {
  const bad = [];
  const W = window.innerWidth;
  for (const el of document.querySelectorAll('[data-testid="stMain"] *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;  // not displayed
    const chain = [el, el.parentElement, el.parentElement && el.parentElement.parentElement].filter(Boolean);
    for (const box of chain) {
      const cs = getComputedStyle(box);
      const hides = v => v === 'hidden' || v === 'clip';
      const wide = box.scrollWidth > box.clientWidth + 1, tall = box.scrollHeight > box.clientHeight + 1;
      if ((hides(cs.overflowX) && wide) || (hides(cs.overflowY) && tall) ||
          (cs.textOverflow === 'ellipsis' && wide)) {
        bad.push(`${el.tagName} "${el.textContent.trim().slice(0, 60)}": cut by its box`);
        break;
      }
    }
    if (r.right > W + 1 || r.left < -1) bad.push(`${el.tagName} "${el.textContent.trim().slice(0, 60)}": off screen`);
  }
  return bad;
}"""

CONTROLS_JS = """() => {
  const out = [];
  for (const key of ['briefing_prev', 'briefing_next']) {
    const b = Array.from(document.querySelectorAll(`.st-key-${key} button`)).find(x => x.offsetParent);
    if (!b) { out.push(`${key}: not shown`); continue; }
    const r = b.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > window.innerHeight || r.right > window.innerWidth)
      out.push(`${key}: at ${Math.round(r.left)},${Math.round(r.top)}-${Math.round(r.right)},${Math.round(r.bottom)}`);
  }
  return out;
}"""


def _settle(probe: PageProbe) -> None:
    probe.wait_idle()
    probe.page.evaluate("document.fonts.ready")


def _at_every_size(probe: PageProbe, what: str, *checks: str) -> list[str]:
    """Resize the open page to each size in turn (a window resize, as a projector's screen would be: the layout
    reflows, the script does not rerun) and collect what each check finds."""
    problems = []
    for w, h in SIZES:
        probe.page.set_viewport_size({"width": w, "height": h})
        probe.page.wait_for_function(f"window.innerWidth === {w} && window.innerHeight === {h}")
        _settle(probe)
        probe.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        for check in checks:
            problems += [f"{w}x{h} {what}: {p}" for p in probe.page.evaluate(check)]
    return problems


def _next_slide(probe: PageProbe, n: int) -> None:
    """Move on as a presenter does (the Next button: a rerun of the open page, not a new load) and wait for
    slide n to be drawn."""
    from playwright.sync_api import expect

    button = probe.page.locator(".st-key-briefing_next button").filter(visible=True)
    expect(button).to_have_count(1, timeout=30_000)
    button.click()
    probe.page.wait_for_url(re.compile(rf"[?&]slide={n}(&|$)"), timeout=60_000)
    _settle(probe)


# The default deck walked in three runs (one page load each, then Next), so the workers share the walk.
SLIDE_RUNS = [range(1, 6), range(6, 10), range(10, len(decks.DEFAULT_DECK) + 1)]


@pytest.mark.parametrize("slides", SLIDE_RUNS, ids=lambda r: f"{r.start}-{r.stop - 1}")
def test_every_slide_fits_in_presentation_mode(server, browser, slides):
    problems = []
    with PageProbe(browser, f"{server}/briefing?present=1&slide={slides.start}", viewport=SIZES[-1]) as probe:
        _settle(probe)
        for n in slides:
            if n != slides.start:
                _next_slide(probe, n)
            probe.page.get_by_role("heading", level=1).first.wait_for()
            problems += _at_every_size(probe, f"slide {n}", CLIPPED_JS, CONTROLS_JS)
        probe.assert_clean()
    assert len(problems) == 0, "\n".join(problems)


def test_the_slide_runs_cover_the_whole_deck():
    assert [n for r in SLIDE_RUNS for n in r] == list(range(1, len(decks.DEFAULT_DECK) + 1))


# Every page as it first opens, and the briefing page's slides whose headline figures were once cut.
PAGE_PATHS = [p.path for p in site.PAGES] + ["/briefing?slide=4", "/briefing?slide=8", "/briefing?slide=10"]


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_no_page_cuts_its_text_at_any_size(server, browser, path):
    """Each page also opens clean and offline: a title, no exception, no console error, no request off the
    machine (PageProbe.assert_clean)."""
    with PageProbe(browser, f"{server}{path}", viewport=SIZES[-1]) as probe:
        _settle(probe)
        assert probe.page.get_by_role("heading", level=1).first.inner_text().strip()
        problems = _at_every_size(probe, path, CLIPPED_JS)
        probe.assert_clean()
    assert len(problems) == 0, "\n".join(problems)


def test_the_clip_check_sees_cut_and_runaway_text(server, browser):
    """The check itself: text its box cuts off, ellipsised text and text past the window's edge are reported."""
    with PageProbe(browser, f"{server}/", viewport=SIZES[0]) as probe:
        _settle(probe)
        assert probe.page.evaluate(CLIPPED_JS) == []
        probe.page.evaluate("""() => {
          const main = document.querySelector('[data-testid="stMain"]');
          const add = css => { const d = document.createElement('div'); d.style.cssText = css;
                               d.textContent = 'about 8,000-10,000 fighters'; main.prepend(d); };
          add('width: 40px; height: 24px; flex: none; overflow: hidden; white-space: nowrap');
          add('width: 40px; height: 24px; flex: none; overflow: hidden; white-space: nowrap; text-overflow: ellipsis');
          add('height: 24px; flex: none; position: relative; left: 1250px; white-space: nowrap');
        }""")
        found = probe.page.evaluate(CLIPPED_JS)
    assert sum("cut by its box" in f for f in found) == 2 and sum("off screen" in f for f in found) == 1, found
