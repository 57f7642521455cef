"""What the regional views derive from the data alone, in one dict a page can cache once per data folder."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from afdash.regional.matrix import matrix_cells
from afdash.regional.model import border_incidents
from afdash.regional.states import border_lengths, stances, state_names


def derived(tables: Mapping[str, pd.DataFrame]) -> dict:
    """What the page derives from the data alone (names, border lengths, matrix cells, stances, border
    incidents), next to the tables it reads: one dict a page can cache once per data folder."""
    statements, events = tables["regional_statements"], tables["events"]
    names = state_names(tables["actors"])
    return {
        "statements": statements, "memberships": tables["regional_memberships"],
        "projects": tables["regional_projects"], "events": events, "points": tables["regional_points"],
        "names": names, "km": border_lengths(tables["countries"]), "cells": matrix_cells(statements),
        "stances": stances(statements),
        "incidents": border_incidents(tables["regional_border_events"], events, names),
    }
