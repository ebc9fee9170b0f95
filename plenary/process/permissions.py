"""Who may do what in the process: one place for the role rules services rely on."""

from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import NotAllowed, NotSignedIn, NotYourDelegation, NotYourOrganization
from plenary.process.models import Delegation, Organization, Role
from plenary.process.models.accreditation import admitted_requests


def require_signed_in(user: Any) -> None:
    """Refuse anonymous users."""
    if user is None or not user.is_authenticated:
        raise NotSignedIn(_("Sign in first: this needs an account."))


def require_runs_process(user: Any, doing: str) -> None:
    """Only the secretariat and the chair run the process."""
    require_signed_in(user)
    if not user.runs_process:
        raise NotAllowed(_("Only the secretariat or the chair can %(doing)s.") % {"doing": doing})


def _same_state(one: Delegation, other: Delegation) -> bool:
    if one.iso2 and other.iso2:
        return bool(one.iso2 == other.iso2)
    return bool(one.name == other.name)


def represents(user: Any, delegation: Delegation) -> bool:
    """Whether this person acts for this delegation: their own, or their State's seat at a
    protocol of their own delegation's negotiation (a protocol seats the parent's States)."""
    if user is None or not user.is_authenticated or user.delegation_id is None:
        return False
    if user.delegation_id == delegation.pk:
        return True
    own = user.delegation
    return bool(
        delegation.negotiation.parent_id == own.negotiation_id and _same_state(own, delegation)
    )


def acting_delegation(user: Any, negotiation: Any) -> Delegation | None:
    """The delegation through which this person acts in this negotiation: their own if it
    takes part in it, their State's seat if it is a protocol of their own negotiation, else
    none (they do not take part in it)."""
    own = getattr(user, "delegation", None) if getattr(user, "is_authenticated", False) else None
    if own is None:
        return None
    if own.negotiation_id == negotiation.pk:
        return own
    if negotiation.parent_id == own.negotiation_id:
        for seat in negotiation.delegations.filter(name=own.name):
            if _same_state(own, seat):
                return seat
        if own.iso2:
            return negotiation.delegations.filter(iso2=own.iso2).first()
    return None


def require_acting_delegation(user: Any, negotiation: Any) -> Delegation:
    """The person's delegation in this negotiation, or a refusal that says they take no part."""
    require_signed_in(user)
    if user.role != Role.DELEGATION or user.delegation_id is None:
        raise NotAllowed(_("Only members of a delegation can do this."))
    delegation = acting_delegation(user, negotiation)
    if delegation is None:
        raise NotAllowed(
            _("%(delegation)s does not take part in %(negotiation)s.")
            % {"delegation": user.delegation, "negotiation": negotiation}
        )
    return delegation


def require_takes_part(delegation: Delegation, negotiation: Any) -> None:
    """An act in a negotiation is for one of its own delegations."""
    if delegation.negotiation_id != negotiation.pk:
        raise NotAllowed(
            _("%(delegation)s does not take part in %(negotiation)s.")
            % {"delegation": delegation, "negotiation": negotiation}
        )


def is_admitted(organization: Organization, negotiation: Any) -> bool:
    """Whether the organization is admitted to the negotiation (a lapsed period counts)."""
    return bool(
        organization.accreditation_requests.filter(
            admitted_requests(), negotiation=negotiation
        ).exists()
    )


def require_admitted(organization: Organization, negotiation: Any) -> None:
    """An organization acts in a negotiation only once admitted to it."""
    if not is_admitted(organization, negotiation):
        raise NotAllowed(
            _(
                "%(organization)s is not accredited to this negotiation; ask for accreditation "
                "first."
            )
            % {"organization": organization}
        )


def require_takes_part_as(user: Any, negotiation: Any) -> Delegation | Organization:
    """What a person acts for in a negotiation: their organization, once admitted to it, or
    their delegation (their State's seat, at a protocol)."""
    require_signed_in(user)
    if user.organization_id:
        require_admitted(user.organization, negotiation)
        return user.organization
    return require_acting_delegation(user, negotiation)


def require_delegation_member(user: Any, delegation: Delegation) -> None:
    """A delegation member acts only for their own delegation (or its seat at a protocol)."""
    require_signed_in(user)
    if user.role != Role.DELEGATION or user.delegation_id is None:
        raise NotAllowed(_("Only members of a delegation can do this."))
    if not represents(user, delegation):
        raise NotYourDelegation(
            _(
                "You are a member of the delegation of %(own)s; you cannot act on behalf "
                "of %(delegation)s."
            )
            % {"own": user.delegation, "delegation": delegation}
        )


def require_organization_member(user: Any, organization: Organization) -> None:
    """A stakeholder acts only for their own organization."""
    require_signed_in(user)
    if user.role != Role.STAKEHOLDER or user.organization_id != organization.pk:
        raise NotYourOrganization(
            _("You can act only for your own organization, not %(organization)s.")
            % {"organization": organization}
        )


def require_chair(user: Any, doing: str) -> None:
    """Some decisions are the chair's alone."""
    require_signed_in(user)
    if user.role != Role.CHAIR:
        raise NotAllowed(_("Only the chair can %(doing)s.") % {"doing": doing})
