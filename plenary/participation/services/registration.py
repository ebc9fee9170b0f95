"""Registering people for a session: delegations and accredited stakeholders, before it closes."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, DeadlinePassed, InvalidInput, NotAllowed, PlenaryError
from plenary.moments import in_zone
from plenary.participation.models import Attendance, Registration
from plenary.participation.services.agenda import registration_closes_at
from plenary.process.actors import Actor, Viewer, actor_of
from plenary.process.models import Delegation, Negotiation, Organization, Role, Session
from plenary.process.permissions import (
    is_admitted,
    require_acting_delegation,
    require_delegation_member,
    require_organization_member,
    require_signed_in,
)
from plenary.validation import max_length


def affiliation(
    user: Viewer, negotiation: Negotiation, *, acting: bool = False
) -> tuple[Delegation | None, Organization | None]:
    """The delegation or organization a person acts for in this negotiation: a delegation
    member's own delegation, or their State's seat at a protocol; a stakeholder's organization.
    A delegation member whose State takes no part has none, and, `acting`, is told so."""
    actor = actor_of(user)
    if acting and actor.role == Role.DELEGATION:
        return require_acting_delegation(actor, negotiation), None
    return actor.affiliation(negotiation)


def is_accredited(session: Session, organization: Organization) -> bool:
    """Whether the organization is admitted to the session's negotiation (lapsed lists count)."""
    return is_admitted(organization, session.negotiation)


def take_part_refusal(session: Session, organization: Organization) -> PlenaryError | None:
    """Why an organization may not take part in a session (None: it may): stakeholders take
    part only in open sessions, and only once accredited."""
    if session.is_closed:
        return NotAllowed(
            _("%(session)s is closed to stakeholders: only delegations take part.")
            % {"session": session}
        )
    if not is_accredited(session, organization):
        return NotAllowed(
            _(
                "%(organization)s is not accredited to this negotiation; ask for accreditation "
                "first."
            )
            % {"organization": organization}
        )
    return None


def require_may_take_part(session: Session, organization: Organization) -> None:
    """Stakeholders take part only in open sessions, and only once accredited."""
    refusal = take_part_refusal(session, organization)
    if refusal is not None:
        raise refusal


def registration_refusal(
    session: Session,
    *,
    organization: Organization | None = None,
    at: datetime.datetime | None = None,
) -> PlenaryError | None:
    """Why registering people for a session is refused now (None: it is not): stakeholders must
    be able to take part, and registration closes before the session opens."""
    if organization is not None:
        refusal = take_part_refusal(session, organization)
        if refusal is not None:
            return refusal
    closes = registration_closes_at(session)
    if (at or timezone.now()) >= closes:
        return DeadlinePassed(
            _("Registration for %(session)s closed on %(closes)s.")
            % {"session": session, "closes": in_zone(closes, session)}
        )
    return None


def require_own_speaker(by: Actor, speaker: Any, *, exempt: Callable[[Actor], bool]) -> None:
    """Only the delegation or organization of a speaker entry or intervention acts on it, and
    whoever `exempt` lets through (the secretariat and the chair, or the chair alone)."""
    require_signed_in(by)
    if exempt(by):
        return
    if speaker.delegation is not None:
        require_delegation_member(by, speaker.delegation)
    elif speaker.organization is not None:
        require_organization_member(by, speaker.organization)


def register_participant(
    session: Session,
    *,
    by: Actor,
    name: str,
    attendance: str,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    function: str = "",
    at: datetime.datetime | None = None,
) -> Registration:
    """Register a person for a session, for the registrar's own delegation or organization."""
    require_signed_in(by)
    if (delegation is None) == (organization is None):
        raise InvalidInput(_("Register a person for one delegation or one organization."))
    if delegation is not None:
        require_delegation_member(by, delegation)
        if delegation.negotiation_id != session.negotiation_id:
            raise InvalidInput(_("This delegation does not take part in this negotiation."))
    if organization is not None:
        require_organization_member(by, organization)
    refusal = registration_refusal(session, organization=organization, at=at)
    if refusal is not None:
        raise refusal
    name = " ".join((name or "").split())
    if not name or len(name) > max_length(Registration, "name"):
        raise InvalidInput(_("Give the person's name (1 to 200 characters)."), field="name")
    function = " ".join((function or "").split())
    if len(function) > max_length(Registration, "function"):
        raise InvalidInput(_("The function is at most 200 characters."), field="function")
    if attendance not in Attendance.values:
        raise InvalidInput(_("Attendance is in person or remote."), field="attendance")
    at = at or timezone.now()
    already = Conflict(
        _("%(name)s is already registered for %(session)s.") % {"name": name, "session": session},
        field="name",
    )
    try:
        with transaction.atomic():
            if Registration.objects.filter(
                session=session, delegation=delegation, organization=organization, name__iexact=name
            ).exists():
                raise already
            # The database holds a name once per session and party, so two registrations of
            # one name at once make one.
            registration = Registration.objects.create(
                session=session,
                name=name,
                function=function,
                attendance=attendance,
                delegation=delegation,
                organization=organization,
                registered_by=by.user,
                registered_at=at,
            )
            record(
                "registration.created",
                registration,
                by=by.user,
                negotiation=session.negotiation,
                after=snapshot(registration),
            )
    except IntegrityError:
        raise already from None
    return registration
