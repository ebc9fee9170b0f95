"""Creating, editing, suspending and reconvening sessions."""

import datetime
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.locking import claim_version
from plenary.process.actors import Actor
from plenary.process.dates import EARLIEST, LATEST, in_record_years
from plenary.process.models import Negotiation, Session
from plenary.process.models.sessions import (
    Openness,
    SessionEvent,
    SessionEventKind,
    SessionKind,
    SessionMode,
    SessionStatus,
)
from plenary.process.permissions import require_runs_process
from plenary.process.signals import announce_session_changed
from plenary.sources import clean_sources
from plenary.translations import LANGUAGES, ORIGINAL_LANGUAGE, translated
from plenary.validation import label_of, max_length

# The time zone a session takes from its city when none is given (the API may leave it out);
# elsewhere, the negotiation's.
CITY_TIMEZONES = {
    "New York": "America/New_York",
    "Vienna": "Europe/Vienna",
    "Geneva": "Europe/Zurich",
    "Nairobi": "Africa/Nairobi",
    "Bangkok": "Asia/Bangkok",
    "Hanoi": "Asia/Ho_Chi_Minh",
}
EDITABLE_FIELDS = (
    "kind",
    "number",
    "title",
    "start",
    "end",
    "venue",
    "city",
    "timezone",
    "mode",
    "openness",
    "sources",
)


def _choice(value: Any, choices: type, label: str, field: str) -> str:
    if value not in choices.values:  # type: ignore[attr-defined]
        allowed = ", ".join(choices.values)  # type: ignore[attr-defined]
        raise InvalidInput(
            _("%(label)s must be one of: %(allowed)s (got %(value)s).")
            % {"label": label, "allowed": allowed, "value": repr(value)},
            field=field,
        )
    return str(value)


def _text(fields: dict[str, Any], name: str) -> str:
    """A text field, trimmed, within its limit on the model."""
    value = (fields.get(name) or "").strip()
    limit = max_length(Session, name)
    if len(value) > limit:
        raise InvalidInput(
            _("%(field)s is at most %(max)s characters.")
            % {"field": label_of(Session, name), "max": limit},
            field=name,
        )
    return value


def _clean_session(negotiation: Negotiation, fields: dict[str, Any], instance: Session | None):
    """Validate a session's fields together; return them normalized."""
    kind = _choice(fields.get("kind"), SessionKind, _("Kind"), "kind")
    mode = _choice(fields.get("mode"), SessionMode, _("Mode"), "mode")
    openness = _choice(fields.get("openness"), Openness, _("Openness"), "openness")
    title = _text(fields, "title")
    if not title:
        raise InvalidInput(_("A session needs a title of 1 to 200 characters."), field="title")
    start, end = fields.get("start"), fields.get("end")
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        raise InvalidInput(_("A session needs a first and a last day (YYYY-MM-DD)."))
    if not (in_record_years(start) and in_record_years(end)):
        raise InvalidInput(
            _("A session's days fall between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST.year, "latest": LATEST.year}
        )
    if end < start:
        raise InvalidInput(
            _(
                "The last day (%(end)s) is before the first day (%(start)s): a session ends on "
                "or after the day it starts."
            )
            % {"end": date_format(end), "start": date_format(start)},
            field="end",
        )
    venue = _text(fields, "venue")
    city = _text(fields, "city") or None
    if mode == SessionMode.REMOTE and city:
        raise InvalidInput(_("A remote session has no city; leave the city empty."), field="city")
    if mode != SessionMode.REMOTE and not city:
        raise InvalidInput(_("A session held in person or hybrid needs a city."), field="city")
    if kind == SessionKind.INFORMAL and openness != Openness.CLOSED:
        raise InvalidInput(
            _("Informal consultations are closed to stakeholders."), field="openness"
        )
    number = fields.get("number")
    if kind in {SessionKind.SUBSTANTIVE} and number is None:
        raise InvalidInput(_("A substantive session needs its number."), field="number")
    if number is not None:
        if not isinstance(number, int) or not 1 <= number <= 99:
            raise InvalidInput(
                _("A session number is a whole number from 1 to 99."), field="number"
            )
        clash = negotiation.sessions.filter(kind=kind, number=number)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if kind != SessionKind.RESUMED and clash.exists():
            raise Conflict(
                _("There is already a %(kind)s number %(number)s.")
                % {"kind": SessionKind(kind).label, "number": number},
                field="number",
            )
    tz = fields.get("timezone") or CITY_TIMEZONES.get(city or "", negotiation.timezone)
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise InvalidInput(
            _("%(timezone)s is not a known time zone (e.g. Europe/Vienna).")
            % {"timezone": repr(tz)},
            field="timezone",
        ) from error
    return {
        "kind": kind,
        "number": number,
        "title": title,
        "start": start,
        "end": end,
        "venue": venue,
        "city": city,
        "timezone": tz,
        "mode": mode,
        "openness": openness,
        "sources": clean_sources(fields.get("sources")),
    }


def create_session(negotiation: Negotiation, *, by: Actor, **fields: Any) -> Session:
    """Add a session to the negotiation's calendar."""
    require_runs_process(by, _("create sessions"))
    cleaned = _clean_session(negotiation, fields, None)
    with transaction.atomic():
        session = Session.objects.create(negotiation=negotiation, **cleaned)
        record(
            "session.created", session, by=by.user, negotiation=negotiation, after=snapshot(session)
        )
    return session


def update_session(
    session: Session, *, by: Actor, expected_version: int | None, **changes: Any
) -> Session:
    """Edit a session's facts; refuses an edit made on an out-of-date copy."""
    require_runs_process(by, _("edit sessions"))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InvalidInput(
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    merged = {name: getattr(session, name) for name in EDITABLE_FIELDS} | changes
    cleaned = _clean_session(session.negotiation, merged, session)
    with audited_change(
        "session.updated",
        session,
        by=by.user,
        negotiation=session.negotiation,
        expected_version=expected_version,
    ):
        for name, value in cleaned.items():
            setattr(session, name, value)
        announce_session_changed(session, "updated")
    return session


def _add_event(session: Session, kind: str, on: datetime.date, by: Actor, note: str, sources: Any):
    return SessionEvent.objects.create(
        session=session,
        kind=kind,
        date=on,
        note=note.strip(),
        sources=clean_sources(sources),
        recorded_by=by.user,
    )


def _change_status(
    session: Session,
    status: str,
    event: str,
    on: datetime.date,
    by: Actor,
    note: str,
    sources: Any,
    action: str,
) -> Session:
    with audited_change(action, session, by=by.user, negotiation=session.negotiation, note=note):
        session.status = status
        _add_event(session, event, on, by, note, sources)
        announce_session_changed(session, status)
    return session


def suspend_session(
    session: Session, *, by: Actor, on: datetime.date, note: str = "", sources: Any = None
) -> Session:
    """Suspend a session that has not finished its work; it can be reconvened later."""
    require_runs_process(by, _("suspend sessions"))
    if session.status != SessionStatus.SCHEDULED:
        raise Conflict(
            _("Only a scheduled session can be suspended; this one is %(status)s.")
            % {"status": session.status}
        )
    if not session.start <= on <= session.end:
        raise InvalidInput(
            _("A session is suspended during its dates (%(start)s to %(end)s), not on %(on)s.")
            % {"start": session.start, "end": session.end, "on": on}
        )
    return _change_status(
        session,
        SessionStatus.SUSPENDED,
        SessionEventKind.SUSPENDED,
        on,
        by,
        note,
        sources,
        "session.suspended",
    )


def conclude_session(
    session: Session, *, by: Actor, on: datetime.date, note: str = "", sources: Any = None
) -> Session:
    """Record that a session closed."""
    require_runs_process(by, _("close sessions"))
    if session.status != SessionStatus.SCHEDULED:
        raise Conflict(
            _("Only a scheduled session can be concluded; this one is %(status)s.")
            % {"status": session.status}
        )
    if on < session.start:
        raise InvalidInput(
            _("A session cannot close (%(on)s) before it opens (%(start)s).")
            % {"on": on, "start": session.start}
        )
    return _change_status(
        session,
        SessionStatus.CONCLUDED,
        SessionEventKind.CONCLUDED,
        on,
        by,
        note,
        sources,
        "session.concluded",
    )


def postpone_session(
    session: Session, *, by: Actor, on: datetime.date, note: str, sources: Any = None
) -> Session:
    """Postpone a session that has not started; reschedule it when new dates are decided."""
    require_runs_process(by, _("postpone sessions"))
    if session.status != SessionStatus.SCHEDULED:
        raise Conflict(
            _("Only a scheduled session can be postponed; this one is %(status)s.")
            % {"status": session.status}
        )
    if not note.strip():
        raise InvalidInput(_("Say why the session is postponed (e.g. the decision that did it)."))
    return _change_status(
        session,
        SessionStatus.POSTPONED,
        SessionEventKind.POSTPONED,
        on,
        by,
        note,
        sources,
        "session.postponed",
    )


def reschedule_session(
    session: Session,
    *,
    by: Actor,
    on: datetime.date,
    start: datetime.date,
    end: datetime.date,
    note: str = "",
    sources: Any = None,
) -> Session:
    """Give a postponed session its new dates."""
    require_runs_process(by, _("reschedule sessions"))
    if session.status != SessionStatus.POSTPONED:
        raise Conflict(_("Only a postponed session can be rescheduled; edit the dates instead."))
    fields = {name: getattr(session, name) for name in EDITABLE_FIELDS} | {
        "start": start,
        "end": end,
    }
    cleaned = _clean_session(session.negotiation, fields, session)
    with audited_change(
        "session.rescheduled", session, by=by.user, negotiation=session.negotiation, note=note
    ):
        session.start, session.end = cleaned["start"], cleaned["end"]
        session.status = SessionStatus.SCHEDULED
        _add_event(session, SessionEventKind.RESCHEDULED, on, by, note, sources)
        announce_session_changed(session, "rescheduled")
    return session


def reconvene_session(
    session: Session,
    *,
    by: Actor,
    start: datetime.date,
    end: datetime.date,
    mode: str,
    city: str | None = None,
    venue: str = "",
    timezone: str | None = None,
    title: str = "",
    note: str = "",
    sources: Any = None,
) -> Session:
    """Reconvene a suspended session: a new meeting period that resumes it (in the suspended
    session's time zone if it meets in the same city and none is given)."""
    require_runs_process(by, _("reconvene sessions"))
    if session.status != SessionStatus.SUSPENDED:
        raise Conflict(_("Only a suspended session can be reconvened."))
    suspended_on = session.events.filter(kind=SessionEventKind.SUSPENDED).latest("date").date
    if start <= suspended_on:
        raise InvalidInput(
            _("The reconvened session must start after the suspension on %(date)s.")
            % {"date": date_format(suspended_on)},
            field="start",
        )
    translations = {}
    if not title:
        # Named in Plenary's own language, and in each language the session's title is in.
        with translation.override(ORIGINAL_LANGUAGE):
            title = _("%(title)s (reconvened)") % {"title": session.title}
        for language in LANGUAGES:
            base = translated(session, "title", language) if language != ORIGINAL_LANGUAGE else None
            if base:
                with translation.override(language):
                    named = _("%(title)s (reconvened)") % {"title": base}
                translations[language] = {"title": named[:200]}
    fields = {
        "kind": SessionKind.RESUMED,
        "number": session.number,
        "title": title[:200],
        "start": start,
        "end": end,
        "venue": venue,
        "city": city,
        "timezone": timezone or (session.timezone if city == session.city else None),
        "mode": mode,
        "openness": session.openness,
        "sources": sources,
    }
    cleaned = _clean_session(session.negotiation, fields, None)
    with transaction.atomic():
        claim_version(session, None)
        resumed = Session.objects.create(
            negotiation=session.negotiation, resumes=session, translations=translations, **cleaned
        )
        session.save()
        _add_event(session, SessionEventKind.RECONVENED, start, by, note, sources)
        record(
            "session.reconvened",
            resumed,
            by=by.user,
            negotiation=session.negotiation,
            after=snapshot(resumed),
            note=note or f"Resumes {session}",
        )
        announce_session_changed(session, "reconvened")
    return resumed
