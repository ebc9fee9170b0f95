"""The services of positions, one module per part of the domain; everything is importable from
here as well."""

from plenary.positions.services.consensus import (
    OBJECTS,
    among,
    consensus_on,
    map_rows,
    marked_positions,
    opinion_stances,
    positions_on,
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
    PROVISION_PREFIX,
    Subject,
    key_of,
    keys_seen_by,
    numbered,
    open_packages,
    package_key,
    proposal_key,
    provision_key,
    subject_named,
)
from plenary.positions.services.stances import record_stance, stance_history

__all__ = [
    "OBJECTS",
    "PACKAGE_PREFIX",
    "PROPOSAL_PREFIX",
    "PROVISION_PREFIX",
    "Subject",
    "among",
    "consensus_on",
    "define_issue",
    "key_of",
    "keys_seen_by",
    "map_rows",
    "marked_positions",
    "numbered",
    "object_to_paragraph",
    "objections_seen_by",
    "open_packages",
    "opinion_stances",
    "package_key",
    "positions_on",
    "proposal_key",
    "provision_key",
    "record_stance",
    "set_capability",
    "stance_history",
    "subject_named",
    "withdraw_objection",
]
