"""Exports for rooms without the app: offline HTML, PowerPoint, PDF."""

from __future__ import annotations

import time
from functools import partial

import streamlit as st

from afdash.briefing import exports, images
from afdash.briefing.deck import DeckItem
from pages.deck import state


def panel(items: list[DeckItem]) -> None:
    code = state.deck_code(items)
    st.markdown(
        "Exports for rooms without the app. **HTML**: one file with every script and all data inside; it opens "
        "in any browser without a network, charts stay interactive (→/← or PageDown/PageUp, N for notes). "
        f"**PowerPoint**: 16:9, each chart as a {images.PPI}-ppi image, talking points, source line and speaker "
        "notes. **PDF**: a handout, one page per slide."
    )
    done = st.session_state.setdefault(state.EXPORTS, {}).get(code, {})
    if st.button("Prepare all exports", key="briefing_prepare", type="primary"):
        with st.status("Preparing exports…", expanded=True) as status:
            for kind, fmt in exports.FORMATS.items():
                st.write(f"Building {fmt.label} for {len(items)} slides…")
                t0 = time.perf_counter()
                data = state.export(kind, code)
                done[kind] = (time.perf_counter() - t0, len(data))
            status.update(label="Exports ready", state="complete", expanded=False)
        st.session_state[state.EXPORTS][code] = done
    cols = st.columns(len(exports.FORMATS))
    for col, (kind, fmt) in zip(cols, exports.FORMATS.items(), strict=True):
        size = f" · {exports.human_size(done[kind][1])}" if kind in done else ""
        # A deferred download: Streamlit disables the button and turns its icon into a spinner until the file
        # is built, so each download shows its own progress; "Prepare all exports" reports each step above.
        col.download_button(f"Download {fmt.label}{size}", data=partial(state.export, kind, code),
                            file_name=exports.file_name(kind, code), mime=fmt.mime, on_click="ignore",
                            key=f"briefing_dl_{kind}", width="stretch", icon=":material/download:",
                            help=f"Builds the {fmt.label} of these {len(items)} slides when clicked; the button "
                                 "shows a spinner until the file is ready." if kind not in done else
                                 f"Ready: built in {done[kind][0]:.1f} s.")
    if done:
        st.caption(" · ".join(f"{exports.FORMATS[k].label}: {exports.human_size(n)}, built in {s:.1f} s"
                              for k, (s, n) in done.items()))
    else:
        st.caption("Downloads are built when clicked (a few seconds each; the button spins until the file is "
                   "ready) and then kept; “Prepare all exports” builds them now, step by step, and reports their "
                   "sizes.")


