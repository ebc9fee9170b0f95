"""The state of the record moves with every change, in the change's own transaction, and only
then: what the public page cache keys its pages by."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import transaction

from plenary.audit import state
from plenary.errors import InvalidInput
from plenary.process.services.sessions import create_session

SESSION = {
    "kind": "substantive",
    "number": 7,
    "title": "Seventh session",
    "start": datetime.date(2024, 1, 8),
    "end": datetime.date(2024, 1, 19),
    "city": "Vienna",
    "mode": "in_person",
    "openness": "open",
}


def test_it_moves_with_every_change_made_through_a_service(world):
    before = state.current()
    create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
    after = state.current()
    assert after.changes > before.changes and after.token != before.token
    assert after.epoch == before.epoch and after.changed_at >= before.changed_at


def test_a_change_that_is_refused_or_rolled_back_leaves_it_as_it_was(world):
    before = state.current()
    with pytest.raises(InvalidInput):
        create_session(world.negotiation, by=world.actors.secretariat, **(SESSION | {"title": ""}))
    with pytest.raises(RuntimeError), transaction.atomic():
        create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
        assert state.current().changes > before.changes  # seen inside the transaction
        raise RuntimeError("the rest of the change failed")
    assert state.current() == before


def test_reading_pages_leaves_it_as_it_was(client, world):
    before = state.current()
    for url in ("/", "/n/test-ahc/", "/n/test-ahc/delegations/", "/api/negotiations/test-ahc"):
        assert client.get(url).status_code == 200
    assert state.current() == before


def test_an_operators_change_in_the_admin_moves_it(world):
    before = state.current()
    LogEntry.objects.log_actions(
        world.secretariat.pk, [world.open_session], action_flag=2, change_message="Renamed"
    )
    assert state.current().changes > before.changes


def test_migrating_moves_it_so_that_nothing_rendered_by_older_code_is_served(world):
    before = state.current()
    call_command("migrate", verbosity=0)
    assert state.current().changes > before.changes


@pytest.mark.django_db(transaction=True)
def test_emptying_the_tables_never_takes_it_back_to_a_state_it_has_been_in():
    before = state.current()
    call_command("flush", interactive=False, verbosity=0)
    assert state.current().changes >= before.changes
    assert state.current().epoch == before.epoch
