"""Acting in a negotiation takes admission, through advocacy as anywhere else: an organization
refused accreditation (or never accredited) forms no coalition, joins none, signs nothing and
publishes nothing as a coalition's written contribution to a session."""

import pytest
from django.utils import timezone

from plenary.advocacy.models import Coalition, Signature, StatementStatus
from plenary.advocacy.services.coalitions import create_coalition, invite
from plenary.advocacy.services.statements import (
    open_for_signature,
    publish_statement,
    sign_statement,
)
from plenary.errors import NotAllowed
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.process.models.accreditation import AccreditationStatus
from tests import factories as f
from tests.advocacy.factories import make_coalition, make_statement, publish
from tests.participation.factories import accredit

NOT_ACCREDITED = "is not accredited to this negotiation"


@pytest.fixture
def refused(world):
    """An organization whose request was refused, with one person."""
    organization = f.make_organization(slug="refused-org", name="Refused Network")
    f.make_request(
        world.negotiation, organization, at=timezone.now(), status=AccreditationStatus.REJECTED
    )
    person = f.make_user("refused-person", Role.STAKEHOLDER, organization=organization)
    return organization, person


@pytest.fixture
def coalition(world):
    accredit(world.negotiation, world.organization)
    publish(world)
    return make_coalition(world)


def test_a_refused_organization_forms_no_coalition(world, refused):
    _organization, person = refused
    with pytest.raises(NotAllowed, match=NOT_ACCREDITED):
        create_coalition(world.negotiation, by=actor_of(person), name="Shadow caucus")
    assert not Coalition.objects.filter(name="Shadow caucus").exists()


def test_a_refused_organization_is_not_invited_to_a_coalition(world, refused, coalition):
    organization, _person = refused
    with pytest.raises(NotAllowed, match=NOT_ACCREDITED):
        invite(coalition, by=world.actors.stakeholder, organization=organization)


def test_a_refused_organization_does_not_sign(world, refused, coalition):
    organization, person = refused
    statement = make_statement(world, coalition)
    open_for_signature(statement, by=world.actors.stakeholder)
    with pytest.raises(NotAllowed, match=NOT_ACCREDITED):
        sign_statement(statement, by=actor_of(person), organization=organization)
    assert not Signature.objects.filter(organization=organization).exists()


def test_a_member_refused_later_no_longer_acts_for_the_coalition(world, coalition, client):
    statement = make_statement(world, coalition)
    open_for_signature(statement, by=world.actors.stakeholder)
    world.organization.accreditation_requests.update(status=AccreditationStatus.REJECTED)
    with pytest.raises(NotAllowed, match=NOT_ACCREDITED):
        publish_statement(statement, by=world.actors.stakeholder)
    statement.refresh_from_db()
    assert statement.status == StatementStatus.OPEN
    client.force_login(world.stakeholder)
    response = client.post(
        f"/n/{world.negotiation.slug}/coalitions/new/", {"name": "Another caucus"}
    )
    assert response.status_code == 403 and NOT_ACCREDITED in response.content.decode()


def test_an_organization_never_accredited_acts_no_more_than_a_refused_one(world):
    with pytest.raises(NotAllowed, match=NOT_ACCREDITED):
        create_coalition(world.negotiation, by=world.actors.stakeholder, name="Early caucus")
