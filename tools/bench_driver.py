"""The benchmark's driver around ../shared/tools/measure_app.py: a sturdier page-ready observer and retried
interactions, patched into the shared tool at run time (the tool itself is read-only)."""


from __future__ import annotations

import copy
import importlib.util
import json
import os
import sys

# The driver: measure_app's own main(), with each afdash page's interaction on that page only.


# measure_app notices a rerun by reading the script-state attribute when the DOM changes. When a rerun is
# fast, React can commit "running" and "notRunning" within one task, the observer then reads only the final
# "notRunning", and the tool waits 60 s for a rerun that already happened (seen with /data's dataset switch,
# about one run in five). The patch reads the attribute's previous values from the mutation records too. The
# same happens to a fast first run ("initial" straight to "notRunning", about one load in a hundred).
_OBSERVER = ("new MutationObserver(check).observe(document, {subtree: true, childList: true, attributes: true, "
             "characterData: false});")
_OBSERVER_PATCHED = """new MutationObserver((records) => {
    for (const r of records) {
      if (r.type !== 'attributes' || r.attributeName !== 'data-test-script-state') continue;
      if (r.oldValue === 'running' || r.oldValue === 'rerunRequested') {
        mp.runSeen = true;
        if (mp.phase === 'interact' && mp.rerunStartAt === null) mp.rerunStartAt = now();
      } else if (r.oldValue === 'initial' && r.target.getAttribute(r.attributeName) === 'notRunning') {
        mp.runSeen = true;  // the first run, committed in one go: "initial" straight to "notRunning"
      }
    }
    check();
  }).observe(document, {subtree: true, childList: true, attributes: true, attributeOldValue: true,
                        characterData: false});
  // A fast rerun can be committed by the frontend in one render, so "running" never reaches the DOM and the
  // observer above sees no rerun start (the benchmark then waited 60 s and aborted). The server's first
  // message after the input is the rerun starting, whatever the DOM shows; and the page is not ready before
  // the frame after the server's last message, so each message restarts the search for a ready frame.
  const NativeWebSocket = window.WebSocket;
  const TracedWebSocket = function (...args) {
    const ws = new NativeWebSocket(...args);
    ws.addEventListener('message', () => {
      if (mp.phase !== 'interact' || mp.done || !mp.inputs.some(([t]) => t >= mp.phaseStart)) return;
      if (mp.rerunStartAt === null) mp.rerunStartAt = now();
      mp.candidate = null;
      if (settleTimer) { clearTimeout(settleTimer); settleTimer = null; }
      setTimeout(check, 0);
    });
    return ws;
  };
  TracedWebSocket.prototype = NativeWebSocket.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) TracedWebSocket[k] = NativeWebSocket[k];
  window.WebSocket = TracedWebSocket;"""


def _retrying(do_interaction):
    """measure_app's input, given again if no rerun starts within 5 s. About one radio click in thirty reached
    the page without starting a rerun (the tool then waits 60 s and aborts the whole benchmark). The rerun is
    timed from the last input event, so a repeated input is timed from the repeat."""

    def wrapped(page, spec: str, timeout_ms: float) -> None:
        do_interaction(page, spec, timeout_ms)
        for _ in range(2):
            try:
                page.wait_for_function("() => window.__mp.rerunStartAt !== null", timeout=5000)
                return
            except Exception:  # playwright's TimeoutError
                do_interaction(page, spec, timeout_ms)

    return wrapped


def apps(argv: list[str]) -> list[str]:
    """measure_app's APP arguments: those before the first option."""
    out = []
    for a in argv:
        if a.startswith("-"):
            break
        out.append(a)
    return out


def _drive(tool: str, specs_json: str, argv: list[str]) -> int:
    spec = importlib.util.spec_from_file_location("measure_app", tool)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    if _OBSERVER in getattr(mod, "INIT_JS", ""):
        mod.INIT_JS = mod.INIT_JS.replace(_OBSERVER, _OBSERVER_PATCHED)
    specs: dict[str, str] = json.loads(specs_json)
    own = os.path.abspath(apps(argv)[-1])  # the floors come first; afdash is the last app
    original = mod.measure_once

    def measure_once(browser, server, path, args, cfg_json, shot):
        a = copy.copy(args)
        a.interact = [specs[path]] if server.app == own and path in specs else []
        a.interact_pages = []
        return original(browser, server, path, a, cfg_json, shot)

    mod.measure_once = measure_once
    if hasattr(mod, "do_interaction"):
        mod.do_interaction = _retrying(mod.do_interaction)
    sys.argv = [tool, *argv]
    return mod.main(argv)


if __name__ == "__main__":
    sys.exit(_drive(sys.argv[1], sys.argv[2], sys.argv[3:]))

