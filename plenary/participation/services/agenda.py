"""A session's arrangements and its agenda items, linked to the parts of the text."""

import datetime
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.moments import in_zone, local
from plenary.participation.models import AgendaItem, Arrangements
from plenary.participation.visibility import room_audience
from plenary.process.actors import Actor
from plenary.process.models import Session
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.text.models import Provision
from plenary.text.provisions import current_outline
from plenary.text.structure import Outline
from plenary.validation import check_field, label_of, max_length

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
    "remote_url",
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
        raise InvalidInput(
            _("Name at most %(max)s parts of the text.") % {"max": MAX_PARTS}, field="provisions"
        )
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
            ),
            field="provisions",
        )
    return chosen


def require_within_session(session: Session, moment: datetime.datetime) -> None:
    """A meeting of a session is held during its days, in its own time zone."""
    if moment.tzinfo is None:
        raise InvalidInput(
            _("Give the time of the meeting with its time zone."), field="scheduled_at"
        )
    day = local(moment, session).date()
    if not session.start <= day <= session.end:
        raise InvalidInput(
            _(
                "%(moment)s is outside the session, which meets from %(start)s to %(end)s: "
                "choose a time during its days."
            )
            % {
                "moment": in_zone(moment, session),
                "start": formats.date_format(session.start),
                "end": formats.date_format(session.end),
            },
            field="scheduled_at",
        )


def add_agenda_item(
    session: Session,
    *,
    by: Actor,
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
    if not title or len(title) > max_length(AgendaItem, "title"):
        raise InvalidInput(_("An agenda item needs a title of 1 to 300 characters."), field="title")
    if not isinstance(number, int) or not 1 <= number <= 999:
        raise InvalidInput(
            _("An agenda item's number is a whole number from 1 to 999."), field="number"
        )
    if scheduled_at is not None:
        require_within_session(session, scheduled_at)
    parts = require_in_room_text(session, provisions)
    cleaned_sources = clean_sources(sources)
    with transaction.atomic():
        if AgendaItem.objects.filter(session=session, number=number).exists():
            raise Conflict(
                _("There is already an item %(number)s on this agenda.") % {"number": number},
                field="number",
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
            by=by.user,
            negotiation=session.negotiation,
            after=snapshot(item) | {"provisions": [p.pk for p in parts]},
        )
    return item


def _clean_arrangements(session: Session, changes: dict[str, Any]) -> dict[str, Any]:
    """Each arrangement within its limits, and the meeting hours in order."""
    unknown = set(changes) - set(ARRANGEMENT_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    for name, value in changes.items():
        label = label_of(Arrangements, name)
        if name in {"opens_at", "closes_at"}:
            if not isinstance(value, datetime.time):
                raise InvalidInput(
                    _("%(field)s is a time of day (HH:MM).") % {"field": label}, field=name
                )
            if value.tzinfo is not None:
                raise InvalidInput(
                    _("Give the hour in the session's own time zone, without an offset (HH:MM)."),
                    field=name,
                )
        elif name == "remote_url":
            value = (value or "").strip()
            if value and not value.startswith("https://"):
                raise InvalidInput(
                    _("The remote participation address starts with https://."), field=name
                )
            if len(value) > max_length(Arrangements, name):
                raise InvalidInput(_("This address is too long."), field=name)
            changes[name] = value
        elif not isinstance(value, int) or value < 0:
            raise InvalidInput(
                _("%(field)s is a whole number, 0 or more.") % {"field": label}, field=name
            )
        else:
            check_field(Arrangements, name, value)
    current = arrangements_for(session)
    opens = changes.get("opens_at", current.opens_at)
    closes = changes.get("closes_at", current.closes_at)
    if closes <= opens:
        raise InvalidInput(
            _("The meetings close (%(closes)s) after they open (%(opens)s).")
            % {"closes": closes.strftime("%H:%M"), "opens": opens.strftime("%H:%M")},
            field="closes_at",
        )
    return changes


def set_arrangements(
    session: Session, *, by: Actor, expected_version: int | None = None, **changes: Any
) -> Arrangements:
    """Change how a session runs: meeting hours, registration closing, notice, speaking times,
    remote participation."""
    require_runs_process(by, _("set a session's arrangements"))
    changes = _clean_arrangements(session, changes)
    with transaction.atomic():
        arrangements, created = Arrangements.objects.get_or_create(session=session)
        if created:
            record(
                "arrangements.created",
                arrangements,
                by=by.user,
                negotiation=session.negotiation,
                after=snapshot(arrangements),
            )
            expected_version = None
        with audited_change(
            "arrangements.changed",
            arrangements,
            by=by.user,
            negotiation=session.negotiation,
            expected_version=expected_version,
        ):
            for name, value in changes.items():
                setattr(arrangements, name, value)
    return arrangements
