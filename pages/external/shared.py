"""What the external-powers views share."""

from afdash.external import players
from afdash.web import ui


@ui.cached
def names() -> dict[str, str]:
    return players.actor_names(ui.table("actors"))
