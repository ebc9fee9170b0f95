"""Stances: what a delegation says about a provision, as plain data for the consensus and opinion
models."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Stance(StrEnum):
    SUPPORT = "support"
    OPPOSE = "oppose"
    AMEND = "amend"
    RESERVATION = "reservation"
    SILENT = "silent"


@dataclass(frozen=True)
class DelegationStance:
    """One delegation's current stance on one provision (a paragraph or a package)."""

    delegation: str
    provision: str
    stance: Stance | str


@dataclass(frozen=True)
class Objection:
    """A formal objection by one delegation to one provision; it blocks consensus."""

    delegation: str
    provision: str


# A dictionary look-up instead of calling the enum: maps of 193 x 60 parse thousands of stances.
_STANCES = {stance.value: stance for stance in Stance}


def parse_stance(value: Stance | str) -> Stance:
    """Return the Stance for a value, or raise ValueError naming the accepted words."""
    stance = _STANCES.get(value) if isinstance(value, str) else None
    if stance is None:
        accepted = ", ".join(stance.value for stance in Stance)
        raise ValueError(f"'{value}' is not a stance; use one of: {accepted}.")
    return stance


def current_stances(
    stances: Iterable[DelegationStance], provisions: Iterable[str]
) -> dict[tuple[str, str], Stance]:
    """Index stances by (delegation, provision), rejecting unknown provisions and contradictions."""
    known = set(provisions)
    indexed: dict[tuple[str, str], Stance] = {}
    for record in stances:
        if record.provision not in known:
            raise ValueError(
                f"Delegation '{record.delegation}' has a stance on '{record.provision}', "
                "which is not among the provisions given; add it or drop the stance."
            )
        stance = parse_stance(record.stance)
        key = (record.delegation, record.provision)
        previous = indexed.get(key)
        # Two different stances for one pair means the caller forgot to pick the latest one;
        # guessing which counts would silently change the map.
        if previous is not None and previous is not stance:
            raise ValueError(
                f"Delegation '{record.delegation}' has two stances on '{record.provision}' "
                f"('{previous.value}' and '{stance.value}'); pass only its current stance."
            )
        indexed[key] = stance
    return indexed
