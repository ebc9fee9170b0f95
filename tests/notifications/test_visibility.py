"""A notification is made, sent and shown only to a reader who may see its subject: a session
made closed after it was followed, a private coalition one has left."""

import pytest

from plenary.advocacy.services.coalitions import remove_member
from plenary.notifications.models import Notification
from plenary.notifications.services import follow, inbox, unread_count
from plenary.outbox.events import drain
from plenary.participation.services.interventions import submit_written_contribution
from plenary.process.actors import actor_of
from plenary.process.services.sessions import update_session
from tests.advocacy.factories import (
    make_coalition,
    make_red_line,
    publish,
    revised,
    second_organization,
)
from tests.participation.factories import make_agenda_item

SECRET = "Brazil will not accept any mention of human rights in article 5."


def _close(world, session):
    update_session(session, by=world.actors.secretariat, expected_version=None, openness="closed")


def _contribute(world, item):
    submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text=SECRET
    )


def test_a_session_made_closed_tells_its_stakeholder_followers_nothing_more(world):
    item = make_agenda_item(world.open_session, title="General debate")
    for person in (world.stakeholder, world.other_delegate):
        follow(actor_of(person), world.negotiation, "session", str(world.open_session.pk))
    _close(world, world.open_session)
    drain()
    _contribute(world, item)
    drain()
    told = Notification.objects.filter(body=SECRET)
    assert [n.user for n in told] == [world.other_delegate]
    # Not even that the session changed: it is closed to them now.
    assert not Notification.objects.filter(user=world.stakeholder).exists()


@pytest.mark.django_db(transaction=True)
def test_a_notification_is_not_emailed_or_shown_once_its_session_is_closed(world, smtp):
    world.stakeholder.email = "ngo@example.org"
    world.stakeholder.save(update_fields=["email"])
    item = make_agenda_item(world.open_session, title="General debate")
    follow(world.actors.stakeholder, world.negotiation, "session", str(world.open_session.pk))
    _contribute(world, item)
    from plenary.notifications import handlers
    from plenary.outbox.models import Event

    # The worker writes the notification, then the session is closed before it is emailed.
    for event in Event.objects.filter(kind="intervention.published"):
        handlers.tell_intervention_followers(event)
        Event.objects.filter(pk=event.pk).update(handled_at=event.created_at)
    (made,) = Notification.objects.filter(user=world.stakeholder)
    assert made.body == SECRET
    _close(world, world.open_session)
    drain()
    assert smtp.messages == []
    made.refresh_from_db()
    assert made.withheld_at is not None and made.emailed_at is None
    assert inbox(world.stakeholder) == [] and unread_count(world.stakeholder) == 0


def test_the_inbox_hides_what_a_reader_may_no_longer_see(world, client):
    item = make_agenda_item(world.open_session, title="General debate")
    follow(world.actors.stakeholder, world.negotiation, "session", str(world.open_session.pk))
    _contribute(world, item)
    drain()
    client.force_login(world.stakeholder)
    assert SECRET in client.get("/inbox/").content.decode()
    _close(world, world.open_session)
    page = client.get("/inbox/").content.decode()
    assert SECRET not in page and 'id="unread-count"' not in page
    assert client.get("/api/inbox", headers=_token(world.stakeholder)).json() == []


def test_a_member_removed_from_a_private_coalition_hears_nothing_of_its_red_lines(world):
    publish(world)
    coalition = make_coalition(world, private=True)
    organization, person = second_organization(world, coalition)
    red_line = make_red_line(world, coalition, eids=["art_1__para_1"], title="Secret criterion")
    follow(actor_of(person), world.negotiation, "red_line", str(red_line.pk))
    follow(world.actors.stakeholder, world.negotiation, "red_line", str(red_line.pk))
    first = publish(world, revised({1: "1. To combat cybercrime only."}), label="Rev 1", day=2)
    drain()
    (earlier,) = Notification.objects.filter(user=person)
    assert "Secret criterion" in earlier.subject

    member = coalition.members.get(organization=organization)
    remove_member(coalition, member, by=world.actors.stakeholder)
    second = publish(world, revised({1: "1. To combat all cybercrime."}), label="Rev 2", day=3)
    drain()
    assert Notification.objects.filter(user=person).count() == 1  # nothing new
    assert Notification.objects.filter(user=world.stakeholder).count() == 2  # members are told
    assert inbox(person) == [] and unread_count(person) == 0
    assert first.pk != second.pk


def _token(user):
    from tests.factories import token_for

    return {"Authorization": f"Bearer {token_for(user)}"}
