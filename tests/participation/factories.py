"""Small factories for participation records; the shared world gives the people."""

import datetime
import itertools

from django.utils import timezone

from plenary.participation.models import AgendaItem, SpeakerEntry
from plenary.participation.services.speakers import group_of
from plenary.process.models.accreditation import AccreditationStatus
from tests import factories as f

_numbers = itertools.count(1)


def make_upcoming_session(negotiation, days_ahead=30, **fields):
    """A session far enough ahead that registration and the advance notice are still open."""
    start = timezone.now().date() + datetime.timedelta(days=days_ahead)
    return f.make_session(
        negotiation, start=start, end=start + datetime.timedelta(days=9), **fields
    )


def make_agenda_item(session, *, eids=(), **fields) -> AgendaItem:
    """An agenda item on the parts of the text that these eIds name in the text at the table
    (`chp_2`, `art_7`, `art_7__para_1`; none by default)."""
    defaults = {"number": next(_numbers), "title": "Criminalization"}
    item = AgendaItem.objects.create(session=session, **(defaults | fields))
    item.provisions.set(parts(session.negotiation, eids))
    return item


def parts(negotiation, eids):
    """The provisions these eIds name in the text at the table, as a person picks them."""
    return [f.provision_at(negotiation, eid) for eid in eids]


def make_speaker(item, *, delegation=None, organization=None, on_behalf_of=None, at=None, **fields):
    return SpeakerEntry.objects.create(
        agenda_item=item,
        group=group_of(delegation, on_behalf_of),
        delegation=delegation,
        organization=organization,
        on_behalf_of=on_behalf_of,
        requested_at=at or timezone.now(),
        **fields,
    )


def accredit(negotiation, organization):
    """Admit an organization to the negotiation."""
    return f.make_request(
        negotiation, organization, at=timezone.now(), status=AccreditationStatus.ADMITTED
    )


TEXT = [
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To combat cybercrime.",
    "2. To cooperate.",
    "Chapter II. Criminalization",
    "Article 7. Illegal access",
    "1. Each State Party shall establish access without right as an offence.",
    "2. A State Party may require dishonest intent.",
    "Article 8. Illegal interception",
    "1. Each State Party shall establish interception as an offence.",
]


def publish_text(world, lines=TEXT, *, published=True, label="Zero draft"):
    """A version of the text, dated today, whose chapters, articles and paragraphs items and
    statements name: chp_1, art_1__para_1, chp_2, art_7, art_7__para_1, art_7__para_2,
    art_8__para_1."""
    return f.make_version(
        world, lines, label=label, published=published, date=timezone.now().date()
    )
