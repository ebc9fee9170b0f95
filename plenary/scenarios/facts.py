"""What every part of a scenario's loading shares: its error, and the rule that a fact carries
a source unless it is labelled illustrative."""

from typing import Any

from plenary.sources import clean_sources


class ScenarioError(Exception):
    pass


def sourced(entry: dict[str, Any], what: str, default: list[Any] | None = None) -> dict[str, Any]:
    """A fact needs a source; only illustrative data may go without one."""
    illustrative = bool(entry.get("illustrative", False))
    sources = clean_sources(entry.get("sources", default or []))
    if not illustrative and not sources:
        raise ScenarioError(f"{what} is given as a fact but has no source.")
    return {"sources": sources, "illustrative": illustrative}
