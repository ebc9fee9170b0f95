"""Who may do what in the process: one place for the role rules services rely on."""

from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import NotAllowed, NotSignedIn, NotYourDelegation, NotYourOrganization
from plenary.process.models import Delegation, Organization, Role


def require_signed_in(user: Any) -> None:
    """Refuse anonymous users."""
    if user is None or not user.is_authenticated:
        raise NotSignedIn(_("Sign in first: this needs an account."))


def require_runs_process(user: Any, doing: str) -> None:
    """Only the secretariat and the chair run the process."""
    require_signed_in(user)
    if not user.runs_process:
        raise NotAllowed(_("Only the secretariat or the chair can %(doing)s.") % {"doing": doing})


def require_delegation_member(user: Any, delegation: Delegation) -> None:
    """A delegation member acts only for their own delegation."""
    require_signed_in(user)
    if user.role != Role.DELEGATION or user.delegation_id is None:
        raise NotAllowed(_("Only members of a delegation can do this."))
    if user.delegation_id != delegation.pk:
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
