"""Consent: nobody is made a member of a coalition; it is invited and joins by its own people's
act, and any member leaves by its own act."""

import pytest

from plenary.advocacy.models import CoalitionMember, InvitationStatus
from plenary.advocacy.services.coalitions import (
    accept_invitation,
    decline_invitation,
    invite,
    leave_coalition,
    withdraw_invitation,
)
from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, NotAllowed
from plenary.process.actors import actor_of
from tests.advocacy.factories import make_coalition, second_organization


@pytest.fixture
def coalition(world):
    return make_coalition(world)


def test_an_invited_organization_is_not_a_member_until_its_people_accept(world, coalition):
    other, person = second_organization(world)
    invitation = invite(coalition, by=world.actors.stakeholder, organization=other)
    assert not CoalitionMember.objects.filter(coalition=coalition, organization=other).exists()
    with pytest.raises(NotAllowed, match="Only the people of Second Network"):
        accept_invitation(invitation, by=world.actors.stakeholder)
    with pytest.raises(NotAllowed):
        accept_invitation(invitation, by=world.actors.delegate)
    member = accept_invitation(invitation, by=actor_of(person))
    assert member.organization == other and member.role == "member"
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.ACCEPTED and invitation.answered_by == person
    with pytest.raises(Conflict, match="already accepted"):
        accept_invitation(invitation, by=actor_of(person))


def test_a_delegation_is_invited_and_accepts_for_itself(world, coalition):
    invitation = invite(coalition, by=world.actors.stakeholder, delegation=world.brazil)
    with pytest.raises(Conflict, match="already invited"):
        invite(coalition, by=world.actors.stakeholder, delegation=world.brazil)
    with pytest.raises(NotAllowed):
        accept_invitation(
            invitation, by=world.actors.other_delegate
        )  # Kenya does not answer for Brazil
    accept_invitation(invitation, by=world.actors.delegate)
    assert coalition.members.filter(delegation=world.brazil).exists()
    with pytest.raises(Conflict, match="already a member"):
        invite(coalition, by=world.actors.stakeholder, delegation=world.brazil)


def test_only_an_admin_invites_and_an_invitation_can_be_declined_or_withdrawn(world, coalition):
    _other, person = second_organization(world, coalition)
    with pytest.raises(NotAllowed, match="Only an admin"):
        invite(coalition, by=actor_of(person), delegation=world.kenya)
    declined = decline_invitation(
        invite(coalition, by=world.actors.stakeholder, delegation=world.kenya),
        by=world.actors.other_delegate,
    )
    assert declined.status == InvitationStatus.DECLINED
    again = invite(coalition, by=world.actors.stakeholder, delegation=world.kenya)
    assert (
        withdraw_invitation(again, by=world.actors.stakeholder).status == InvitationStatus.WITHDRAWN
    )
    assert not coalition.members.filter(delegation=world.kenya).exists()


def test_any_member_leaves_and_the_last_admin_passes_the_role_on(world, coalition):
    other, person = second_organization(world, coalition)
    leave_coalition(coalition, by=world.actors.stakeholder)  # the only admin
    assert not coalition.members.filter(organization=world.organization).exists()
    assert coalition.members.get(organization=other).role == "admin"
    assert AuditEntry.objects.filter(action="coalition.admin_by_succession").exists()
    leave_coalition(coalition, by=actor_of(person))
    assert not coalition.members.exists()
    with pytest.raises(NotAllowed, match="is not a member"):
        leave_coalition(coalition, by=actor_of(person))
