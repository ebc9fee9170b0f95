"""Following a session or a chapter: told when the session changes, when a statement is made
public in it, and when a new version changes a paragraph of the chapter."""

import datetime

import pytest

from plenary.errors import NotFound
from plenary.notifications.models import Notification
from plenary.notifications.services import follow
from plenary.outbox.events import drain
from plenary.participation.services.interventions import submit_written_contribution
from plenary.process.services.sessions import suspend_session
from plenary.text.services.versions import import_version
from tests.factories import provision_at
from tests.participation.factories import make_agenda_item

DRAFT = [
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To prevent cybercrime.",
    "Chapter II. Criminalization",
    "Article 2. Illegal access",
    "1. Access without right.",
]


def publish(world, lines, label, day):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=lines,
        label=label,
        date=datetime.date(2023, 6, day),
        published=True,
    )


def test_followers_of_a_session_are_told_when_it_is_suspended(world):
    follow(world.actors.stakeholder, world.negotiation, "session", str(world.open_session.pk))
    suspend_session(world.open_session, by=world.actors.secretariat, on=world.open_session.end)
    drain()
    (told,) = Notification.objects.filter(user=world.stakeholder)
    assert told.kind == "session" and "suspended" in told.subject
    assert told.url == f"/n/test-ahc/sessions/{world.open_session.pk}/"


def test_a_closed_session_cannot_be_followed_by_those_who_may_not_see_it(world):
    with pytest.raises(NotFound):
        follow(world.actors.stakeholder, world.negotiation, "session", str(world.closed_session.pk))
    assert follow(world.actors.delegate, world.negotiation, "session", str(world.closed_session.pk))


def test_followers_of_a_session_hear_of_a_written_contribution(world):
    item = make_agenda_item(world.open_session, title="General debate")
    follow(world.actors.stakeholder, world.negotiation, "session", str(world.open_session.pk))
    submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text="Brazil supports the draft."
    )
    drain()
    (told,) = Notification.objects.filter(user=world.stakeholder)
    assert "Brazil" in told.subject and "General debate" in told.subject
    assert told.body == "Brazil supports the draft."


def test_followers_of_a_chapter_are_told_when_a_paragraph_in_it_changes(world):
    publish(world, DRAFT, "Zero draft", 1)
    follow(world.actors.delegate, world.negotiation, "chapter", "chp_2")
    follow(world.actors.stakeholder, world.negotiation, "chapter", "chp_1")
    changed = [*DRAFT[:-1], "1. Access without right, when committed intentionally."]
    publish(world, changed, "Revised draft", 2)
    drain()
    (told,) = Notification.objects.filter(user=world.delegate)
    assert (told.kind, told.key) == ("chapter", str(provision_at(world.negotiation, "chp_2").pk))
    assert told.subject == "Art. 2(1) — Illegal access changed in Revised draft"
    assert not Notification.objects.filter(user=world.stakeholder).exists()


def test_a_chapter_that_does_not_exist_cannot_be_followed(world):
    publish(world, DRAFT, "Zero draft", 1)
    with pytest.raises(NotFound, match="no chapter chp_9"):
        follow(world.actors.delegate, world.negotiation, "chapter", "chp_9")


def test_the_session_and_version_pages_offer_to_follow(world, client):
    zero = publish(world, DRAFT, "Zero draft", 1)
    client.force_login(world.stakeholder)
    session_page = client.get(f"/n/test-ahc/sessions/{world.open_session.pk}/").content.decode()
    assert 'name="kind" value="session"' in session_page
    version_page = client.get(f"/n/test-ahc/versions/{zero.pk}/").content.decode()
    assert version_page.count('name="kind" value="chapter"') == 2
