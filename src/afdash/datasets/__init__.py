"""Datasets added by each page, one module per area, so pages never edit each other's definitions."""
