"""Where consensus stands: each delegation's latest stance on each provision and open objections."""

from plenary.analysis import ConsensusMap, DelegationStance, consensus_map
from plenary.analysis import Objection as AnalysisObjection
from plenary.positions.models import Objection, Stance
from plenary.process.models import Negotiation
from plenary.process.models.participants import delegation_codes

# In a map of positions, an open objection stands where the delegation's stance would.
OBJECTS = "objects"


def positions_on(negotiation: Negotiation, eids: list[str]) -> dict[tuple[str, str], str]:
    """(eid, delegation code) → its latest stance, or "objects" where an objection is open."""
    names = delegation_codes(negotiation)
    cells: dict[tuple[str, str], str] = {}
    for delegation_id, eid, stance in (
        Stance.objects.filter(negotiation=negotiation, issue__isnull=True, eid__in=eids)
        .order_by("recorded_at", "id")
        .values_list("delegation_id", "eid", "stance")
    ):
        cells[(eid, names[delegation_id])] = stance
    for delegation_id, eid in Objection.objects.filter(
        negotiation=negotiation, withdrawn_at__isnull=True, eid__in=eids
    ).values_list("delegation_id", "eid"):
        cells[(eid, names[delegation_id])] = OBJECTS
    return cells


def consensus_on(
    negotiation: Negotiation,
    eids: list[str],
    positions: dict[tuple[str, str], str] | None = None,
) -> ConsensusMap:
    """Where each paragraph stands: the latest stance of each delegation and open objections."""
    if positions is None:
        positions = positions_on(negotiation, eids)
    return consensus_map(
        eids,
        [
            DelegationStance(code, eid, stance)
            for (eid, code), stance in positions.items()
            if stance != OBJECTS
        ],
        [
            AnalysisObjection(code, eid)
            for (eid, code), stance in positions.items()
            if stance == OBJECTS
        ],
    )
