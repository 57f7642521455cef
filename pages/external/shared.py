"""What the external-powers views share."""

from afdash.external import powers
from afdash.web import ui


@ui.cached
def names() -> dict[str, str]:
    return powers.actor_names(ui.table("actors"))
