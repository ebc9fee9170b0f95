"""Each person's work in one place: what waits for their answer or decision, and what is coming.

What waits for them (invitations to answer, requests to decide) is counted in the header of
every page; what is coming (deadlines, speaking slots, their delegation's open objections) is
listed on the page. Everything here is read from the record as it is: nothing is written.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
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


def negotiations_of(user: Any) -> list[Negotiation]:
    """The negotiations a person works in: their delegation's, else all of them."""
    if getattr(user, "delegation_id", None):
        return [user.delegation.negotiation]
    return list(Negotiation.objects.all())


def _decisions(user: Any) -> list[Any]:
    """Requests the secretariat and the chair decide: accreditation held by an objection."""
    if not user.runs_process:
        return []
    return list(
        AccreditationRequest.objects.filter(status=AccreditationStatus.HELD)
        .select_related("organization", "negotiation")
        .order_by("requested_at")
    )


def _floor_requests(user: Any) -> list[SpeakerEntry]:
    """Requests for the floor: for the chair, those waiting on items under discussion; for a
    delegation or an organization, its own still waiting or speaking."""
    entries = SpeakerEntry.objects.filter(status__in=["waiting", "speaking"]).select_related(
        "agenda_item__session__negotiation", "delegation", "organization", "on_behalf_of"
    )
    if user.role == Role.CHAIR:
        entries = entries.filter(agenda_item__status=ItemStatus.OPEN)
    elif user.delegation_id:
        entries = entries.filter(delegation_id=user.delegation_id)
    elif user.organization_id:
        entries = entries.filter(organization_id=user.organization_id)
    else:
        return []
    return list(entries.order_by("requested_at"))


def _objections(user: Any) -> list[Objection]:
    """The delegation's objections still standing."""
    if not user.delegation_id:
        return []
    return list(
        Objection.objects.filter(delegation_id=user.delegation_id, withdrawn_at__isnull=True)
        .select_related("negotiation", "package")
        .order_by("objected_at")
    )


def _to_object(user: Any) -> list[AccreditationRequest]:
    """Organizations on the non-objection list a member state may still object to."""
    delegation = getattr(user, "delegation", None)
    if user.role != Role.DELEGATION or delegation is None or not delegation.is_member_state:
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


def _own_accreditation(user: Any) -> list[AccreditationRequest]:
    if not user.organization_id:
        return []
    return list(
        AccreditationRequest.objects.filter(organization_id=user.organization_id).select_related(
            "negotiation"
        )
    )


def _to_sign(user: Any) -> list[Statement]:
    """Statements open for sign-on that the person's organization has not signed."""
    if not user.organization_id:
        return []
    return list(
        Statement.objects.filter(status=StatementStatus.OPEN)
        .exclude(signatures__organization_id=user.organization_id)
        .select_related("coalition__negotiation")
        .order_by("opened_at")
    )


def _deadlines(user: Any, now: datetime.datetime) -> list[Deadline]:
    """Roadmap deadlines (for delegations and those who run the process) and the close of
    registration for sessions (for those who register people), in the coming weeks."""
    found: list[Deadline] = []
    for negotiation in negotiations_of(user):
        if user.delegation_id or user.runs_process:
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
        if user.delegation_id or user.organization_id:
            viewer = user if user.delegation_id else AnonymousUser()
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


def sections_for(user: Any) -> list[Section]:
    """This person's work, section by section (empty ones included, so the page says so)."""
    now = timezone.now()
    sections = [
        Section("invitations", _("Invitations to answer"), list(invitations_for(user)), True)
    ]
    if user.runs_process:
        sections.append(
            Section("decisions", _("Accreditation requests to decide"), _decisions(user), True)
        )
    if user.role == Role.CHAIR or user.delegation_id or user.organization_id:
        title = (
            _("Requests for the floor on items under discussion")
            if user.role == Role.CHAIR
            else _("Speaking slots")
        )
        sections.append(Section("floor", title, _floor_requests(user), user.role == Role.CHAIR))
    if user.delegation_id:
        sections.append(Section("objections", _("Open objections"), _objections(user)))
        if user.delegation.is_member_state:
            sections.append(
                Section(
                    "non_objection", _("Organizations on the non-objection list"), _to_object(user)
                )
            )
    if user.organization_id:
        sections.append(
            Section(
                "accreditation", _("Accreditation of your organization"), _own_accreditation(user)
            )
        )
        sections.append(Section("sign", _("Statements open for your signature"), _to_sign(user)))
    sections.append(Section("deadlines", _("Deadlines coming"), _deadlines(user, now)))
    return sections


def waiting_count(user: Any) -> int:
    """How many things wait for this person's answer or decision (shown in the header)."""
    if user is None or not user.is_authenticated:
        return 0
    count = invitations_for(user).count()
    if user.runs_process:
        count += AccreditationRequest.objects.filter(status=AccreditationStatus.HELD).count()
    if user.role == Role.CHAIR:
        count += SpeakerEntry.objects.filter(
            Q(status="waiting"), agenda_item__status=ItemStatus.OPEN
        ).count()
    return count


def my_work_in_header(request: HttpRequest) -> dict[str, Any]:
    """Context processor: the count of the header's "My work" link, computed only if shown."""
    return {"my_work_count": SimpleLazyObject(lambda: waiting_count(request.user))}


@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    require_signed_in(request.user)
    sections = sections_for(request.user)
    return render(
        request,
        "my_work.html",
        {
            "sections": sections,
            "waiting": sum(len(s.rows) for s in sections if s.waits_for_you),
            "is_focal_point": getattr(request.user, "is_focal_point", False),
        },
    )
