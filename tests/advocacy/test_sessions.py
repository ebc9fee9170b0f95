"""A coalition's statement for a session is its written contribution to it: once published it is
listed on the session's page, and the session's followers are told."""

import pytest

from plenary.advocacy.services.statements import (
    draft_statement,
    open_for_signature,
    publish_statement,
    sign_statement,
)
from plenary.errors import InvalidInput
from plenary.notifications.models import Follow, Notification
from plenary.notifications.services import follow
from plenary.outbox.events import drain
from tests.advocacy.factories import join, make_coalition, paragraphs, publish


@pytest.fixture
def coalition(world):
    publish(world)
    return make_coalition(world)


def for_session(world, coalition, title, session=None):
    return draft_statement(
        coalition,
        by=world.actors.stakeholder,
        kind="open_letter",
        title=title,
        text="We ask the Committee to protect security research.",
        provisions=paragraphs(world, ["art_2__para_2"]),
        session_ids=[(session or world.open_session).pk],
    )


def test_it_lists_published_statements_on_the_session_page(client, world, coalition):
    published = for_session(world, coalition, "Letter to the first session")
    open_for_signature(published, by=world.actors.stakeholder)
    sign_statement(published, by=world.actors.stakeholder, organization=world.organization)
    publish_statement(published, by=world.actors.stakeholder)
    waiting = for_session(world, coalition, "Letter still open")
    open_for_signature(waiting, by=world.actors.stakeholder)
    for_session(world, coalition, "Letter still drafted")
    html = client.get(f"/n/test-ahc/sessions/{world.open_session.pk}/").content.decode()
    assert "Joint statements and open letters for this session" in html
    assert "Letter to the first session" in html and "1 signatory" in html
    assert "Letter still open" not in html and "Letter still drafted" not in html


def test_a_session_without_published_statements_shows_no_such_section(client, world, coalition):
    for_session(world, coalition, "Letter still drafted")
    html = client.get(f"/n/test-ahc/sessions/{world.open_session.pk}/").content.decode()
    assert "for this session" not in html


def test_it_tells_the_followers_of_the_session_each_once(world, coalition):
    statement = for_session(world, coalition, "Letter to the first session")
    open_for_signature(statement, by=world.actors.stakeholder)
    session_key = str(world.open_session.pk)
    for user in (world.delegate, world.chair):
        Follow.objects.create(
            user=user, negotiation=world.negotiation, kind="session", key=session_key
        )
    follow(world.actors.chair, world.negotiation, "paragraph", "art_2__para_2")
    publish_statement(statement, by=world.actors.stakeholder)
    drain()
    told = Notification.objects.order_by("user__username")
    assert [(n.user, n.kind) for n in told] == [
        (world.chair, "paragraph"),
        (world.delegate, "session"),
    ]
    assert "Letter to the first session" in told[1].subject
    assert told[1].url == f"/n/test-ahc/statements/{statement.pk}/"


def test_it_refuses_a_session_closed_to_stakeholders(world, coalition):
    # To a stakeholder, a closed session is one that does not exist.
    with pytest.raises(InvalidInput, match="There is no session"):
        for_session(world, coalition, "Letter to the informals", world.closed_session)
    # A delegation in the coalition sees it, and is told why it cannot be linked.
    join(coalition, world.delegate, by=world.stakeholder)
    with pytest.raises(InvalidInput, match="open to stakeholders"):
        draft_statement(
            coalition,
            by=world.actors.delegate,
            kind="open_letter",
            title="Letter to the informals",
            text="We ask.",
            session_ids=[world.closed_session.pk],
        )
