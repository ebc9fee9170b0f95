"""The services of positions, one module per part of the domain; everything is importable from
here as well."""

from plenary.positions.services.consensus import (
    OBJECTS,
    among,
    consensus_on,
    marked_positions,
    opinion_stances,
    positions_on,
)
from plenary.positions.services.decisions import (
    MAJORITY_RULES,
    DecisionTaken,
    majority_of,
    record_decision,
    take_decision,
    tally_votes,
    vote_counts,
    vote_result,
)
from plenary.positions.services.issues import define_issue, set_capability
from plenary.positions.services.objections import (
    object_to_paragraph,
    objections_seen_by,
    withdraw_objection,
)
from plenary.positions.services.provisions import (
    PACKAGE_PREFIX,
    PROPOSAL_PREFIX,
    open_package_provisions,
    package_provision,
    proposal_of,
    proposal_provision,
)
from plenary.positions.services.stances import record_stance, stance_history

__all__ = [
    "MAJORITY_RULES",
    "OBJECTS",
    "PACKAGE_PREFIX",
    "PROPOSAL_PREFIX",
    "DecisionTaken",
    "among",
    "consensus_on",
    "define_issue",
    "majority_of",
    "marked_positions",
    "object_to_paragraph",
    "objections_seen_by",
    "open_package_provisions",
    "opinion_stances",
    "package_provision",
    "positions_on",
    "proposal_of",
    "proposal_provision",
    "record_decision",
    "record_stance",
    "set_capability",
    "stance_history",
    "take_decision",
    "tally_votes",
    "vote_counts",
    "vote_result",
    "withdraw_objection",
]
