"""Importing users' own event files (UCDP GED / candidate events, ACLED exports) into the events store.

Build layer: this package uses geopandas for the province lookup, so the running app never imports it; the
app reads the store through afdash.userevents."""
