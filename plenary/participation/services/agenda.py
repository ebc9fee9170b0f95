"""A session's arrangements and its agenda items, linked to the parts of the text."""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.participation.models import AgendaItem, Arrangements
from plenary.participation.visibility import room_audience
from plenary.process.models import Session
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.text.models import Provision
from plenary.text.provisions import current_outline
from plenary.text.structure import Outline

MAX_PARTS = 200
ARRANGEMENT_FIELDS = (
    "opens_at",
    "closes_at",
    "registration_closes_days",
    "advance_notice_hours",
    "member_state_seconds",
    "bloc_seconds",
    "observer_seconds",
    "stakeholder_seconds",
)


def arrangements_for(session: Session) -> Arrangements:
    """The session's arrangements, or the defaults (unsaved) when none were set."""
    found = Arrangements.objects.filter(session=session).first()
    return found if found is not None else Arrangements(session=session)


def session_opens_at(
    session: Session, arrangements: Arrangements | None = None
) -> datetime.datetime:
    """The first meeting: the first day at the opening hour, in the session's own time zone."""
    arrangements = arrangements or arrangements_for(session)
    zone = zoneinfo.ZoneInfo(session.timezone)
    return datetime.datetime.combine(session.start, arrangements.opens_at, zone)


def session_closes_at(
    session: Session, arrangements: Arrangements | None = None
) -> datetime.datetime:
    """The end of the last meeting, on the last day, in the session's own time zone."""
    arrangements = arrangements or arrangements_for(session)
    zone = zoneinfo.ZoneInfo(session.timezone)
    return datetime.datetime.combine(session.end, arrangements.closes_at, zone)


def registration_closes_at(
    session: Session, arrangements: Arrangements | None = None
) -> datetime.datetime:
    """Registration closes the configured number of days before the session opens."""
    arrangements = arrangements or arrangements_for(session)
    return session_opens_at(session, arrangements) - datetime.timedelta(
        days=arrangements.registration_closes_days
    )


def meeting_starts_at(
    item: AgendaItem, arrangements: Arrangements | None = None
) -> datetime.datetime:
    """When the meeting on an agenda item starts: its own time, else the session's opening."""
    return item.scheduled_at or session_opens_at(item.session, arrangements)


def room_outline(session: Session) -> Outline:
    """The text everyone who may follow the session may see: the latest published version for
    an open session, the working text for a closed one. What a session's items and
    interventions name must be in it, so that nothing public names a paragraph that only an
    informal draft holds. Read once per session object (a page shows many items)."""
    cached: Outline | None = getattr(session, "_room_outline", None)
    if cached is None:
        cached = current_outline(session.negotiation, room_audience(session))
        session._room_outline = cached  # type: ignore[attr-defined]
    return cached


def require_in_room_text(session: Session, provisions: Iterable[Provision]) -> list[Provision]:
    """The parts of the text named for a session, each in the text its whole audience sees."""
    chosen = list({p.pk: p for p in provisions}.values())
    if len(chosen) > MAX_PARTS:
        raise InvalidInput(_("Name at most %(max)s parts of the text.") % {"max": MAX_PARTS})
    if not chosen:
        return chosen
    outline = room_outline(session)
    if any(p.pk not in outline or p.negotiation_id != session.negotiation_id for p in chosen):
        raise InvalidInput(
            _("Choose parts of the latest text everyone following this session may see.")
            if session.is_closed
            else _(
                "Choose parts of the latest published version of the text: this session is "
                "open to the public."
            )
        )
    return chosen


def add_agenda_item(
    session: Session,
    *,
    by: Any,
    number: int,
    title: str,
    provisions: Iterable[Provision] = (),
    scheduled_at: datetime.datetime | None = None,
    sources: Any = None,
    illustrative: bool = False,
) -> AgendaItem:
    """Put an item on the session's agenda."""
    require_runs_process(by, _("set the agenda"))
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise InvalidInput(_("An agenda item needs a title of 1 to 300 characters."))
    if not isinstance(number, int) or not 1 <= number <= 999:
        raise InvalidInput(_("An agenda item's number is a whole number from 1 to 999."))
    if scheduled_at is not None and scheduled_at.tzinfo is None:
        raise InvalidInput(_("Give the time of the meeting with its time zone."))
    parts = require_in_room_text(session, provisions)
    cleaned_sources = clean_sources(sources)
    with transaction.atomic():
        if AgendaItem.objects.filter(session=session, number=number).exists():
            raise Conflict(
                _("There is already an item %(number)s on this agenda.") % {"number": number}
            )
        item = AgendaItem.objects.create(
            session=session,
            number=number,
            title=title,
            scheduled_at=scheduled_at,
            sources=cleaned_sources,
            illustrative=illustrative,
        )
        item.provisions.set(parts)
        record(
            "agenda.item_added",
            item,
            by=by,
            negotiation=session.negotiation,
            after=snapshot(item) | {"provisions": [p.pk for p in parts]},
        )
    return item


def set_arrangements(
    session: Session, *, by: Any, expected_version: int | None = None, **changes: Any
) -> Arrangements:
    """Change how a session runs: opening hour, registration closing, notice, time limits."""
    require_runs_process(by, _("set a session's arrangements"))
    unknown = set(changes) - set(ARRANGEMENT_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        if name in {"opens_at", "closes_at"}:
            if not isinstance(value, datetime.time):
                raise InvalidInput(_("The opening hour is a time of day (HH:MM)."))
            if value.tzinfo is not None:
                raise InvalidInput(
                    _("Give the hour in the session's own time zone, without an offset (HH:MM).")
                )
        elif not isinstance(value, int) or not 0 <= value <= 3600:
            raise InvalidInput(_("%(field)s is a whole number from 0 to 3600.") % {"field": name})
    with transaction.atomic():
        arrangements, created = Arrangements.objects.get_or_create(session=session)
        if created:
            record(
                "arrangements.created",
                arrangements,
                by=by,
                negotiation=session.negotiation,
                after=snapshot(arrangements),
            )
            expected_version = None
        with audited_change(
            "arrangements.changed",
            arrangements,
            by=by,
            negotiation=session.negotiation,
            expected_version=expected_version,
        ):
            for name, value in changes.items():
                setattr(arrangements, name, value)
    return arrangements


def in_session_time(moment: datetime.datetime) -> str:
    """A moment as the page's language writes it, in the zone it carries (the session's)."""
    local = timezone.localtime(moment, moment.tzinfo)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {formats.date_format(local, 'T')}"
