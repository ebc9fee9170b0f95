"""Accounts in the browser: an organization signs up and asks for accreditation; the secretariat
and the chair create, deactivate and re-invite accounts and assign roles; a delegation's focal
point adds and removes the members of its own delegation. Invitations are one-time links (void
once the person has set a password with one). Every change is in the audit trail."""

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.links import TimedLinks
from plenary.process.actors import Actor, actor_of
from plenary.process.capabilities import can_manage_own_delegation, can_run_process
from plenary.process.models import Delegation, Negotiation, Organization, Role, User
from plenary.process.models.participants import OrganizationKind
from plenary.process.permissions import require_person, require_signed_in
from plenary.process.services.accreditation import request_accreditation
from plenary.process.services.organizations import new_organization
from plenary.process.services.people import create_user


class InvitationLinks(TimedLinks):
    """One-time invitation links: bound to the person's password and last sign-in, so a link
    is void once it has been used to set a password; good for INVITATION_DAYS."""

    key_salt = "plenary.process.services.accounts.InvitationLinks"

    def lifetime_seconds(self) -> float:
        return datetime.timedelta(days=settings.INVITATION_DAYS).total_seconds()


invitation_links = InvitationLinks()


def _email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            _("Give an email address, e.g. name@example.org."), field="email"
        ) from None
    return email


def _password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password") from error


def sign_up_organization(
    negotiation: Negotiation,
    *,
    name: str,
    slug: str,
    kind: str,
    username: str,
    email: str,
    password: str,
    country: str = "",
    website: str = "",
) -> User:
    """An organization signs up with its first person's account and asks for accreditation to
    the negotiation: it is listed, and admitted unless a member state objects within the
    non-objection period. ECOSOC status is recorded by the secretariat, not claimed here."""
    if kind not in OrganizationKind.values:
        raise InvalidInput(_("Choose the kind of organization."), field="kind")
    email = _email(email)
    candidate = User(username=(username or "").strip(), email=email)
    _password(password, candidate)
    try:
        with transaction.atomic():
            organization = new_organization(
                by=None,
                action="organization.signed_up",
                slug=slug,
                name=name,
                kind=kind,
                country=country,
                website=website,
            )
            person = create_user(
                username,
                role=Role.STAKEHOLDER,
                organization=organization,
                password=password,
                email=email,
                by=None,
            )
            request_accreditation(negotiation, organization, by=actor_of(person))
    except IntegrityError:
        raise Conflict(
            _("That user name was taken a moment ago; choose another."), field="username"
        ) from None
    return person


def may_manage(by: Actor, person: User) -> bool:
    """The secretariat and the chair manage every account; a delegation's focal point manages
    the members of its own delegation (not itself, not its focal points)."""
    if by.user is None:
        return False
    if can_run_process(by):
        return True
    return (
        can_manage_own_delegation(by)
        and person.role == Role.DELEGATION
        and person.delegation_id == by.delegation_id
        and person.pk != by.user.pk
        and not person.focal_point
    )


def _require_manages(by: Actor, person: User) -> None:
    require_signed_in(by)
    if not may_manage(by, person):
        raise NotAllowed(
            _(
                "Only the secretariat, the chair or the delegation's focal point manage this "
                "account."
            )
        )


def invite_person(
    *,
    by: Actor,
    username: str,
    email: str,
    role: str,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    focal_point: bool = False,
) -> User:
    """Create an account that its person opens with the invitation link sent to their email.
    The secretariat and the chair give any role; a focal point adds members to its own
    delegation only."""
    require_signed_in(by)
    if not can_run_process(by):
        if not can_manage_own_delegation(by):
            raise NotAllowed(
                _("Only the secretariat, the chair or a delegation's focal point add people.")
            )
        if role != Role.DELEGATION or delegation is None or delegation.pk != by.delegation_id:
            raise NotAllowed(_("A focal point adds members to its own delegation only."))
        if focal_point:
            raise NotAllowed(_("Only the secretariat or the chair name a focal point."))
    if focal_point and role != Role.DELEGATION:
        raise InvalidInput(_("Only a delegation member is a focal point."), field="focal_point")
    email = _email(email)
    try:
        with transaction.atomic():
            person = create_user(
                username,
                role=role,
                delegation=delegation,
                organization=organization,
                email=email,
                by=by,
            )
            if focal_point:
                person.focal_point = True
                person.save(update_fields=["focal_point"])
            record(
                "user.invited",
                person,
                by=by.user,
                negotiation=delegation.negotiation if delegation else None,
                after={"username": person.username, "role": role, "focal_point": focal_point},
            )
    except IntegrityError:
        raise Conflict(
            _("There is already a user called %(username)s.") % {"username": repr(username)},
            field="username",
        ) from None
    return person


def reinvite(person: User, *, by: Actor) -> str:
    """A new invitation link for a person who has not opened their account (or lost the link);
    returns it. Any earlier link stays good until one of them is used."""
    _require_manages(by, person)
    if not person.is_active:
        raise Conflict(
            _("%(person)s is deactivated; reactivate the account first.") % {"person": person}
        )
    with transaction.atomic():
        record("user.reinvited", person, by=by.user, after={"username": person.username})
    return invitation_links.make_token(person)


def invitation_token(person: User) -> str:
    """The one-time link's token for a person just invited."""
    return invitation_links.make_token(person)


def accept_invitation(person: User, *, token: str, password: str) -> User:
    """The invited person opens their account with the link and a password of their own."""
    if not person.is_active or not invitation_links.check_token(person, token):
        raise InvalidInput(
            _("This invitation link has expired or has been used; ask for a new one.")
        )
    _password(password, person)
    with transaction.atomic():
        person.set_password(password)
        person.save(update_fields=["password"])
        record("user.invitation_accepted", person, by=person, after={"username": person.username})
    return person


def set_role(
    person: User,
    *,
    by: Actor,
    role: str,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    focal_point: bool = False,
) -> User:
    """The secretariat or the chair change a person's role (and their delegation or
    organization)."""
    me = require_person(by)
    if not can_run_process(by):
        raise NotAllowed(_("Only the secretariat or the chair assign roles."))
    if person.pk == me.pk and role != person.role:
        raise NotAllowed(
            _("Ask someone else of the secretariat or the chair to change your own role.")
        )
    if role not in Role.values:
        raise InvalidInput(_("Choose a role."), field="role")
    if role == Role.DELEGATION and delegation is None:
        raise InvalidInput(_("A delegation member belongs to a delegation."), field="delegation")
    if role == Role.STAKEHOLDER and organization is None:
        raise InvalidInput(_("A stakeholder belongs to an organization."), field="organization")
    if focal_point and role != Role.DELEGATION:
        raise InvalidInput(_("Only a delegation member is a focal point."), field="focal_point")
    before = {
        "role": person.role,
        "delegation": str(person.delegation or ""),
        "organization": str(person.organization or ""),
        "focal_point": person.focal_point,
    }
    with transaction.atomic():
        person.role = role
        person.delegation = delegation if role == Role.DELEGATION else None
        person.organization = organization if role == Role.STAKEHOLDER else None
        person.focal_point = focal_point
        person.save(update_fields=["role", "delegation", "organization", "focal_point"])
        record(
            "user.role_changed",
            person,
            by=by.user,
            negotiation=person.delegation.negotiation if person.delegation else None,
            before=before,
            after={
                "role": role,
                "delegation": str(person.delegation or ""),
                "organization": str(person.organization or ""),
                "focal_point": focal_point,
            },
        )
    return person


def deactivate(person: User, *, by: Actor) -> User:
    """Close an account: its person can no longer sign in (what they did stays on record)."""
    _require_manages(by, person)
    if person == by.user:
        raise NotAllowed(_("You cannot deactivate your own account."))
    if not person.is_active:
        raise Conflict(_("%(person)s is already deactivated.") % {"person": person})
    with transaction.atomic():
        person.is_active = False
        person.save(update_fields=["is_active"])
        person.api_tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        record("user.deactivated", person, by=by.user, after={"username": person.username})
    return person


def reactivate(person: User, *, by: Actor) -> User:
    """Open a deactivated account again."""
    _require_manages(by, person)
    if person.is_active:
        raise Conflict(_("%(person)s is active.") % {"person": person})
    with transaction.atomic():
        person.is_active = True
        person.save(update_fields=["is_active"])
        record("user.reactivated", person, by=by.user, after={"username": person.username})
    return person
