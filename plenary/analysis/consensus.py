"""Consensus map: for every provision, who supports it, who objects, and what blocks consensus.

Consensus is reached when no delegation objects. A delegation objects to a provision when it
has recorded a formal objection to it or its stance is "oppose". "amend" (wants other wording),
"reservation" (goes along, with a reservation on record) and "silent" do not block: under the
consensus rule, silence is consent, and a reservation is how a delegation joins consensus
without endorsing every word.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from plenary.analysis.stances import DelegationStance, Objection, Stance, current_stances


class ConsensusStatus(StrEnum):
    CONSENSUS = "consensus"  # positions on record and nobody objects
    BLOCKED = "blocked"  # at least one delegation objects
    NO_POSITIONS = "no_positions"  # nobody has taken a position (all silent) or objected


@dataclass(frozen=True)
class ProvisionConsensus:
    """Where one provision stands; `objecting` are the delegations that block consensus."""

    provision: str
    status: ConsensusStatus
    supporting: list[str]
    objecting: list[str]
    amending: list[str]
    reserving: list[str]


@dataclass(frozen=True)
class ConsensusMap:
    provisions: list[ProvisionConsensus]
    without_objection: int  # provisions nobody objects to (consensus or no positions yet)
    total: int

    @property
    def summary(self) -> str:
        """The headline, e.g. "45 of 60 provisions without objection"."""
        noun = "provision" if self.total == 1 else "provisions"
        return f"{self.without_objection} of {self.total} {noun} without objection"

    def blocked_by(self) -> dict[str, list[str]]:
        """For each objecting delegation, the provisions it blocks, in provision order."""
        blocked: dict[str, list[str]] = {}
        for entry in self.provisions:
            for delegation in entry.objecting:
                blocked.setdefault(delegation, []).append(entry.provision)
        return dict(sorted(blocked.items()))


def consensus_map(
    provisions: Sequence[str],
    stances: Iterable[DelegationStance],
    objections: Iterable[Objection] = (),
) -> ConsensusMap:
    """Map every provision (in the order given) to its supporters, objectors and status."""
    if len(set(provisions)) != len(provisions):
        raise ValueError("A provision is listed twice; give each paragraph or package once.")
    by_provision: dict[str, dict[Stance, set[str]]] = {p: {} for p in provisions}
    for (delegation, provision), stance in current_stances(stances, provisions).items():
        by_provision[provision].setdefault(stance, set()).add(delegation)
    for objection in objections:
        if objection.provision not in by_provision:
            raise ValueError(
                f"Delegation '{objection.delegation}' objects to '{objection.provision}', "
                "which is not among the provisions given; add it or drop the objection."
            )
        # A formal objection counts the same as an "oppose" stance: both block consensus.
        by_provision[objection.provision].setdefault(Stance.OPPOSE, set()).add(objection.delegation)

    entries = [_provision_consensus(p, by_provision[p]) for p in provisions]
    return ConsensusMap(
        provisions=entries,
        without_objection=sum(e.status is not ConsensusStatus.BLOCKED for e in entries),
        total=len(entries),
    )


def _provision_consensus(provision: str, groups: dict[Stance, set[str]]) -> ProvisionConsensus:
    objecting = groups.get(Stance.OPPOSE, set())
    # An objection outweighs a stance of the same delegation on the same provision.
    supporting = groups.get(Stance.SUPPORT, set()) - objecting
    amending = groups.get(Stance.AMEND, set()) - objecting
    reserving = groups.get(Stance.RESERVATION, set()) - objecting
    if objecting:
        status = ConsensusStatus.BLOCKED
    elif supporting or amending or reserving:
        status = ConsensusStatus.CONSENSUS
    else:
        status = ConsensusStatus.NO_POSITIONS
    return ProvisionConsensus(
        provision=provision,
        status=status,
        supporting=sorted(supporting),
        objecting=sorted(objecting),
        amending=sorted(amending),
        reserving=sorted(reserving),
    )
