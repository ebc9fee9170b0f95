"""Acts in a protocol are checked against the protocol: a State seated there acts through its
seat (its delegation to the parent negotiation stands for it), a State that is not seated is
refused, and a protocol's own delegation does not act in the parent. No page fails on a
delegation it does not know (rows written before these checks)."""

import datetime

import pytest

from plenary.errors import NotAllowed
from plenary.positions.models import Objection, Stance
from plenary.positions.services import Subject
from plenary.positions.services.objections import object_to_paragraph
from plenary.process.models import Role
from plenary.text.services.versions import import_version
from plenary.treaty.services import protocols
from tests import factories as f
from tests.participation.factories import make_agenda_item, make_upcoming_session

TEXT = ["Article 1. Scope", "1. This Protocol supplements the Convention.", "2. It applies."]


@pytest.fixture
def protocol(world):
    protocol = protocols.create_protocol(
        world.negotiation,
        by=world.actors.secretariat,
        slug="test-protocol",
        title="Protocol supplementary to the Convention",
        short_title="Protocol",
        mandate="A/RES/80/1",
        open_to_parent_parties_only=False,
    )
    protocols.admit_to_protocol(protocol, by=world.actors.secretariat, state=world.kenya)
    import_version(
        protocol,
        by=world.actors.secretariat,
        lines=TEXT,
        label="Zero draft",
        date=datetime.date(2026, 1, 5),
        published=True,
    )
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=TEXT,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        published=True,
    )
    return protocol


def api(client, user, method, path, body=None):
    return client.generic(
        method,
        f"/api/negotiations/{path}",
        "" if body is None else __import__("json").dumps(body),
        "application/json",
        headers={"Authorization": f"Bearer {f.token_for(user)}"},
    )


OBJECTION = {"eid": "art_1__para_1", "reason": "Too wide."}


def test_a_state_not_seated_at_the_protocol_cannot_object_there(client, world, protocol):
    refused = api(client, world.delegate, "POST", "test-protocol/objections", OBJECTION)
    assert refused.status_code == 403
    assert "Brazil does not take part in Protocol" in refused.json()["detail"]
    assert not Objection.objects.filter(negotiation=protocol).exists()
    page = client
    page.force_login(world.delegate)
    response = page.post(
        "/n/test-protocol/objections/", {"eid": "art_1__para_1", "reason": "Too wide."}
    )
    assert response.status_code == 403
    assert not Objection.objects.filter(negotiation=protocol).exists()


def test_a_seated_state_objects_at_the_protocol_through_its_seat(client, world, protocol):
    made = api(client, world.other_delegate, "POST", "test-protocol/objections", OBJECTION)
    assert made.status_code == 201
    (objection,) = Objection.objects.filter(negotiation=protocol)
    assert objection.delegation.negotiation == protocol and objection.delegation.iso2 == "KE"
    assert "KE" in client.get("/n/test-protocol/consensus/").content.decode()


def test_a_protocols_own_delegation_does_not_act_in_the_parent(client, world, protocol):
    seat = protocol.delegations.get(iso2="KE")
    protocol_only = f.make_user("protocol-delegate", Role.DELEGATION, delegation=seat)
    refused = api(client, protocol_only, "POST", "test-ahc/objections", OBJECTION)
    assert refused.status_code == 403
    assert not Objection.objects.filter(negotiation=world.negotiation).exists()
    with pytest.raises(NotAllowed):
        object_to_paragraph(
            world.negotiation,
            by=world.actors.chair,
            delegation=seat,
            subject=Subject(provision=f.provision_at(world.negotiation, "art_1__para_1")),
            reason="From the wrong table.",
        )


def test_stances_and_the_floor_at_the_protocol_are_for_seated_states(client, world, protocol):
    stance = {
        "delegation": "BR",
        "eid": "art_1__para_1",
        "stance": "support",
        "sources": [{"title": "Statement"}],
    }
    refused = api(client, world.delegate, "POST", "test-protocol/stances", stance)
    assert refused.status_code in (400, 403, 404)
    assert not Stance.objects.filter(negotiation=protocol).exists()
    item = make_agenda_item(make_upcoming_session(protocol, title="First session"))
    base = f"test-protocol/sessions/{item.session_id}/agenda/{item.pk}"
    assert api(client, world.delegate, "POST", f"{base}/speakers", {}).status_code == 403
    written = {"text": "Brazil's view."}
    assert api(client, world.delegate, "POST", f"{base}/interventions", written).status_code == 403
    registration = {"name": "A. Delegate", "attendance": "remote"}
    assert (
        api(
            client,
            world.delegate,
            "POST",
            f"test-protocol/sessions/{item.session_id}/registrations",
            registration,
        ).status_code
        == 403
    )
    seated = api(client, world.other_delegate, "POST", f"{base}/speakers", {})
    assert seated.status_code == 201


def test_no_page_fails_on_a_delegation_it_does_not_know(client, world, protocol):
    # Written before the checks: Brazil, not seated, objecting and taking a stance there.
    first, second = (f.provision_at(protocol, eid) for eid in ("art_1__para_1", "art_1__para_2"))
    Objection.objects.create(
        negotiation=protocol, delegation=world.brazil, provision=first, reason="Old."
    )
    Stance.objects.create(
        negotiation=protocol,
        delegation=world.brazil,
        provision=second,
        stance="oppose",
        sources=[{"title": "Old"}],
    )
    public = (
        "/n/test-protocol/consensus/",
        "/n/test-protocol/opinion-map/",
        "/api/negotiations/test-protocol/consensus",
        "/api/negotiations/test-protocol/objections",
    )
    for path in public:
        assert client.get(path).status_code == 200, path
    client.force_login(world.chair)
    for path in (*public, "/n/test-protocol/draft/", f"/n/test-protocol/draft/p/{first.pk}/"):
        assert client.get(path).status_code == 200, path


def test_the_working_text_does_not_fail_on_a_proposal_by_a_delegation_it_does_not_know(
    client, world, protocol
):
    from plenary.text.models import Proposal

    Proposal.objects.create(
        negotiation=protocol,
        provision=f.provision_at(protocol, "art_1__para_1"),
        kind="alternative",
        text="Brazil's wording.",
        delegation=world.brazil,
    )
    client.force_login(world.chair)
    for path in ("/n/test-protocol/draft/", "/n/test-protocol/consensus/"):
        assert client.get(path).status_code == 200, path
