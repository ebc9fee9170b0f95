"""Public feeds of a negotiation: its sessions and their meetings (agenda items taken up at a
set time) as iCalendar, and what changed as Atom.

Feeds are read by calendar and feed readers without an account, so they hold only what the
public sees: closed sessions and their interventions are left out."""

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from plenary.participation.models import AgendaItem, Arrangements
from plenary.participation.services.agenda import room_outline, session_closes_at, session_opens_at
from plenary.participation.visibility import visible_interventions
from plenary.process.models import Negotiation, Session
from plenary.process.models.accreditation import AccreditationStatus, admitted_requests
from plenary.process.models.sessions import SessionStatus
from plenary.process.visibility import get_negotiation, visible_sessions, visible_versions

PUBLIC = AnonymousUser()
ICAL_STATUS = {
    SessionStatus.SCHEDULED: "CONFIRMED",
    SessionStatus.CONCLUDED: "CONFIRMED",
    SessionStatus.SUSPENDED: "CONFIRMED",
    SessionStatus.POSTPONED: "CANCELLED",
}


def provenance(sources: list, illustrative: bool) -> str:
    """Where a fact comes from, as a line of plain text for calendars and feed readers."""
    if illustrative:
        return _("Illustrative: not from the public record.")
    cited = [
        " ".join(filter(None, [s.get("symbol"), s.get("title"), s.get("url")])) for s in sources
    ]
    return _("Source: %(sources)s") % {"sources": "; ".join(cited)} if cited else ""


def session_uid(session: Session) -> str:
    """Stable across edits and reloads: the negotiation and the session's id."""
    return f"session-{session.pk}@{session.negotiation.slug}.plenary"


def session_sequence(session: Session, arrangements: Arrangements | None) -> int:
    """Grows whenever the session or its meeting hours change (both only count up)."""
    return session.lock_version - 1 + (arrangements.lock_version - 1 if arrangements else 0)


def item_uid(item: AgendaItem) -> str:
    """Stable across edits and reloads: the negotiation and the agenda item's id."""
    return f"agenda-item-{item.pk}@{item.session.negotiation.slug}.plenary"


def item_sequence(item: AgendaItem, arrangements: Arrangements | None) -> int:
    """Grows whenever the item or the session's meeting hours (its end) change."""
    return item.lock_version - 1 + (arrangements.lock_version - 1 if arrangements else 0)


def item_ends_at(item: AgendaItem, arrangements: Arrangements | None) -> datetime.datetime:
    """The meeting on an item runs to the closing hour of its day, or three hours if it is
    taken up after it."""
    start = timezone.localtime(item.scheduled_at, zoneinfo.ZoneInfo(item.session.timezone))
    closing = (arrangements or Arrangements()).closes_at
    end = datetime.datetime.combine(start.date(), closing, start.tzinfo)
    return end if end > start else start + datetime.timedelta(hours=3)


def _meeting_event(
    request: HttpRequest, item: AgendaItem, arrangements: Arrangements | None, stamp
) -> Event:
    """One meeting: an agenda item taken up at its time, in the session's time zone."""
    session, negotiation = item.session, item.session.negotiation
    zone = zoneinfo.ZoneInfo(session.timezone)
    event = Event()
    event.add("uid", item_uid(item))
    event.add("sequence", item_sequence(item, arrangements))
    event.add("dtstamp", stamp)
    summary = f"{negotiation.short_title}: {session.title}, {item}"
    if item.illustrative:
        summary = _("%(title)s (illustrative)") % {"title": summary}
    event.add("summary", summary)
    event.add("dtstart", timezone.localtime(item.scheduled_at, zone))
    event.add("dtend", timezone.localtime(item_ends_at(item, arrangements), zone))
    event.add("location", session.city or _("online"))
    event.add("status", ICAL_STATUS.get(SessionStatus(session.status), "CONFIRMED"))
    event.add("related-to", session_uid(session))
    event.add(
        "url",
        request.build_absolute_uri(
            reverse("speakers", args=[negotiation.slug, session.pk, item.pk])
        ),
    )
    parts = room_outline(session)
    # In the order of the text.
    shown = sorted(
        filter(None, (parts.get(p.pk) for p in item.provisions.all())),
        key=lambda part: part.position,
    )
    named = [parts.label(part.provision) for part in shown]
    described = "\n".join(
        filter(
            None,
            [
                _("Parts of the text: %(parts)s") % {"parts": "; ".join(named)} if named else "",
                provenance(item.sources, item.illustrative),
            ],
        )
    )
    if described:
        event.add("description", described)
    return event


def sessions_calendar(request: HttpRequest, negotiation: Negotiation) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Plenary//Sessions//EN")
    calendar.add("version", "2.0")
    sessions_word = _("sessions")  # outside the f-string, where makemessages finds it
    calendar.add("x-wr-calname", f"{negotiation.short_title}: {sessions_word}")
    stamp = timezone.now()
    sessions = (
        visible_sessions(PUBLIC, negotiation)
        .select_related("arrangements", "negotiation")
        .prefetch_related("agenda_items__provisions")
    )
    for session in sessions:
        # The defaults where none were set, without asking the database again for each session.
        arrangements = getattr(session, "arrangements", None) or Arrangements(session=session)
        event = Event()
        event.add("uid", session_uid(session))
        event.add("sequence", session_sequence(session, arrangements))
        event.add("dtstamp", stamp)
        summary = f"{negotiation.short_title}: {session.title}"
        if session.illustrative:
            summary = _("%(title)s (illustrative)") % {"title": summary}
        event.add("summary", summary)
        event.add("dtstart", session_opens_at(session, arrangements))
        event.add("dtend", session_closes_at(session, arrangements))
        event.add("location", session.city or _("online"))
        event.add("status", ICAL_STATUS.get(SessionStatus(session.status), "CONFIRMED"))
        event.add(
            "url",
            request.build_absolute_uri(reverse("session", args=[negotiation.slug, session.pk])),
        )
        details = (
            f"{session.get_kind_display()}; {session.get_mode_display()}; "
            f"{session.get_status_display()}"
        )
        event.add(
            "description",
            "\n".join(filter(None, [details, provenance(session.sources, session.illustrative)])),
        )
        calendar.add_component(event)
        for item in session.agenda_items.all():
            if item.scheduled_at is not None:
                calendar.add_component(_meeting_event(request, item, arrangements, stamp))
    # The VTIMEZONE definitions of Vienna, New York, ... that the events name.
    calendar.add_missing_timezones()
    return calendar


@require_GET
def sessions_ics(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    calendar = sessions_calendar(request, negotiation)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@dataclass
class Update:
    uid: str
    title: str
    link: str
    description: str
    at: datetime.datetime
    illustrative: bool = False
    sources: list = field(default_factory=list)


def _at(day: datetime.date, zone: datetime.tzinfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), zone)


def public_updates(negotiation: Negotiation, limit: int = 50) -> list[Update]:
    """Published versions, decisions, accreditation results, published interventions and
    dated documents on the record."""
    slug, zone = negotiation.slug, negotiation.tzinfo
    updates = [
        Update(
            f"version-{v.pk}",
            _("New version published: %(label)s") % {"label": v.label},
            reverse("version", args=[slug, v.pk]),
            str(v),
            v.published_at or _at(v.date, zone),
            v.illustrative,
            v.sources,
        )
        for v in visible_versions(PUBLIC, negotiation)
    ]
    updates += [
        Update(
            f"decision-{d.pk}",
            _("Decision: %(symbol)s") % {"symbol": d.symbol},
            reverse("vote", args=[d.symbol]),
            f"{d.title}. {d.summary}".strip(),
            _at(d.date, zone),
            d.illustrative,
            d.sources,
        )
        for d in negotiation.decisions.all()
    ]
    # Organizations admitted because nobody objected in time are news as soon as the period
    # ends, whether or not the admission has been written down yet.
    decided = negotiation.accreditation_requests.filter(
        admitted_requests() | Q(status=AccreditationStatus.REJECTED)
    ).select_related("organization")
    updates += [
        Update(
            f"accreditation-{r.pk}-{r.effective_status}",
            _("Accreditation: %(organization)s %(status)s")
            % {"organization": r.organization, "status": r.effective_status_label},
            reverse("accreditation", args=[slug]),
            r.decision,
            r.decided_on,
            r.illustrative,
            r.sources,
        )
        for r in decided
        if r.decided_on is not None
    ]
    updates += [
        Update(
            f"intervention-{i.pk}",
            _("%(kind)s by %(author)s on %(item)s")
            % {
                "kind": capfirst(i.get_kind_display()),
                "author": i.author_label,
                "item": i.agenda_item,
            },
            reverse("speakers", args=[slug, i.agenda_item.session_id, i.agenda_item_id])
            + f"#intervention-{i.pk}",
            i.text[:500],
            i.published_at,
            i.illustrative,
            i.sources,
        )
        for i in visible_interventions(PUBLIC, negotiation)
    ]
    shown = visible_sessions(PUBLIC, negotiation)
    documents = negotiation.documents.filter(date__isnull=False).filter(
        Q(session__isnull=True) | Q(session__in=shown)
    )
    updates += [
        Update(
            f"document-{d.pk}",
            _("Document on the record: %(title)s") % {"title": d.title},
            reverse("documents", args=[slug]) + f"#document-{d.pk}",
            d.authors,
            _at(d.date, zone),
            d.illustrative,
            d.sources,
        )
        for d in documents
        if d.date is not None
    ]
    updates.sort(key=lambda u: u.at, reverse=True)
    return updates[:limit]


class UpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, slug: str) -> Negotiation:  # type: ignore[override]
        return get_negotiation(slug)

    def title(self, obj: Negotiation) -> str:
        return _("%(negotiation)s: what changed") % {"negotiation": obj.short_title}

    def link(self, obj: Negotiation) -> str:
        return reverse("negotiation", args=[obj.slug])

    def subtitle(self, obj: Negotiation) -> str:
        return _("New versions of the text, decisions, accreditation and interventions.")

    def items(self, obj: Negotiation) -> list[Update]:
        self._slug = obj.slug
        return public_updates(obj)

    def item_title(self, item: Update) -> str:
        if item.illustrative:
            return _("%(title)s (illustrative)") % {"title": item.title}
        return item.title

    def item_description(self, item: Update) -> str:
        return "\n".join(
            filter(None, [item.description, provenance(item.sources, item.illustrative)])
        )

    def item_link(self, item: Update) -> str:
        return item.link

    def item_guid(self, item: Update) -> str:
        # Atom ids are URIs that never change: a name-based UUID of the negotiation and record.
        return uuid.uuid5(uuid.NAMESPACE_URL, f"plenary:{self._slug}:{item.uid}").urn

    def item_guid_is_permalink(self, item: Update) -> bool:
        return False

    def item_pubdate(self, item: Update) -> datetime.datetime:
        return item.at

    def item_updateddate(self, item: Update) -> datetime.datetime:
        return item.at
