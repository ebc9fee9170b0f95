"""The public feeds: sessions and their meetings as iCalendar (time zones, stable UIDs,
SEQUENCE) and Atom (new versions, decisions, accreditation, interventions)."""

import datetime
import zoneinfo

import defusedxml.ElementTree as ET
import pytest
from django.utils import timezone
from icalendar import Calendar

from plenary.participation.models import FloorStatus
from plenary.participation.services.agenda import set_arrangements
from plenary.participation.services.floor import open_item
from plenary.participation.services.interventions import (
    publish_statement,
    submit_written_contribution,
)
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.services.sessions import update_session
from tests import factories as f
from tests.participation.factories import make_agenda_item, make_speaker, publish_text

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def calendar(client) -> Calendar:
    response = client.get("/feeds/test-ahc/sessions.ics")
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(cal: Calendar) -> dict:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_it_lists_every_visible_session_in_its_own_time_zone(client, world):
    vienna = f.make_session(
        world.negotiation,
        title="Fourth session",
        city="Vienna",
        timezone="Europe/Vienna",
        start=datetime.date(2023, 1, 9),
        end=datetime.date(2023, 1, 20),
    )
    found = events(calendar(client))

    assert set(found) == {
        f"session-{world.open_session.pk}@test-ahc.plenary",
        f"session-{vienna.pk}@test-ahc.plenary",
    }
    new_york = found[f"session-{world.open_session.pk}@test-ahc.plenary"]
    start = new_york.decoded("dtstart")
    assert start == datetime.datetime(
        2022, 2, 28, 10, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    assert new_york["dtstart"].params["TZID"] == "America/New_York"
    assert new_york.decoded("dtend").date() == datetime.date(2022, 3, 11)
    in_vienna = found[f"session-{vienna.pk}@test-ahc.plenary"]
    assert in_vienna["dtstart"].params["TZID"] == "Europe/Vienna"
    assert in_vienna.decoded("dtstart").utcoffset() == datetime.timedelta(hours=1)
    assert str(in_vienna["location"]) == "Vienna"
    tzids = {str(tz["tzid"]) for tz in calendar(client).walk("VTIMEZONE")}
    assert tzids == {"America/New_York", "Europe/Vienna"}


def test_it_leaves_closed_sessions_out(client, world):
    uids = set(events(calendar(client)))
    assert f"session-{world.closed_session.pk}@test-ahc.plenary" not in uids
    assert "Closed informals" not in client.get("/feeds/test-ahc/sessions.ics").content.decode()


def test_it_keeps_the_uid_and_raises_the_sequence_when_a_session_changes(client, world):
    uid = f"session-{world.open_session.pk}@test-ahc.plenary"
    assert events(calendar(client))[uid]["sequence"] == 0
    update_session(
        world.open_session,
        by=world.actors.secretariat,
        expected_version=1,
        end=datetime.date(2022, 3, 12),
    )
    assert events(calendar(client))[uid]["sequence"] == 1
    set_arrangements(world.open_session, by=world.actors.chair, opens_at=datetime.time(15, 0))
    changed = events(calendar(client))[uid]
    assert changed["sequence"] == 2
    assert changed.decoded("dtstart").hour == 15


def test_it_feeds_what_changed_as_atom(client, world):
    f.make_vote(world.negotiation, "A/RES/74/247", {world.brazil: "yes"})
    request = f.make_request(
        world.negotiation,
        world.organization,
        at=timezone.now(),
        status=AccreditationStatus.ADMITTED,
    )
    request.decided_at = timezone.now()
    request.save()
    item = make_agenda_item(world.open_session, number=1, title="Criminalization")
    entry = make_speaker(item, delegation=world.brazil, status=FloorStatus.SPOKE)
    publish_statement(entry, by=world.actors.delegate, text="Brazil's statement.")
    closed_item = make_agenda_item(world.closed_session, title="Closed item")
    submit_written_contribution(
        closed_item, by=world.actors.delegate, delegation=world.brazil, text="Not for the public."
    )

    response = client.get("/feeds/test-ahc/updates.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert "Decision: A/RES/74/247" in titles
    assert "Accreditation: Digital Rights Network admitted" in titles
    assert "Oral statement by Brazil on 1. Criminalization" in titles
    assert not any("Closed item" in t for t in titles)
    ids = [e.findtext(f"{ATOM}id") for e in root.iter(f"{ATOM}entry")]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == len(ids)


def test_it_lists_each_scheduled_meeting_in_its_sessions_time_zone(client, world):
    vienna = f.make_session(
        world.negotiation,
        title="Sixth session",
        city="Vienna",
        timezone="Europe/Vienna",
        start=datetime.date(2023, 8, 21),
        end=datetime.date(2023, 9, 1),
    )
    zone = zoneinfo.ZoneInfo("Europe/Vienna")
    publish_text(world)
    item = make_agenda_item(
        vienna,
        number=3,
        title="Criminalization",
        scheduled_at=datetime.datetime(2023, 8, 22, 15, 0, tzinfo=zone),
        eids=["art_7__para_1", "chp_2"],
    )
    make_agenda_item(vienna, number=4, title="Not scheduled")
    closed_item = make_agenda_item(
        world.closed_session,
        title="Informal item",
        scheduled_at=datetime.datetime(2022, 3, 1, 15, 0, tzinfo=datetime.UTC),
    )
    uid = f"agenda-item-{item.pk}@test-ahc.plenary"
    found = events(calendar(client))

    meeting = found[uid]
    assert str(meeting["summary"]).endswith(": Sixth session, 3. Criminalization")
    assert meeting["dtstart"].params["TZID"] == "Europe/Vienna"
    assert meeting.decoded("dtstart") == datetime.datetime(2023, 8, 22, 15, 0, tzinfo=zone)
    assert meeting.decoded("dtend") == datetime.datetime(2023, 8, 22, 18, 0, tzinfo=zone)
    assert str(meeting["related-to"]) == f"session-{vienna.pk}@test-ahc.plenary"
    # The parts of the text it takes up, as readers cite them, in the order of the text.
    assert str(meeting["description"]) == (
        "Parts of the text: Chapter II — Criminalization; Art. 7(1) — Illegal access"
    )
    assert meeting["sequence"] == 0
    assert f"agenda-item-{closed_item.pk}@test-ahc.plenary" not in found
    assert len([u for u in found if u.startswith("agenda-item-")]) == 1

    open_item(item, by=world.actors.chair)
    item.refresh_from_db()
    changed = events(calendar(client))[uid]
    assert changed["sequence"] == item.lock_version - 1 > 0
    set_arrangements(vienna, by=world.actors.chair, closes_at=datetime.time(17, 0))
    later = events(calendar(client))[uid]
    assert later["sequence"] > changed["sequence"]
    assert later.decoded("dtend").hour == 17


def test_it_announces_organizations_admitted_because_nobody_objected(client, world):
    listed = f.make_request(
        world.negotiation,
        world.organization,
        at=timezone.now() - datetime.timedelta(days=30),
    )
    assert listed.non_objection_deadline < timezone.now()

    root = ET.fromstring(client.get("/feeds/test-ahc/updates.atom").content)

    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    assert "Accreditation: Digital Rights Network admitted" in titles


def test_it_adds_an_entry_when_a_new_version_is_published(client, world):
    def titles():
        root = ET.fromstring(client.get("/feeds/test-ahc/updates.atom").content)
        return [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]

    assert not any(t.startswith("New version published") for t in titles())
    publish_text(world, published=False, label="Informal draft")
    assert not any(t.startswith("New version published") for t in titles())
    version = publish_text(world, label="Revised draft")

    assert titles()[0] == "New version published: Revised draft"
    root = ET.fromstring(client.get("/feeds/test-ahc/updates.atom").content)
    first = next(root.iter(f"{ATOM}entry"))
    assert first.find(f"{ATOM}link").get("href").endswith(f"/n/test-ahc/versions/{version.pk}/")
