"""The UN member states for a scenario: their UN short name, region and subregion (UN M49),
from the names data Plenary uses everywhere (plenary/process/names.py)."""

from plenary.process.names import State, dataset_source, member_states

__all__ = ["State", "dataset_source", "un_member_states"]


def un_member_states() -> list[State]:
    """All 193 UN member states, in English order."""
    return member_states()
