"""Who may do what in the process: one place for the role rules services rely on."""

from django.utils.translation import gettext as _

from plenary.errors import NotAllowed, NotSignedIn, NotYourDelegation, NotYourOrganization
from plenary.process.actors import Actor, Viewer, actor_of
from plenary.process.capabilities import can_run_process
from plenary.process.models import Delegation, Negotiation, Organization, Role, User
from plenary.process.models.accreditation import admitted_requests


def require_signed_in(user: Viewer) -> Actor:
    """Refuse anonymous users; the signed-in person as an actor."""
    actor = actor_of(user)
    if actor.user is None:
        raise NotSignedIn(_("Sign in first: this needs an account."))
    return actor


def require_person(user: Viewer) -> User:
    """The signed-in person, for what is theirs (follows, the inbox); anonymous users are
    refused."""
    person = actor_of(user).user
    if person is None:
        raise NotSignedIn(_("Sign in first: this needs an account."))
    return person


def require_runs_process(user: Viewer, doing: str) -> Actor:
    """Only the secretariat and the chair run the process."""
    actor = require_signed_in(user)
    if not can_run_process(actor):
        raise NotAllowed(_("Only the secretariat or the chair can %(doing)s.") % {"doing": doing})
    return actor


def _require_delegation_role(user: Viewer) -> Actor:
    actor = require_signed_in(user)
    if actor.role != Role.DELEGATION or actor.delegation_id is None:
        raise NotAllowed(_("Only members of a delegation can do this."))
    return actor


def require_acting_delegation(user: Viewer, negotiation: Negotiation) -> Delegation:
    """The person's delegation in this negotiation, or a refusal that says they take no part."""
    actor = _require_delegation_role(user)
    delegation = actor.delegation_in(negotiation)
    if delegation is None:
        raise NotAllowed(
            _("%(delegation)s does not take part in %(negotiation)s.")
            % {"delegation": actor.delegation, "negotiation": negotiation}
        )
    return delegation


def require_takes_part(delegation: Delegation, negotiation: Negotiation) -> None:
    """An act in a negotiation is for one of its own delegations."""
    if delegation.negotiation_id != negotiation.pk:
        raise NotAllowed(
            _("%(delegation)s does not take part in %(negotiation)s.")
            % {"delegation": delegation, "negotiation": negotiation}
        )


def is_admitted(organization: Organization, negotiation: Negotiation) -> bool:
    """Whether the organization is admitted to the negotiation (a lapsed period counts)."""
    return bool(
        organization.accreditation_requests.filter(
            admitted_requests(), negotiation=negotiation
        ).exists()
    )


def require_admitted(organization: Organization, negotiation: Negotiation) -> None:
    """An organization acts in a negotiation only once admitted to it."""
    if not is_admitted(organization, negotiation):
        raise NotAllowed(
            _(
                "%(organization)s is not accredited to this negotiation; ask for accreditation "
                "first."
            )
            % {"organization": organization}
        )


def require_takes_part_as(user: Viewer, negotiation: Negotiation) -> Delegation | Organization:
    """What a person acts for in a negotiation: their organization, once admitted to it, or
    their delegation (their State's seat, at a protocol)."""
    actor = require_signed_in(user)
    if actor.organization is not None:
        require_admitted(actor.organization, negotiation)
        return actor.organization
    return require_acting_delegation(actor, negotiation)


def require_delegation_member(user: Viewer, delegation: Delegation) -> Actor:
    """A delegation member acts only for their own delegation (or its seat at a protocol)."""
    actor = _require_delegation_role(user)
    if not actor.represents(delegation):
        raise NotYourDelegation(
            _(
                "You are a member of the delegation of %(own)s; you cannot act on behalf "
                "of %(delegation)s."
            )
            % {"own": actor.delegation, "delegation": delegation}
        )
    return actor


def require_organization_member(user: Viewer, organization: Organization) -> Actor:
    """A stakeholder acts only for their own organization."""
    actor = require_signed_in(user)
    if actor.role != Role.STAKEHOLDER or actor.organization_id != organization.pk:
        raise NotYourOrganization(
            _("You can act only for your own organization, not %(organization)s.")
            % {"organization": organization}
        )
    return actor


def require_chair(user: Viewer, doing: str) -> Actor:
    """Some decisions are the chair's alone."""
    actor = require_signed_in(user)
    if actor.role != Role.CHAIR:
        raise NotAllowed(_("Only the chair can %(doing)s.") % {"doing": doing})
    return actor
