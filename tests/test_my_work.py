"""Each person's work: what waits for their answer or decision is counted in every page's
header and listed with what is coming on their "My work" page."""

import datetime

from django.utils import timezone

from plenary.advocacy.services.coalitions import invite
from plenary.participation.models import ItemStatus
from plenary.positions.models import Objection
from plenary.process.models.accreditation import AccreditationStatus
from tests import factories as f
from tests.advocacy.factories import make_coalition
from tests.participation.factories import make_agenda_item, make_speaker, make_upcoming_session


def header_count(client) -> str:
    page = client.get("/n/test-ahc/").content.decode()
    start = page.find('id="my-work-count">')
    return page[start + len('id="my-work-count">') :].split("<", 1)[0] if start >= 0 else ""


def test_the_secretariat_sees_requests_to_decide(client, world):
    held = f.make_request(
        world.negotiation, world.organization, at=timezone.now(), status=AccreditationStatus.HELD
    )
    client.force_login(world.secretariat)
    assert header_count(client) == "1"
    page = client.get("/my-work/").content.decode()
    assert "Accreditation requests to decide" in page and f"#request-{held.pk}" in page


def test_the_chair_sees_requests_for_the_floor_on_items_under_discussion(client, world):
    session = make_upcoming_session(world.negotiation)
    item = make_agenda_item(session, status=ItemStatus.OPEN)
    make_speaker(item, delegation=world.kenya)
    make_speaker(make_agenda_item(session), delegation=world.brazil)  # not under discussion
    client.force_login(world.chair)
    assert header_count(client) == "1"


def test_a_delegation_sees_its_invitations_objections_and_deadlines(client, world):
    invite(make_coalition(world), by=world.actors.stakeholder, delegation=world.brazil)
    f.make_version(world)
    paragraph = f.provision_at(world.negotiation, "art_1__para_1")
    Objection.objects.create(
        negotiation=world.negotiation, delegation=world.brazil, provision=paragraph, reason="No."
    )
    world.negotiation.roadmap.create(
        date=timezone.now().date() + datetime.timedelta(days=10), chapters=["Final provisions"]
    )
    client.force_login(world.delegate)
    assert header_count(client) == "1"  # the invitation; the rest is work, not a question
    page = client.get("/my-work/").content.decode()
    assert "Human Rights Caucus" in page and "Accept and join" in page
    assert "Art. 1(1) — Purposes" in page and "Submissions due: Final provisions" in page
    assert "New York time" in page


def test_someone_with_nothing_waiting_has_no_count(client, world):
    client.force_login(world.other_delegate)
    assert header_count(client) == ""
    assert "Nothing at the moment." in client.get("/my-work/").content.decode()
