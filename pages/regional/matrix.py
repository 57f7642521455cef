"""States × issues: the level the report gives each state on six issues, filtered, sorted and downloadable."""

import streamlit as st

from afdash.regional import matrix, states
from afdash.web import ui
from afdash.web.page import Page
from pages.regional.shared import DEFAULT_STANCES, base, filter_row


@ui.cached
def _matrix(ordered: tuple) -> tuple:
    """The matrix of the kept states and the basis of each cell, as shown and downloaded."""
    b = base()
    table = matrix.matrix_table(b["cells"], b["stances"], b["names"], b["km"], list(ordered))
    return table, matrix.basis_table(b["cells"], b["names"], list(ordered))


def render(page: Page) -> None:
    values, ordered = filter_row(page)
    st.caption(states.LEVEL_MEANING)
    stances, issue, level = values["stance"], values["issue"], values["level"]
    filters = {"stance": stances if stances != DEFAULT_STANCES else None,
               "issue": issue if level != "any" else None, "level": level if level != "any" else None}
    if not ordered:
        st.info(f"No states match: {matrix.filters_text(stances, issue, level)}.")
    else:
        table, basis = _matrix(tuple(ordered))
        # a Styler per run: Streamlit renders it in place, so a shared one could be read while another session
        # renders it
        st.dataframe(matrix.style_matrix(table), hide_index=True, width="stretch",
                     column_config={"border_km": "Shared border (km)"})
        ui.download(table, "regional_matrix", filters, label=f"Download matrix CSV ({len(table)} states)")
        with st.expander("Basis and sources of each cell"):
            st.dataframe(basis, hide_index=True, width="stretch")
            ui.download(basis, "regional_matrix_basis", filters, label=f"Download basis CSV ({len(basis)} cells)")
    ui.source(extra="regional_statements dataset; levels and stance classes are afdash's reading of the text")
