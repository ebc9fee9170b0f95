"""A session's arrangements and its agenda items, linked to the parts of the text."""

import datetime
import re
import zoneinfo
from typing import Any

from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.moments import in_zone, local
from plenary.participation.models import AgendaItem, Arrangements
from plenary.process.models import Negotiation, Session
from plenary.process.permissions import require_runs_process
from plenary.process.visibility import visible_versions
from plenary.sources import clean_sources
from plenary.text.models import Version
from plenary.text.structure import walk_paragraphs
from plenary.validation import check_field, label_of, max_length

EID = re.compile(r"^[a-z][a-z0-9_]*$")
MAX_EIDS = 200
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


def clean_eids(raw: Any) -> list[str]:
    """eIds as the text uses them (`chp_2`, `art_7__para_1`): lower case, digits, underscores."""
    if raw is None:
        return []
    if isinstance(raw, str):
        raw = raw.replace(",", " ").split()
    if not isinstance(raw, list) or len(raw) > MAX_EIDS:
        raise InvalidInput(
            _("Give at most %(max)s eIds of the text.") % {"max": MAX_EIDS}, field="eids"
        )
    eids: list[str] = []
    for value in raw:
        eid = str(value).strip()
        if not EID.match(eid) or len(eid) > 200:
            raise InvalidInput(
                _("%(eid)s is not an eId of the text (e.g. chp_2 or art_7__para_1).")
                % {"eid": repr(eid)},
                field="eids",
            )
        if eid not in eids:
            eids.append(eid)
    return eids


def parts_of_text(content: dict[str, Any]) -> set[str]:
    """Every eId an item or an intervention may name in a version: the preamble, chapters,
    articles, paragraphs and sub-paragraphs."""
    parts = {"preamble"} if content.get("preamble") else set()
    for chapter in content.get("chapters", []):
        parts.add(chapter["eid"])
        parts.update(article["eid"] for article in chapter["articles"])
    parts.update(paragraph["eid"] for paragraph in walk_paragraphs(content))
    return parts


def latest_text(user: Any, negotiation: Negotiation) -> Version | None:
    """The latest version of the text this person may see (informal drafts are not for all)."""
    version: Version | None = visible_versions(user, negotiation).order_by("-position").first()
    return version


def require_in_text(user: Any, negotiation: Negotiation, eids: list[str]) -> list[str]:
    """eIds that all name a part of the latest text this person may see, so that nobody points
    at a paragraph that does not exist, nor learns through an answer what a draft they may not
    see holds."""
    if not eids:
        return eids
    latest = latest_text(user, negotiation)
    if latest is None:
        raise InvalidInput(
            _("There is no text yet to point to; leave the parts of the text empty for now."),
            field="eids",
        )
    unknown = [eid for eid in eids if eid not in parts_of_text(latest.content)]
    if unknown:
        raise InvalidInput(
            _("%(eids)s: not in %(version)s, the latest version of the text you can see.")
            % {"eids": ", ".join(unknown), "version": latest},
            field="eids",
        )
    return eids


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
    by: Any,
    number: int,
    title: str,
    eids: Any = None,
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
    cleaned_eids = require_in_text(by, session.negotiation, clean_eids(eids))
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
            eids=cleaned_eids,
            scheduled_at=scheduled_at,
            sources=cleaned_sources,
            illustrative=illustrative,
        )
        record(
            "agenda.item_added",
            item,
            by=by,
            negotiation=session.negotiation,
            after=snapshot(item),
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
    session: Session, *, by: Any, expected_version: int | None = None, **changes: Any
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
