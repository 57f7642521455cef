"""Datasets of the external page, registered in afdash.catalogue."""

from __future__ import annotations

from afdash.dataset import Dataset

DATASETS: list[Dataset] = []
