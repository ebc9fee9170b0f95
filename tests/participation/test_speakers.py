"""Speakers lists: order by group and request, advance notice, the chair's order, blocs."""

import datetime

import pytest
from django.utils import timezone

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, DeadlinePassed, NotAllowed
from plenary.participation.models import FloorStatus, SpeakerGroup
from plenary.participation.services.agenda import set_arrangements
from plenary.participation.services.speakers import (
    call_next_speaker,
    notice_deadline,
    reorder_speakers,
    request_floor,
    speakers_list,
    speaking_limit,
    speaking_order,
)
from plenary.process.actors import actor_of
from plenary.process.models.participants import DelegationKind
from tests import factories as f
from tests.participation.factories import (
    accredit,
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(world):
    return make_agenda_item(make_upcoming_session(world.negotiation))


def names(entries):
    return [e.speaker_label for e in entries]


def test_it_gives_the_floor_to_member_states_then_observers_then_stakeholders(world, item):
    accredit(world.negotiation, world.organization)
    t = timezone.now() - datetime.timedelta(days=1)
    make_speaker(item, organization=world.organization, at=t)
    make_speaker(item, delegation=world.holy_see, at=t + datetime.timedelta(minutes=1))
    make_speaker(item, delegation=world.kenya, at=t + datetime.timedelta(minutes=2))
    make_speaker(item, delegation=world.brazil, at=t + datetime.timedelta(minutes=3))

    assert names(speaking_order(item.speakers.all())) == [
        "Kenya",
        "Brazil",
        "Holy See",
        "Digital Rights Network",
    ]


def test_it_lets_a_delegate_and_an_accredited_stakeholder_ask_for_the_floor(world, item):
    accredit(world.negotiation, world.organization)
    request_floor(item, by=world.actors.stakeholder, organization=world.organization)
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)

    listed = speakers_list(item)
    assert names(listed) == ["Brazil", "Digital Rights Network"]
    assert [e.group for e in listed] == [SpeakerGroup.MEMBER_STATES, SpeakerGroup.STAKEHOLDERS]
    assert not any(e.late for e in listed)


def test_it_refuses_a_delegate_asking_for_another_delegation(world, item):
    with pytest.raises(NotAllowed):
        request_floor(item, by=world.actors.delegate, delegation=world.kenya)


def test_it_refuses_a_stakeholder_whose_organization_is_not_accredited(world, item):
    with pytest.raises(NotAllowed, match="not accredited"):
        request_floor(item, by=world.actors.stakeholder, organization=world.organization)


def test_it_refuses_the_same_delegation_twice_on_one_item(world, item):
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    with pytest.raises(Conflict):
        request_floor(item, by=world.actors.delegate, delegation=world.brazil)


def test_it_refuses_a_stakeholder_after_the_advance_notice(world, item):
    accredit(world.negotiation, world.organization)
    too_late = notice_deadline(item) + datetime.timedelta(minutes=1)
    with pytest.raises(DeadlinePassed, match="48 hours"):
        request_floor(
            item, by=world.actors.stakeholder, organization=world.organization, at=too_late
        )
    with pytest.raises(DeadlinePassed):
        request_floor(
            item, by=world.actors.secretariat, organization=world.organization, at=too_late
        )


def test_it_takes_the_advance_notice_from_the_session_arrangements(world, item):
    meeting = item.session.start
    set_arrangements(item.session, by=world.actors.secretariat, advance_notice_hours=24)
    deadline = notice_deadline(item)
    assert deadline.date() == meeting - datetime.timedelta(days=1)
    assert deadline.hour == 10


def test_it_lets_only_the_chair_add_a_late_stakeholder_and_flags_it_late(world, item):
    accredit(world.negotiation, world.organization)
    too_late = notice_deadline(item) + datetime.timedelta(hours=1)
    entry = request_floor(item, by=world.actors.chair, organization=world.organization, at=too_late)

    assert entry.late
    assert AuditEntry.objects.filter(action="speakers.late_added", target_id=str(entry.pk)).exists()


def test_it_counts_a_stakeholder_on_time_before_the_notice(world, item):
    accredit(world.negotiation, world.organization)
    on_time = notice_deadline(item) - datetime.timedelta(minutes=1)
    entry = request_floor(
        item, by=world.actors.stakeholder, organization=world.organization, at=on_time
    )
    assert not entry.late


def test_it_keeps_stakeholders_off_closed_sessions(world):
    accredit(world.negotiation, world.organization)
    closed = make_agenda_item(
        make_upcoming_session(world.negotiation, kind="informal", number=None, openness="closed")
    )
    with pytest.raises(NotAllowed, match="closed to stakeholders"):
        request_floor(closed, by=world.actors.stakeholder, organization=world.organization)
    with pytest.raises(NotAllowed, match="closed to stakeholders"):
        request_floor(closed, by=world.actors.chair, organization=world.organization)
    assert request_floor(closed, by=world.actors.delegate, delegation=world.brazil).group == (
        SpeakerGroup.MEMBER_STATES
    )


def test_it_makes_a_bloc_statement_one_entry_for_the_bloc(world, item):
    entry = request_floor(
        item, by=world.actors.other_delegate, delegation=world.kenya, on_behalf_of=world.bloc
    )
    assert entry.speaker_label == "Kenya (on behalf of African Group)"
    assert entry.group == SpeakerGroup.MEMBER_STATES
    egypt = f.make_delegation(world.negotiation, "EG", "Egypt", region="Africa")
    world.bloc.members.add(egypt)
    egypt_delegate = f.make_user("delegate-eg", "delegation", delegation=egypt)
    with pytest.raises(Conflict, match="one entry per group"):
        request_floor(item, by=actor_of(egypt_delegate), delegation=egypt, on_behalf_of=world.bloc)
    # Kenya may still speak in its national capacity.
    request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)
    assert names(speakers_list(item)) == [
        "Kenya (on behalf of African Group)",
        "Kenya",
    ]


def test_it_refuses_a_bloc_statement_by_a_non_member(world, item):
    with pytest.raises(NotAllowed, match="not a member of African Group"):
        request_floor(
            item, by=world.actors.delegate, delegation=world.brazil, on_behalf_of=world.bloc
        )


def test_it_lets_the_chair_reorder_and_records_it(world, item):
    brazil = request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    holy_see = request_floor(item, by=world.actors.observer_delegate, delegation=world.holy_see)
    kenya = request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)

    reorder_speakers(item, by=world.actors.chair, order=[holy_see.pk, kenya.pk, brazil.pk])

    assert names(speakers_list(item)) == ["Holy See", "Kenya", "Brazil"]
    entry = AuditEntry.objects.get(action="speakers.reordered")
    assert entry.actor == world.chair
    assert entry.before == {"order": ["Brazil", "Kenya", "Holy See"]}
    assert entry.after == {"order": ["Holy See", "Kenya", "Brazil"]}


def test_it_refuses_a_reorder_by_anyone_but_the_chair_or_with_missing_speakers(world, item):
    brazil = request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    kenya = request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        reorder_speakers(item, by=world.actors.secretariat, order=[kenya.pk, brazil.pk])
    with pytest.raises(Exception, match="exactly once"):
        reorder_speakers(item, by=world.actors.chair, order=[kenya.pk])


def test_it_calls_the_next_speaker_and_marks_who_has_the_floor(world, item):
    request_floor(item, by=world.actors.observer_delegate, delegation=world.holy_see)
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)

    first = call_next_speaker(item, by=world.actors.chair)
    assert first.delegation == world.brazil
    assert first.status == FloorStatus.SPEAKING

    second = call_next_speaker(item, by=world.actors.chair)
    first.refresh_from_db()
    assert first.status == FloorStatus.SPOKE
    assert second.delegation == world.holy_see
    assert call_next_speaker(item, by=world.actors.chair) is None
    with pytest.raises(Conflict, match="Nobody is waiting"):
        call_next_speaker(item, by=world.actors.chair)
    with pytest.raises(NotAllowed):
        call_next_speaker(item, by=world.actors.delegate)


def test_it_gives_each_group_its_speaking_time(world, item):
    arrangements = set_arrangements(
        item.session, by=world.actors.chair, member_state_seconds=240, stakeholder_seconds=120
    )
    bloc = make_speaker(item, delegation=world.kenya, on_behalf_of=world.bloc)
    state = make_speaker(item, delegation=world.brazil)
    observer = make_speaker(item, delegation=world.holy_see)
    ngo = make_speaker(item, organization=world.organization)
    assert [speaking_limit(e, arrangements) for e in (bloc, state, observer, ngo)] == [
        300,
        240,
        180,
        120,
    ]


def test_it_lets_the_eu_speak_for_its_member_states(world, item):
    eu = f.make_delegation(world.negotiation, None, "European Union", kind=DelegationKind.REIO)
    eu_bloc = f.make_bloc(world.negotiation, "eu", [world.brazil], name="EU", represented_by=eu)
    eu_delegate = f.make_user("delegate-eu", "delegation", delegation=eu)
    entry = request_floor(item, by=actor_of(eu_delegate), delegation=eu, on_behalf_of=eu_bloc)
    assert entry.group == SpeakerGroup.MEMBER_STATES


def test_a_regional_organization_speaks_only_for_a_group_it_belongs_to_or_represents(world, item):
    eu = f.make_delegation(world.negotiation, None, "European Union", kind=DelegationKind.REIO)
    eu_delegate = f.make_user("delegate-eu", "delegation", delegation=eu)
    with pytest.raises(NotAllowed, match="is not a member of African Group"):
        request_floor(item, by=actor_of(eu_delegate), delegation=eu, on_behalf_of=world.bloc)
    # The group's single place is still its members' to take.
    entry = request_floor(
        item, by=world.actors.other_delegate, delegation=world.kenya, on_behalf_of=world.bloc
    )
    assert entry.on_behalf_of == world.bloc
    # A group the organization belongs to, it speaks for.
    region = f.make_bloc(world.negotiation, "region", [eu, world.brazil], name="Region")
    assert request_floor(item, by=actor_of(eu_delegate), delegation=eu, on_behalf_of=region).pk
