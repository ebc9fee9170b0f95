"""What a person may see and do, each named for what it allows. Pages, the API, templates (the
`plenary` template library's filters of the same names) and services ask these rather than
reading roles: a rule changes here, once.

Every function takes a `Viewer`: an `Actor`, a user, the anonymous user or None."""

from plenary.process.actors import Viewer, actor_of
from plenary.process.models import Role

# Delegations, the secretariat and the chair sit at the table: they see what is not public yet.
_AT_THE_TABLE = frozenset({Role.DELEGATION, Role.SECRETARIAT, Role.CHAIR})
_RUNNING_THE_PROCESS = frozenset({Role.SECRETARIAT, Role.CHAIR})


def _at_the_table(viewer: Viewer) -> bool:
    return actor_of(viewer).role in _AT_THE_TABLE


def can_see_closed_meetings(viewer: Viewer) -> bool:
    """The content of meetings closed to stakeholders (their agenda, statements, documents,
    history); that such a meeting took place, and when and where, is public."""
    return _at_the_table(viewer)


def can_view_informal_drafts(viewer: Viewer) -> bool:
    """Versions not yet published (informal drafts); published versions are public."""
    return _at_the_table(viewer)


def can_view_working_text(viewer: Viewer) -> bool:
    """The text at the table (the chair's changes since the latest version), its packages and
    every provision the negotiation has had."""
    return _at_the_table(viewer)


def can_view_open_proposals(viewer: Viewer) -> bool:
    """The proposals made on the working text, in its pages, the API and search."""
    return _at_the_table(viewer)


def can_see_accreditation_list(viewer: Viewer) -> bool:
    """Every request for accreditation and its objections (the non-objection list); others
    see who is admitted and their own organization's request."""
    return _at_the_table(viewer)


def can_run_process(viewer: Viewer) -> bool:
    """The secretariat and the chair run the process."""
    return actor_of(viewer).role in _RUNNING_THE_PROCESS


def can_manage_own_delegation(viewer: Viewer) -> bool:
    """A delegation's focal point adds people to its own delegation and manages its members."""
    actor = actor_of(viewer)
    return actor.user is not None and actor.role == Role.DELEGATION and actor.focal_point
