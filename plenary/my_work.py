"""Each person's work in one place: what waits for their answer or decision, and what is coming.

What waits for them (invitations to answer, requests to decide) is counted in the header of
every page; what is coming (deadlines, speaking slots, their delegation's open objections) is
listed on the page. Everything here is read from the record as it is: nothing is written.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from plenary.advocacy.models import Statement, StatementStatus
from plenary.advocacy.services.coalitions import invitations_for
from plenary.participation.models import ItemStatus, SpeakerEntry
from plenary.participation.services.agenda import registration_closes_at
from plenary.positions.models import Objection
from plenary.process.actors import PUBLIC, Actor, request_actor
from plenary.process.capabilities import can_manage_own_delegation, can_run_process
from plenary.process.models import AccreditationRequest, Negotiation, Role, Session
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import visible_sessions

# How far ahead the page looks for deadlines and meetings.
AHEAD = datetime.timedelta(days=60)


@dataclass
class Section:
    """One kind of work: its heading, its rows, and whether it waits for this person."""

    key: str
    title: Any
    rows: list[Any] = field(default_factory=list)
    waits_for_you: bool = False


@dataclass
class Deadline:
    """Something due by a moment: a roadmap deadline, the close of a session's registration."""

    what: Any
    at: datetime.datetime
    where: Any
    url: str


def negotiations_of(actor: Actor) -> list[Negotiation]:
    """The negotiations a person works in: their delegation's, else all of them."""
    if actor.delegation is not None:
        return [actor.delegation.negotiation]
    return list(Negotiation.objects.all())


def _decisions(actor: Actor) -> list[Any]:
    """Requests the secretariat and the chair decide: accreditation held by an objection."""
    if not can_run_process(actor):
        return []
    return list(
        AccreditationRequest.objects.filter(status=AccreditationStatus.HELD)
        .select_related("organization", "negotiation")
        .order_by("requested_at")
    )


def _floor_requests(actor: Actor) -> list[SpeakerEntry]:
    """Requests for the floor: for the chair, those waiting on items under discussion; for a
    delegation or an organization, its own still waiting or speaking."""
    entries = SpeakerEntry.objects.filter(status__in=["waiting", "speaking"]).select_related(
        "agenda_item__session__negotiation", "delegation", "organization", "on_behalf_of"
    )
    if actor.role == Role.CHAIR:
        entries = entries.filter(agenda_item__status=ItemStatus.OPEN)
    elif actor.delegation_id:
        entries = entries.filter(delegation_id=actor.delegation_id)
    elif actor.organization_id:
        entries = entries.filter(organization_id=actor.organization_id)
    else:
        return []
    return list(entries.order_by("requested_at"))


def _objections(actor: Actor) -> list[Objection]:
    """The delegation's objections still standing."""
    if not actor.delegation_id:
        return []
    return list(
        Objection.objects.filter(delegation_id=actor.delegation_id, withdrawn_at__isnull=True)
        .select_related("negotiation", "package")
        .order_by("objected_at")
    )


def _to_object(actor: Actor) -> list[AccreditationRequest]:
    """Organizations on the non-objection list a member state may still object to."""
    delegation = actor.delegation
    if actor.role != Role.DELEGATION or delegation is None or not delegation.is_member_state:
        return []
    return list(
        AccreditationRequest.objects.filter(
            negotiation_id=delegation.negotiation_id,
            status__in=[AccreditationStatus.PENDING, AccreditationStatus.HELD],
            non_objection_deadline__gt=timezone.now(),
        )
        .exclude(objections__delegation=delegation)
        .select_related("organization", "negotiation")
        .order_by("non_objection_deadline")
    )


def _own_accreditation(actor: Actor) -> list[AccreditationRequest]:
    if not actor.organization_id:
        return []
    return list(
        AccreditationRequest.objects.filter(organization_id=actor.organization_id).select_related(
            "negotiation"
        )
    )


def _to_sign(actor: Actor) -> list[Statement]:
    """Statements open for sign-on that the person's organization has not signed."""
    if not actor.organization_id:
        return []
    return list(
        Statement.objects.filter(status=StatementStatus.OPEN)
        .exclude(signatures__organization_id=actor.organization_id)
        .select_related("coalition__negotiation")
        .order_by("opened_at")
    )


def _deadlines(actor: Actor, now: datetime.datetime) -> list[Deadline]:
    """Roadmap deadlines (for delegations and those who run the process) and the close of
    registration for sessions (for those who register people), in the coming weeks."""
    found: list[Deadline] = []
    for negotiation in negotiations_of(actor):
        if actor.delegation_id or can_run_process(actor):
            for deadline in negotiation.roadmap.all():
                if now <= deadline.closes_at <= now + AHEAD:
                    found.append(
                        Deadline(
                            _("Submissions due: %(chapters)s")
                            % {"chapters": ", ".join(deadline.chapters)},
                            deadline.closes_at,
                            negotiation,
                            reverse("deadline", args=[negotiation.slug, deadline.pk]),
                        )
                    )
        if actor.delegation_id or actor.organization_id:
            viewer = actor if actor.delegation_id else PUBLIC
            upcoming: list[Session] = list(
                visible_sessions(viewer, negotiation).filter(
                    start__gte=now.date(), start__lte=(now + AHEAD).date()
                )
            )
            for session in upcoming:
                closes = registration_closes_at(session)
                if closes >= now:
                    found.append(
                        Deadline(
                            _("Registration for %(session)s closes") % {"session": session},
                            closes,
                            session,
                            reverse("agenda", args=[negotiation.slug, session.pk]),
                        )
                    )
    return sorted(found, key=lambda d: d.at)


def sections_for(actor: Actor) -> list[Section]:
    """This person's work, section by section (empty ones included, so the page says so)."""
    now = timezone.now()
    sections = [
        Section("invitations", _("Invitations to answer"), list(invitations_for(actor)), True)
    ]
    if can_run_process(actor):
        sections.append(
            Section("decisions", _("Accreditation requests to decide"), _decisions(actor), True)
        )
    if actor.role == Role.CHAIR or actor.delegation_id or actor.organization_id:
        title = (
            _("Requests for the floor on items under discussion")
            if actor.role == Role.CHAIR
            else _("Speaking slots")
        )
        sections.append(Section("floor", title, _floor_requests(actor), actor.role == Role.CHAIR))
    if actor.delegation is not None:
        sections.append(Section("objections", _("Open objections"), _objections(actor)))
        if actor.delegation.is_member_state:
            sections.append(
                Section(
                    "non_objection", _("Organizations on the non-objection list"), _to_object(actor)
                )
            )
    if actor.organization_id:
        sections.append(
            Section(
                "accreditation", _("Accreditation of your organization"), _own_accreditation(actor)
            )
        )
        sections.append(Section("sign", _("Statements open for your signature"), _to_sign(actor)))
    sections.append(Section("deadlines", _("Deadlines coming"), _deadlines(actor, now)))
    return sections


def waiting_count(actor: Actor) -> int:
    """How many things wait for this person's answer or decision (shown in the header)."""
    if actor.user is None:
        return 0
    count = invitations_for(actor).count()
    if can_run_process(actor):
        count += AccreditationRequest.objects.filter(status=AccreditationStatus.HELD).count()
    if actor.role == Role.CHAIR:
        count += SpeakerEntry.objects.filter(
            Q(status="waiting"), agenda_item__status=ItemStatus.OPEN
        ).count()
    return count


def my_work_in_header(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the count of the header's "My work" link, computed only if shown."""
    return {"my_work_count": SimpleLazyObject(lambda: waiting_count(request_actor(request)))}


@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    actor = require_signed_in(request_actor(request))
    sections = sections_for(actor)
    return render(
        request,
        "my_work.html",
        {
            "sections": sections,
            "waiting": sum(len(s.rows) for s in sections if s.waits_for_you),
            "is_focal_point": can_manage_own_delegation(actor),
        },
    )
