"""Registration: own delegation or accredited organization, before it closes, open sessions only
for stakeholders; agenda items and arrangements set by the secretariat or the chair."""

import datetime
from types import SimpleNamespace

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, DeadlinePassed, InvalidInput, NotAllowed, StaleEdit
from plenary.participation.models import Registration
from plenary.participation.services.agenda import (
    add_agenda_item,
    registration_closes_at,
    set_arrangements,
)
from plenary.participation.services.registration import register_participant
from plenary.process.actors import actor_of
from tests import factories as f
from tests.participation.factories import (
    TEXT,
    accredit,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    return make_upcoming_session(world.negotiation)


def test_it_registers_a_delegation_member_in_person_or_remote(world, session):
    register_participant(
        session,
        by=world.actors.delegate,
        delegation=world.brazil,
        name="Ana Souza",
        attendance="remote",
    )
    registration = Registration.objects.get(session=session)
    assert (registration.name, registration.attendance) == ("Ana Souza", "remote")
    assert registration.affiliation == world.brazil
    assert AuditEntry.objects.filter(action="registration.created").count() == 1


def test_it_refuses_registering_for_another_delegation(world, session):
    with pytest.raises(NotAllowed):
        register_participant(
            session, by=world.actors.delegate, delegation=world.kenya, name="X", attendance="remote"
        )


def test_it_registers_stakeholders_only_once_their_organization_is_accredited(world, session):
    with pytest.raises(NotAllowed, match="not accredited"):
        register_participant(
            session,
            by=world.actors.stakeholder,
            organization=world.organization,
            name="Researcher",
            attendance="in_person",
        )
    accredit(world.negotiation, world.organization)
    register_participant(
        session,
        by=world.actors.stakeholder,
        organization=world.organization,
        name="Researcher",
        attendance="in_person",
    )
    assert session.registrations.get().organization == world.organization


def test_it_keeps_closed_sessions_for_delegations(world):
    accredit(world.negotiation, world.organization)
    closed = make_upcoming_session(
        world.negotiation, kind="informal", number=None, openness="closed"
    )
    with pytest.raises(NotAllowed, match="closed to stakeholders"):
        register_participant(
            closed,
            by=world.actors.stakeholder,
            organization=world.organization,
            name="Researcher",
            attendance="remote",
        )
    register_participant(
        closed,
        by=world.actors.delegate,
        delegation=world.brazil,
        name="Ana Souza",
        attendance="remote",
    )
    assert closed.registrations.count() == 1


def test_it_closes_registration_at_the_configured_time(world, session):
    closes = registration_closes_at(session)
    assert closes.date() == session.start - datetime.timedelta(days=7)
    with pytest.raises(DeadlinePassed, match="Registration for"):
        register_participant(
            session,
            by=world.actors.delegate,
            delegation=world.brazil,
            name="Ana Souza",
            attendance="remote",
            at=closes,
        )
    set_arrangements(session, by=world.actors.secretariat, registration_closes_days=1)
    register_participant(
        session,
        by=world.actors.delegate,
        delegation=world.brazil,
        name="Ana Souza",
        attendance="remote",
        at=closes,
    )


def test_it_refuses_the_same_person_twice_and_a_bad_attendance(world, session):
    register_participant(
        session,
        by=world.actors.delegate,
        delegation=world.brazil,
        name="Ana Souza",
        attendance="remote",
    )
    with pytest.raises(Conflict):
        register_participant(
            session,
            by=world.actors.delegate,
            delegation=world.brazil,
            name="ana  souza",
            attendance="in_person",
        )
    with pytest.raises(InvalidInput):
        register_participant(
            session,
            by=world.actors.delegate,
            delegation=world.brazil,
            name="B",
            attendance="by mail",
        )


def test_it_lets_only_the_secretariat_or_the_chair_set_the_agenda(world, session):
    publish_text(world)
    chapter, article = parts(world.negotiation, ["chp_2", "art_7"])
    item = add_agenda_item(
        session,
        by=world.actors.secretariat,
        number=1,
        title="Criminalization",
        provisions=[chapter, article, chapter],
    )
    assert set(item.provisions.all()) == {chapter, article}
    with pytest.raises(NotAllowed):
        add_agenda_item(session, by=world.actors.delegate, number=2, title="Other")
    with pytest.raises(Conflict):
        add_agenda_item(session, by=world.actors.chair, number=1, title="Again")
    # A part of another negotiation's text is not a part of this one.
    other = f.make_negotiation(slug="other-ahc")
    f.make_version(SimpleNamespace(negotiation=other, actors=world.actors), TEXT)
    with pytest.raises(InvalidInput, match="latest published version"):
        add_agenda_item(
            session,
            by=world.actors.chair,
            number=3,
            title="Bad",
            provisions=[f.provision_at(other, "art_7")],
        )
    assert list(session.agenda_items.values_list("number", flat=True)) == [1]


def test_an_open_sessions_item_refuses_a_part_only_an_informal_draft_holds(world, session):
    publish_text(world)
    publish_text(
        world,
        lines=[*TEXT, "Article 9. Data interference", "1. Informal wording."],
        published=False,
        label="Informal",
    )
    informal = parts(world.negotiation, ["art_9", "art_9__para_1"])
    for provision in informal:
        with pytest.raises(InvalidInput, match="latest published version of the text"):
            add_agenda_item(
                session, by=world.actors.chair, number=5, title="Informal", provisions=[provision]
            )
    assert not session.agenda_items.exists()
    # The closed informals may take it up: everyone in that room sees the informal draft.
    closed = add_agenda_item(
        world.closed_session, by=world.actors.chair, number=5, title="Informal", provisions=informal
    )
    assert set(closed.provisions.all()) == set(informal)


def test_it_refuses_arrangements_edited_on_an_old_copy(world, session):
    first = set_arrangements(session, by=world.actors.chair, advance_notice_hours=72)
    assert first.advance_notice_hours == 72
    set_arrangements(
        session, by=world.actors.chair, expected_version=first.lock_version, bloc_seconds=360
    )
    with pytest.raises(StaleEdit):
        set_arrangements(
            session, by=world.actors.chair, expected_version=first.lock_version, bloc_seconds=30
        )
    with pytest.raises(NotAllowed):
        set_arrangements(
            session, by=actor_of(f.make_user("x", "delegation", delegation=world.brazil))
        )
