"""Registering people for a session: delegations and accredited stakeholders, before it closes."""

import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, DeadlinePassed, InvalidInput, NotAllowed, PlenaryError
from plenary.moments import in_zone
from plenary.participation.models import Attendance, Registration
from plenary.participation.services.agenda import registration_closes_at
from plenary.process.models import Delegation, Organization, Session
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.permissions import (
    require_delegation_member,
    require_organization_member,
    require_signed_in,
)
from plenary.process.services.accreditation import admit_lapsed_requests
from plenary.validation import max_length


def is_accredited(session: Session, organization: Organization) -> bool:
    """Whether the organization is admitted to the session's negotiation (lapsed lists count)."""
    admit_lapsed_requests(session.negotiation)
    return organization.accreditation_requests.filter(
        negotiation=session.negotiation, status=AccreditationStatus.ADMITTED
    ).exists()


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


def require_own_speaker(by: Any, speaker: Any, *, exempt: Callable[[Any], bool]) -> None:
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
    by: Any,
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
    with transaction.atomic():
        if Registration.objects.filter(
            session=session, delegation=delegation, organization=organization, name__iexact=name
        ).exists():
            raise Conflict(
                _("%(name)s is already registered for %(session)s.")
                % {"name": name, "session": session},
                field="name",
            )
        registration = Registration.objects.create(
            session=session,
            name=name,
            function=function,
            attendance=attendance,
            delegation=delegation,
            organization=organization,
            registered_by=by,
            registered_at=at,
        )
        record(
            "registration.created",
            registration,
            by=by,
            negotiation=session.negotiation,
            after=snapshot(registration),
        )
    return registration
