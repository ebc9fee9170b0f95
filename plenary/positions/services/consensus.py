"""Where consensus stands: each delegation's latest stance on each provision and open objections."""

from plenary.analysis import ConsensusMap, DelegationStance, consensus_map
from plenary.analysis import Objection as AnalysisObjection
from plenary.analysis import Stance as AnalysisStance
from plenary.positions.models import Objection, Stance
from plenary.process.models import Negotiation
from plenary.process.models.participants import delegation_codes

# In a map of positions, an open objection stands where the delegation's stance would.
OBJECTS = "objects"

Cells = dict[tuple[str, str], str]


def marked_positions(
    negotiation: Negotiation, eids: list[str]
) -> tuple[Cells, set[tuple[str, str]]]:
    """(eid, delegation code) → its latest stance, or "objects" where an objection is open; and
    the cells whose mark comes from an illustrative stance or objection."""
    names = delegation_codes(negotiation)
    cells: Cells = {}
    illustrative: set[tuple[str, str]] = set()
    for delegation_id, eid, stance, example in (
        # Only this negotiation's own delegations: a stance stored for another's (before acts
        # were checked against the negotiation they are made in) shows nowhere.
        Stance.objects.filter(
            negotiation=negotiation,
            delegation__negotiation=negotiation,
            issue__isnull=True,
            eid__in=eids,
        )
        .order_by("recorded_at", "id")
        .values_list("delegation_id", "eid", "stance", "illustrative")
    ):
        cell = (eid, names[delegation_id])
        cells[cell] = stance
        if example:
            illustrative.add(cell)
        else:
            illustrative.discard(cell)
    for delegation_id, eid, example in Objection.objects.filter(
        negotiation=negotiation,
        delegation__negotiation=negotiation,
        withdrawn_at__isnull=True,
        eid__in=eids,
    ).values_list("delegation_id", "eid", "illustrative"):
        cell = (eid, names[delegation_id])
        cells[cell] = OBJECTS
        if example:
            illustrative.add(cell)
        else:
            illustrative.discard(cell)
    return cells, illustrative


def positions_on(negotiation: Negotiation, eids: list[str]) -> Cells:
    """(eid, delegation code) → its latest stance, or "objects" where an objection is open."""
    return marked_positions(negotiation, eids)[0]


def among(cells: Cells, delegations: set[str]) -> Cells:
    """Only the cells of these delegations (e.g. the members of a bloc)."""
    return {cell: mark for cell, mark in cells.items() if cell[1] in delegations}


def opinion_stances(cells: Cells) -> list[DelegationStance]:
    """The stances an opinion map reads: each delegation's latest stance on each provision, and
    an open objection as opposing (the strongest disagreement the map can code)."""
    return [
        DelegationStance(code, eid, AnalysisStance.OPPOSE if mark == OBJECTS else mark)
        for (eid, code), mark in cells.items()
    ]


def consensus_on(
    negotiation: Negotiation,
    eids: list[str],
    positions: Cells | None = None,
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
