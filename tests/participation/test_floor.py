"""The chair runs the floor of an item (open, paragraph under discussion, close); speakers
withdraw; one pending request per speaker, held by the database; a bloc speaks again later."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed, StaleEdit
from plenary.participation.models import FloorStatus, ItemStatus
from plenary.participation.services.floor import close_item, open_item, put_under_discussion
from plenary.participation.services.speakers import (
    call_next_speaker,
    request_floor,
    speakers_list,
    withdraw_request,
)
from tests.factories import provision_at
from tests.participation.factories import (
    accredit,
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world):
    publish_text(world)
    return make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_7"])


def actions(item) -> list[str]:
    return list(
        AuditEntry.objects.filter(target_id=str(item.pk), action__startswith="agenda.")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )


def test_it_lets_the_chair_open_and_close_an_item_on_the_record(world, item):
    with pytest.raises(NotAllowed):
        open_item(item, by=world.actors.secretariat)
    open_item(item, by=world.actors.chair)
    assert (item.status, item.opened_at is not None) == (ItemStatus.OPEN, True)
    with pytest.raises(Conflict, match="already under discussion"):
        open_item(item, by=world.actors.chair)
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    speaking = call_next_speaker(item, by=world.actors.chair)

    close_item(item, by=world.actors.chair)

    speaking.refresh_from_db()
    assert (speaking.status, speaking.finished_at) == (FloorStatus.SPOKE, item.closed_at)
    assert item.status == ItemStatus.CLOSED
    with pytest.raises(Conflict, match="takes no more requests"):
        request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)
    with pytest.raises(Conflict, match="open it again"):
        call_next_speaker(item, by=world.actors.chair)
    open_item(item, by=world.actors.chair)
    assert item.closed_at is None
    assert actions(item) == ["agenda.item_opened", "agenda.item_closed", "agenda.item_opened"]


def test_it_names_the_paragraph_under_discussion_from_the_public_text(world, item):
    first, second = parts(world.negotiation, ["art_7__para_1", "art_7__para_2"])
    with pytest.raises(Conflict, match="Open the item"):
        put_under_discussion(item, by=world.actors.chair, provision=first)
    open_item(item, by=world.actors.chair)
    with pytest.raises(NotAllowed):
        put_under_discussion(item, by=world.actors.delegate, provision=first)
    put_under_discussion(item, by=world.actors.chair, provision=second)
    item.refresh_from_db()
    assert item.under_discussion == second
    # An informal draft's paragraph is not shown in an open session's room.
    publish_text(
        world,
        lines=["Article 9. Data interference", "1. Informal wording."],
        published=False,
        label="Informal",
    )
    (informal,) = parts(world.negotiation, ["art_9__para_1"])
    with pytest.raises(InvalidInput, match="not in the latest text everyone in this room"):
        put_under_discussion(item, by=world.actors.chair, provision=informal)
    item.refresh_from_db()
    assert item.under_discussion == second
    # Only a paragraph is put under discussion, not its article.
    article = provision_at(
        world.negotiation, "art_7", world.negotiation.versions.get(published=True)
    )
    with pytest.raises(InvalidInput, match="not in the latest text everyone in this room"):
        put_under_discussion(item, by=world.actors.chair, provision=article)
    with pytest.raises(StaleEdit):
        put_under_discussion(item, by=world.actors.chair, provision=None, expected_version=1)
    put_under_discussion(item, by=world.actors.chair, provision=None)
    assert item.under_discussion is None
    assert actions(item)[-1] == "agenda.under_discussion"


def test_a_closed_room_may_discuss_a_paragraph_of_an_informal_draft(world):
    publish_text(
        world,
        lines=["Article 9. Data interference", "1. Informal wording."],
        published=False,
    )
    closed = make_agenda_item(
        make_upcoming_session(world.negotiation, kind="informal", number=None, openness="closed")
    )
    open_item(closed, by=world.actors.chair)
    (informal,) = parts(world.negotiation, ["art_9__para_1"])
    assert put_under_discussion(
        closed, by=world.actors.chair, provision=informal
    ).under_discussion == (informal)


def test_it_lets_the_requester_or_the_chair_withdraw_a_waiting_speaker(world, item):
    brazil = request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    kenya = request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        withdraw_request(brazil, by=world.actors.other_delegate)
    with pytest.raises(NotAllowed):
        withdraw_request(brazil, by=world.actors.secretariat)

    withdraw_request(brazil, by=world.actors.delegate)
    withdraw_request(kenya, by=world.actors.chair)

    assert [e.status for e in (brazil, kenya)] == [FloorStatus.WITHDRAWN] * 2
    assert speakers_list(item) == []
    entry = AuditEntry.objects.get(action="speakers.withdrawn", target_id=str(brazil.pk))
    assert (entry.actor, entry.before["status"], entry.after["status"]) == (
        world.delegate,
        "waiting",
        "withdrawn",
    )
    with pytest.raises(Conflict, match="Only a speaker still waiting"):
        withdraw_request(brazil, by=world.actors.delegate)
    # Having withdrawn, Brazil may ask again.
    assert (
        request_floor(item, by=world.actors.delegate, delegation=world.brazil).status == "waiting"
    )


def test_a_bloc_is_inscribed_again_after_it_has_spoken(world, item):
    first = request_floor(
        item, by=world.actors.other_delegate, delegation=world.kenya, on_behalf_of=world.bloc
    )
    with pytest.raises(Conflict, match="one entry per group"):
        request_floor(item, by=world.actors.chair, delegation=world.kenya, on_behalf_of=world.bloc)
    call_next_speaker(item, by=world.actors.chair)
    call_next_speaker(item, by=world.actors.chair)
    first.refresh_from_db()
    assert first.status == FloorStatus.SPOKE
    again = request_floor(
        item, by=world.actors.other_delegate, delegation=world.kenya, on_behalf_of=world.bloc
    )
    assert again.pk != first.pk


@pytest.mark.parametrize("speaker", ["delegation", "organization", "bloc"])
def test_the_database_holds_one_pending_request_per_speaker_and_item(world, item, speaker):
    accredit(world.negotiation, world.organization)
    who = {
        "delegation": {"delegation": world.brazil},
        "organization": {"organization": world.organization},
        "bloc": {"delegation": world.kenya, "on_behalf_of": world.bloc},
    }[speaker]
    make_speaker(item, **who)
    make_speaker(item, **who, status=FloorStatus.SPOKE)
    make_speaker(item, **who, status=FloorStatus.WITHDRAWN)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_speaker(item, **who)


def test_two_requests_at_once_make_one_entry_and_a_clear_conflict(world, item, monkeypatch):
    """As when two requests pass the check together: the second is refused by the database,
    and the person is told the speaker is already on the list."""
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    with pytest.raises(Conflict, match="Brazil is already on the list"):
        request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    monkeypatch.undo()
    assert item.speakers.count() == 1
