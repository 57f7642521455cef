"""Data & sources: every dataset afdash ships, its fields, sources, licence, a preview and a download.

Fast in the browser: one visible data grid (the preview) and a small static table of the datasets; the
field list and the third-party files sit in collapsed expanders, whose grids the browser draws only when
opened. Text from datapackage.json goes into Markdown only through safe.md.
"""

import streamlit as st

from afdash import catalogue, inventory, safe, ui, urlstate

NAMES = [d.name for d in catalogue.DATASETS]
DEFAULT = NAMES[0]


# The reference tables depend only on the data folder: built once, not on every rerun.
@st.cache_data(show_spinner=False)
def overview_table(base: str):
    table = inventory.overview(ui.descriptor()).set_index("dataset")
    table["size_kb"] = table["size_kb"].map("{:,.1f}".format)  # st.table would print 8.8000
    return table


@st.cache_data(show_spinner=False)
def fields_table(base: str, name: str):
    return inventory.fields(ui.resource(name)).set_index("field")


@st.cache_data(show_spinner=False)
def third_party_table(base: str):
    return inventory.third_party(ui.vendor_manifest()).set_index("path")


def render() -> None:
    st.title("Data & sources")
    st.markdown(
        "Every figure in afdash comes from one of the datasets below. Report-derived tables cite the "
        "report's chapter and footnote on every row; map layers come from Natural Earth through package "
        "registries, pinned by checksum. Nothing here is estimated or filled in by afdash."
    )
    parsed = urlstate.Parsed()
    chosen = urlstate.choice(ui.url_params(), "dataset", NAMES, DEFAULT, parsed)
    ui.show_notices(parsed)

    st.table(overview_table(ui.data_key()))

    name = ui.selectbox("Dataset", "data", "dataset", NAMES, chosen, format_func=lambda n: catalogue.get(n).title)
    ui.sync_url({"dataset": name}, {"dataset": DEFAULT})
    ds = catalogue.get(name)
    res = ui.resource(name)
    frame = ui.table(name) if ds.kind == "table" else ui.geo_table(name)

    st.subheader(ds.title)
    st.markdown(ds.description)
    if ds.notes:
        st.info(ds.notes)
    c1, c2, c3 = st.columns(3)
    c1.metric("Rows" if ds.kind == "table" else "Features", f"{res['rows']:,}")
    c2.metric("File", res["path"])
    c3.metric("Size", f"{res['bytes'] / 1024:,.1f} KB")
    st.markdown("**Sources:** " + "; ".join(safe.md_link(s["title"], s.get("path")) for s in res["sources"]))
    st.markdown("**Licence:** " + "; ".join(safe.md(lic.get("title", lic["name"])) for lic in res["licenses"]))
    st.caption(f"Checksum {safe.md(res['hash'])}")

    st.markdown("**Preview**")
    st.dataframe(frame.head(200), hide_index=True, width="stretch")
    ui.download(frame, name, label=f"Download {name}.csv ({len(frame):,} rows)")

    with st.expander("Fields"):
        st.dataframe(fields_table(ui.data_key(), name), width="stretch")

    with st.expander("Third-party files"):
        st.dataframe(third_party_table(ui.data_key()), width="stretch")


ui.guarded(render)
