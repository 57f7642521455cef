"""afdash — an offline, sourced dashboard on Afghanistan's security after the 2021 U.S. withdrawal.

Everything outside `afdash.web.ui` is plain Python over DataFrames, testable without Streamlit.
"""

__version__ = "0.1.0"
