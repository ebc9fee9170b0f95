"""Accounts: an organization signs up into the non-objection procedure; people are invited with
a one-time link; the secretariat assigns roles and deactivates; a focal point manages only its
own delegation. Every change is audited, and a refusal writes nothing."""

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.process.models import AccreditationRequest, ApiToken, Organization, Role, User
from plenary.process.models.accreditation import AccreditationPath, AccreditationStatus
from plenary.process.services import accounts
from tests import factories as f

PASSWORD = "a-long-new-password-7"


def sign_up(world, **changes):
    fields = {
        "name": "Signing Network",
        "slug": "signing-network",
        "kind": "ngo",
        "username": "signing-ngo",
        "email": "contact@signing.example",
        "password": PASSWORD,
    } | changes
    return accounts.sign_up_organization(world.negotiation, **fields)


def test_an_organization_signs_up_into_the_non_objection_procedure(world):
    person = sign_up(world)
    assert person.role == Role.STAKEHOLDER and person.check_password(PASSWORD)
    request = AccreditationRequest.objects.get(organization=person.organization)
    assert request.path == AccreditationPath.NON_OBJECTION
    assert request.status == AccreditationStatus.PENDING and request.requested_by == person
    assert not person.organization.ecosoc_status  # recorded by the secretariat, never claimed
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"organization.signed_up", "user.created", "accreditation.listed"} <= actions


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"slug": "digital-rights"}, "slug"),  # the world's organization has it
        ({"username": "ngo"}, "username"),
        ({"email": "not an address"}, "email"),
        ({"password": "1234"}, "password"),
    ],
)
def test_a_sign_up_refused_writes_nothing(world, changes, field):
    before = (Organization.objects.count(), User.objects.count(), AuditEntry.objects.count())
    with pytest.raises((InvalidInput, Conflict)) as refused:
        sign_up(world, **changes)
    assert refused.value.field == field
    after = (Organization.objects.count(), User.objects.count(), AuditEntry.objects.count())
    assert after == before


def test_an_invitation_link_opens_the_account_once(world):
    person = accounts.invite_person(
        by=world.actors.secretariat,
        username="br-adviser",
        email="adviser@brazil.example",
        role=Role.DELEGATION,
        delegation=world.brazil,
    )
    assert not person.has_usable_password()
    token = accounts.invitation_token(person)
    accounts.accept_invitation(person, token=token, password=PASSWORD)
    assert person.check_password(PASSWORD)
    with pytest.raises(InvalidInput, match="expired or has been used"):
        accounts.accept_invitation(person, token=token, password="another-long-password-8")
    assert {"user.invited", "user.invitation_accepted"} <= set(
        AuditEntry.objects.filter(target_id=str(person.pk)).values_list("action", flat=True)
    )


def test_a_focal_point_manages_its_own_delegation_only(world):
    world.delegate.focal_point = True
    world.delegate.save()
    member = accounts.invite_person(
        by=world.actors.delegate,
        username="br-member",
        email="member@brazil.example",
        role=Role.DELEGATION,
        delegation=world.brazil,
    )
    accounts.deactivate(member, by=world.actors.delegate)
    assert not User.objects.get(pk=member.pk).is_active
    with pytest.raises(NotAllowed, match="own delegation only"):
        accounts.invite_person(
            by=world.actors.delegate,
            username="ke-member",
            email="member@kenya.example",
            role=Role.DELEGATION,
            delegation=world.kenya,
        )
    with pytest.raises(NotAllowed):
        accounts.deactivate(world.other_delegate, by=world.actors.delegate)
    with pytest.raises(NotAllowed, match="name a focal point"):
        accounts.invite_person(
            by=world.actors.delegate,
            username="br-focal",
            email="focal@brazil.example",
            role=Role.DELEGATION,
            delegation=world.brazil,
            focal_point=True,
        )
    with pytest.raises(NotAllowed):
        accounts.deactivate(world.delegate, by=world.actors.delegate)


def test_the_secretariat_assigns_roles_but_not_its_own(world):
    person = f.make_user("changing", Role.STAKEHOLDER, organization=world.organization)
    accounts.set_role(
        person, by=world.actors.secretariat, role=Role.DELEGATION, delegation=world.kenya
    )
    person.refresh_from_db()
    assert person.role == Role.DELEGATION and person.organization is None
    entry = AuditEntry.objects.get(action="user.role_changed")
    assert entry.before["role"] == "stakeholder" and entry.after["delegation"] == "Kenya"
    with pytest.raises(NotAllowed, match="your own role"):
        accounts.set_role(world.secretariat, by=world.actors.secretariat, role=Role.CHAIR)
    with pytest.raises(InvalidInput) as refused:
        accounts.set_role(person, by=world.actors.chair, role=Role.STAKEHOLDER)
    assert refused.value.field == "organization"
    with pytest.raises(NotAllowed):
        accounts.set_role(person, by=world.actors.delegate, role=Role.CHAIR)


def test_a_deactivated_account_cannot_sign_in_and_its_tokens_stop(client, world):
    token = f.token_for(world.delegate)
    credentials = {"username": "delegate-br", "password": "a-long-test-password"}
    accounts.deactivate(world.delegate, by=world.actors.chair)
    assert client.post("/accounts/login/", credentials).status_code == 400
    assert ApiToken.verify(token)[0] is None
    accounts.reactivate(world.delegate, by=world.actors.chair)
    assert client.post("/accounts/login/", credentials).status_code == 302
