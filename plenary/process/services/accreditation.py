"""Accreditation of stakeholder organizations: the ECOSOC fast path and non-objection."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, DeadlinePassed, InvalidInput, NotAllowed
from plenary.locking import claim_version
from plenary.outbox.events import periodic
from plenary.process.actors import Actor
from plenary.process.capabilities import can_run_process
from plenary.process.models import (
    AccreditationObjection,
    AccreditationRequest,
    Delegation,
    Negotiation,
    Organization,
)
from plenary.process.models.accreditation import AccreditationPath, AccreditationStatus
from plenary.process.permissions import (
    require_delegation_member,
    require_organization_member,
    require_runs_process,
    require_signed_in,
    require_takes_part,
)
from plenary.process.services.organizations import register_organization
from plenary.validation import max_length

# The limits live on the model's fields (the forms read them there too).
MAX_REASON = max_length(AccreditationObjection, "reason")
MAX_NOTE = max_length(AccreditationRequest, "decision_note")


def request_accreditation(
    negotiation: Negotiation,
    organization: Organization,
    *,
    by: Actor,
    at: datetime.datetime | None = None,
) -> AccreditationRequest:
    """Ask for an organization's accreditation; ECOSOC status admits it at once."""
    require_signed_in(by)
    if not can_run_process(by):
        require_organization_member(by, organization)
    at = at or timezone.now()
    with transaction.atomic():
        existing = AccreditationRequest.objects.filter(
            negotiation=negotiation, organization=organization
        ).first()
        if existing is not None:
            raise Conflict(
                _("%(organization)s has already asked for accreditation: %(status)s.")
                % {"organization": organization, "status": existing.effective_status_label}
            )
        if organization.ecosoc_status:
            request = AccreditationRequest.objects.create(
                negotiation=negotiation,
                organization=organization,
                path=AccreditationPath.ECOSOC,
                status=AccreditationStatus.ADMITTED,
                requested_at=at,
                requested_by=by.user,
                decided_at=at,
            )
            action = "accreditation.admitted_ecosoc"
        else:
            request = AccreditationRequest.objects.create(
                negotiation=negotiation,
                organization=organization,
                path=AccreditationPath.NON_OBJECTION,
                status=AccreditationStatus.PENDING,
                requested_at=at,
                requested_by=by.user,
                non_objection_deadline=at + datetime.timedelta(days=negotiation.non_objection_days),
            )
            action = "accreditation.listed"
        record(action, request, by=by.user, negotiation=negotiation, after=snapshot(request))
    return request


def list_organization(
    negotiation: Negotiation, *, by: Actor, **organization: Any
) -> AccreditationRequest:
    """The secretariat adds an organization to the register and to the negotiation's list (the
    non-objection procedure, or admission at once with ECOSOC status), both or neither."""
    require_runs_process(by, _("list organizations"))
    with transaction.atomic():
        registered = register_organization(by=by, **organization)
        return request_accreditation(negotiation, registered, by=by)


def object_to_accreditation(
    request: AccreditationRequest,
    *,
    by: Actor,
    delegation: Delegation,
    reason: str,
    at: datetime.datetime | None = None,
) -> AccreditationObjection:
    """Record a member state's objection; it holds the request for a decision."""
    require_delegation_member(by, delegation)
    require_takes_part(delegation, request.negotiation)
    if not delegation.is_member_state:
        raise NotAllowed(
            _("Only member states can object to the accreditation of an organization.")
        )
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("An objection states its reason."), field="reason")
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is at most %(max)s characters.") % {"max": MAX_REASON}, field="reason"
        )
    at = at or timezone.now()
    with audited_change(
        "accreditation.objected",
        request,
        by=by.user,
        negotiation=request.negotiation,
        note=f"{delegation}: {reason}",
    ):
        if request.path != AccreditationPath.NON_OBJECTION or request.status not in {
            AccreditationStatus.PENDING,
            AccreditationStatus.HELD,
        }:
            raise Conflict(
                _("%(organization)s is not open to objection: %(status)s.")
                % {"organization": request.organization, "status": request.effective_status_label}
            )
        if request.non_objection_deadline and at > request.non_objection_deadline:
            raise DeadlinePassed(
                _("The non-objection period for %(organization)s ended on %(deadline)s.")
                % {
                    "organization": request.organization,
                    "deadline": date_format(request.non_objection_deadline, "DATE_FORMAT"),
                }
            )
        if request.objections.filter(delegation=delegation).exists():
            raise Conflict(
                _("%(delegation)s has already objected to %(organization)s.")
                % {"delegation": delegation, "organization": request.organization}
            )
        objection = AccreditationObjection.objects.create(
            request=request,
            delegation=delegation,
            reason=reason,
            objected_by=by.user,
            objected_at=at,
        )
        request.status = AccreditationStatus.HELD
    return objection


def decide_accreditation(
    request: AccreditationRequest,
    *,
    by: Actor,
    admit: bool,
    note: str,
    expected_version: int | None = None,
    at: datetime.datetime | None = None,
) -> AccreditationRequest:
    """Record the decision on a request held by an objection."""
    require_runs_process(by, _("record accreditation decisions"))
    note = (note or "").strip()
    if not note:
        raise InvalidInput(
            _("Record how the decision was taken (e.g. the meeting and the rule)."), field="note"
        )
    if len(note) > MAX_NOTE:
        raise InvalidInput(
            _("The decision note is at most %(max)s characters.") % {"max": MAX_NOTE}, field="note"
        )
    with audited_change(
        "accreditation.decided",
        request,
        by=by.user,
        negotiation=request.negotiation,
        expected_version=expected_version,
        note=note,
    ):
        if request.status != AccreditationStatus.HELD:
            raise Conflict(
                _("Only a request held by an objection needs a decision; this one is %(status)s.")
                % {"status": request.effective_status_label}
            )
        request.status = AccreditationStatus.ADMITTED if admit else AccreditationStatus.REJECTED
        request.decided_at = at or timezone.now()
        request.decided_by = by.user
        request.decision_note = note
    return request


def admit_lapsed_requests(
    negotiation: Negotiation | None = None, *, at: datetime.datetime | None = None
) -> list[AccreditationRequest]:
    """Write down the admission of every listed organization whose non-objection period passed
    without objection (already admitted when read: see AccreditationRequest.effective_status).
    Run by the worker and `plenary admit-lapsed-accreditations`, never on a read."""
    at = at or timezone.now()
    lapsed = AccreditationRequest.objects.filter(
        status=AccreditationStatus.PENDING, non_objection_deadline__lte=at
    )
    if negotiation is not None:
        lapsed = lapsed.filter(negotiation=negotiation)
    admitted = []
    for request in lapsed.select_related("organization", "negotiation"):
        with transaction.atomic():
            claim_version(request, None)
            request.refresh_from_db(fields=["status"])
            if request.status != AccreditationStatus.PENDING or request.objections.exists():
                continue
            before = snapshot(request)
            request.status = AccreditationStatus.ADMITTED
            request.decided_at = request.non_objection_deadline
            request.save()
            record(
                "accreditation.admitted_no_objection",
                request,
                by=None,
                negotiation=request.negotiation,
                before=before,
                after=snapshot(request),
            )
        admitted.append(request)
    return admitted


@periodic(every=datetime.timedelta(minutes=5))
def admit_lapsed() -> int:
    """The worker's job: write down the admissions whose period has lapsed."""
    admit_lapsed_requests()
    return 0  # already admitted when read: nothing waits on it
