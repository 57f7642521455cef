"""Helpers for the events tests: small synthetic files and the UCDP sample from shared/."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from afdash.core.paths import PROJECT_ROOT
from tools import synth_events

FIXTURES = Path(__file__).parent / "fixtures"
GED_FIXTURE = FIXTURES / "ged_synthetic_40.csv"
ACLED_FIXTURE = FIXTURES / "acled_synthetic_60.csv"
UCDP_SAMPLE = PROJECT_ROOT.parent / "shared" / "data" / "open" / "ucdp_ged231_random_sample_afg_neighbours.csv"
UCDP_CANDIDATE = PROJECT_ROOT.parent / "shared" / "data" / "open" / "ucdp_candidate_2025_reduced_afg_neighbours.csv"


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} is not on this machine (it lives in ../shared/data/open)")
    return path


def write(frame: pd.DataFrame, path: Path) -> Path:
    synth_events.write_csv(frame, path)
    return path


def acled_rows(n: int, seed: int = 3) -> pd.DataFrame:
    return synth_events.acled(n, seed=seed)


def awkward_files(folder: Path) -> list[Path]:
    """ACLED and GED rows with the cases pre-aggregated counts must get right: one actor on both sides of an
    event, a side nobody named."""
    acled = acled_rows(300, seed=8)
    acled.loc[::7, "actor2"] = acled.loc[::7, "actor1"]
    acled.loc[3::11, "actor2"] = ""
    ged = synth_events.ged(200, seed=9)
    ged.loc[::5, "side_b"] = ged.loc[::5, "side_a"]
    return [write(acled, folder / "acled.csv"), write(ged, folder / "ged.csv")]
