"""Where a negotiation stands, worked out from the record as of a day: its stage, the session
under way or next, the next deadline, the treaty's status, the current text and the latest
changes. Plain facts for the templates; the words are the templates' own."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser

from plenary.participation.feeds import Update, public_updates
from plenary.process.models import Negotiation, RoadmapDeadline, Session
from plenary.process.visibility import listed_sessions, sees_content, visible_versions
from plenary.treaty.models import Treaty
from plenary.treaty.services.instruments import TreatyStatus, treaty_status

LATEST_CHANGES = 5


@dataclass
class Standing:
    negotiation: Negotiation
    stage: str
    today: datetime.date
    current_session: Session | None = None
    next_session: Session | None = None
    last_session: Session | None = None
    next_deadline: RoadmapDeadline | None = None
    treaty: Treaty | None = None
    status: TreatyStatus | None = None
    earliest_entry_into_force: datetime.date | None = None
    signature_open: bool = False
    current_text: Any = None
    latest_changes: list[Update] = field(default_factory=list)
    protocols: list["Standing"] = field(default_factory=list)


def _stage(standing: Standing) -> str:
    status = standing.status
    treaty = standing.treaty
    adopted = treaty is not None and treaty.adopted_by and treaty.adopted_by.date <= standing.today
    if status is not None and adopted:
        if status.entry_into_force.in_force_on(standing.today):
            return "in_force"
        if standing.signature_open:
            return "open_for_signature"
        return "adopted"
    if standing.current_session is not None:
        return "in_session"
    if standing.last_session is not None or standing.next_session is not None:
        return "negotiating"
    return "not_started"


def standing_of(
    negotiation: Negotiation, user: Any, today: datetime.date, with_protocols: bool = True
) -> Standing:
    """Where the negotiation stands on `today`, as this person may see it."""
    standing = Standing(negotiation=negotiation, stage="", today=today)
    for session in listed_sessions(negotiation).order_by("start", "id"):
        session.content_shown = sees_content(user, session)  # type: ignore[attr-defined]
        if session.start <= today <= session.end and session.status != "postponed":
            standing.current_session = session
        elif session.start > today and standing.next_session is None:
            standing.next_session = session
        elif session.end < today:
            standing.last_session = session
    standing.next_deadline = negotiation.roadmap.filter(date__gte=today).order_by("date").first()
    standing.treaty = (
        Treaty.objects.filter(negotiation=negotiation).select_related("adopted_by").first()
    )
    if standing.treaty is not None:
        standing.status = treaty_status(standing.treaty)
        standing.earliest_entry_into_force = standing.status.earliest_entry_into_force(today)
        standing.signature_open = standing.status.signature_open_on(today)
    standing.current_text = (
        visible_versions(user, negotiation).filter(published=True).order_by("-position").first()
    )
    standing.latest_changes = public_updates(negotiation, limit=LATEST_CHANGES)
    standing.stage = _stage(standing)
    if with_protocols:
        standing.protocols = [
            standing_of(child, user, today, with_protocols=False)
            for child in negotiation.protocols.order_by("slug")
        ]
    return standing


PUBLIC = AnonymousUser()
