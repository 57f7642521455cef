"""Build steps that derive a dataset from another one's hand-kept source, never typed by hand."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from afdash.core.paths import sources_dir
from afdash.external import reserves
from afdash.schema.fields import CellError, SourceFileError, parse
from afdash.store import catalogue


def reserves_table(base: Path) -> pd.DataFrame:
    """The frozen-reserves stages, derived from key_figures.csv."""
    result = parse(sources_dir(base) / "key_figures.csv", catalogue.KEY_FIGURES.fields)
    if result.errors:
        raise SourceFileError(result.errors)
    try:
        return reserves.stages(result.frame)
    except reserves.AssetFigureError as exc:
        raise SourceFileError([CellError("key_figures.csv", 0, "figure_id", "", str(exc))]) from exc
