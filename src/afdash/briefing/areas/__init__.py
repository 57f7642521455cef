"""The views of each area, one module per area (like afdash.datasets.<area>), so pages never edit each
other's files. Each module exposes `VIEWS: list[Recipe]`; afdash.briefing.registry.registry() collects them."""
