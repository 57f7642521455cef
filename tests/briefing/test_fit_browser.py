"""Every slide in presentation mode, and the Overview, at three common screen sizes in a real browser: no text
is clipped or ellipsised, and the presentation controls stay inside the window."""

import pytest

from afdash.briefing import deck as decks

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


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_slide_fits_in_presentation_mode(server, browser, size):
    problems = []
    with PageProbe(browser, f"{server}/briefing?present=1&slide=1", viewport=size) as probe:
        for n in range(1, len(decks.DEFAULT_DECK) + 1):
            probe.page.goto(f"{server}/briefing?present=1&slide={n}")
            _settle(probe)
            probe.page.get_by_role("heading", level=1).first.wait_for()
            problems += [f"slide {n}: {p}" for p in probe.page.evaluate(CLIPPED_JS)]
            problems += [f"slide {n}: {p}" for p in probe.page.evaluate(CONTROLS_JS)]
        probe.assert_clean()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_overview_and_briefing_page_headlines_are_never_cut(server, browser, size):
    problems = []
    for path in ("/", "/briefing?slide=4", "/briefing?slide=8", "/briefing?slide=10"):
        with PageProbe(browser, f"{server}{path}", viewport=size) as probe:
            _settle(probe)
            probe.page.locator('[data-testid="stMetricValue"]').first.wait_for()
            problems += [f"{path}: {p}" for p in probe.page.evaluate(CLIPPED_JS)]
    assert not problems, "\n".join(problems)
