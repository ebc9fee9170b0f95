"""Factories for advocacy tests: coalitions, statements and red lines made through the
services, as people make them."""

import datetime

from django.utils import timezone

from plenary.advocacy.services.coalitions import accept_invitation, create_coalition, invite
from plenary.advocacy.services.red_lines import create_red_line
from plenary.advocacy.services.statements import draft_statement
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.process.models.accreditation import AccreditationStatus
from plenary.text.services.versions import import_version
from tests import factories as f

ZERO_DRAFT = [
    "Article 1. Purposes",
    "1. To prevent and combat cybercrime.",
    "2. To cooperate.",
    "Article 2. Safeguards",
    "1. Powers are subject to conditions and safeguards.",
    "2. Each State Party shall protect security research.",
]


def publish(world, lines=ZERO_DRAFT, label="Zero draft", day=1):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=lines,
        label=label,
        date=datetime.date(2023, 6, day),
        published=True,
    )


def revised(changes: dict[int, str]) -> list[str]:
    """The zero draft with some lines (by index) rewritten."""
    return [changes.get(index, line) for index, line in enumerate(ZERO_DRAFT)]


def admitted(negotiation, organization):
    """Admit the organization to the negotiation, unless it is already: acting there needs it."""
    if not organization.accreditation_requests.filter(negotiation=negotiation).exists():
        f.make_request(
            negotiation, organization, at=timezone.now(), status=AccreditationStatus.ADMITTED
        )
    return organization


def make_coalition(world, *, private=False, name="Human Rights Caucus", by=None):
    """A coalition formed by the world's (admitted) organization, or by whoever is named."""
    founder = by or world.stakeholder
    if founder.organization_id:
        admitted(world.negotiation, founder.organization)
    coalition = create_coalition(
        world.negotiation, by=actor_of(by or world.stakeholder), name=name, private=private
    )
    return coalition


def second_organization(world, coalition=None, username="ngo-two"):
    """Another organization with one person; a member of the coalition if one is given."""
    organization = admitted(world.negotiation, f.make_organization(name="Second Network"))
    person = f.make_user(username, Role.STAKEHOLDER, organization=organization)
    if coalition is not None:
        join(coalition, person, by=world.stakeholder)
    return organization, person


def paragraphs(world, eids):
    """The provisions that these eIds name in the text at the table, as a person picks them."""
    return [f.provision_at(world.negotiation, eid) for eid in eids]


def join(coalition, person, *, by, role="member"):
    """The person's organization or delegation joins: invited by an admin, accepted by them."""
    invitation = invite(
        coalition,
        by=actor_of(by),
        organization=person.organization,
        delegation=None if person.organization_id else person.delegation,
        role=role,
    )
    return accept_invitation(invitation, by=actor_of(person))


def make_statement(world, coalition, *, eids=("art_1__para_1",), title="Protect researchers"):
    return draft_statement(
        coalition,
        by=world.actors.stakeholder,
        kind="joint_statement",
        title=title,
        text="We, the undersigned, call on States to protect security research.",
        provisions=paragraphs(world, eids),
    )


def make_red_line(world, coalition, eids=("art_2__para_2",), title="Security research", by=None):
    return create_red_line(
        coalition,
        by=actor_of(by or world.stakeholder),
        title=title,
        criterion="The convention must protect good-faith security research.",
        provisions=paragraphs(world, eids),
    )
