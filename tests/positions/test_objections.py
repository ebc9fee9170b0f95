"""Objections are withdrawn by their delegation, or recorded as withdrawn by the secretariat or
the chair from the record; consensus, the map and its cache follow."""

import datetime

import pytest

from plenary.errors import Conflict, InvalidInput, NotAllowed, NotSignedIn, NotYourDelegation
from plenary.positions.models import Objection
from plenary.positions.services import consensus_on, object_to_paragraph, withdraw_objection
from plenary.process.actors import PUBLIC
from plenary.text.services.versions import import_version
from tests import factories as f

EIDS = ["art_1__para_1", "art_1__para_2"]
SOURCE = [{"symbol": "A/AC.291/CRP.9", "title": "Statement of Kenya"}]


@pytest.fixture
def objected(world):
    """Kenya objects to the first paragraph of a published draft."""
    f.make_version(world)
    world.objection = object_to_paragraph(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        subject=f.on(world.negotiation, EIDS[0]),
        reason="Too broad.",
    )
    return world


def test_it_lets_a_delegation_withdraw_its_own_objection_and_consensus_follows(objected):
    assert (
        consensus_on(objected.negotiation, f.keys(objected.negotiation, EIDS)).provisions[0].status
        == "blocked"
    )
    withdraw_objection(
        objected.objection, by=objected.actors.other_delegate, note="Met by the new text."
    )
    objected.objection.refresh_from_db()
    assert objected.objection.withdrawn_at is not None
    first = consensus_on(objected.negotiation, f.keys(objected.negotiation, EIDS)).provisions[0]
    assert (first.status, first.objecting) == ("no_positions", [])
    entry = objected.negotiation.audit_entries.get(action="objection.withdrawn")
    assert entry.actor == objected.other_delegate and entry.note == "Met by the new text."
    assert entry.before["withdrawn_at"] is None and entry.after["withdrawn_at"]


def test_it_refuses_a_withdrawal_by_anyone_else(objected):
    with pytest.raises(NotYourDelegation):
        withdraw_objection(objected.objection, by=objected.actors.delegate)
    with pytest.raises(NotAllowed):
        withdraw_objection(objected.objection, by=objected.actors.stakeholder)
    with pytest.raises(NotSignedIn):
        withdraw_objection(objected.objection, by=PUBLIC)
    objected.objection.refresh_from_db()
    assert objected.objection.withdrawn_at is None
    assert not objected.negotiation.audit_entries.filter(action="objection.withdrawn").exists()


def test_the_secretariat_records_a_withdrawal_only_with_its_source(objected):
    with pytest.raises(InvalidInput, match="needs its source"):
        withdraw_objection(objected.objection, by=objected.actors.secretariat)
    assert Objection.objects.get().withdrawn_at is None
    withdraw_objection(objected.objection, by=objected.actors.chair, sources=SOURCE)
    entry = objected.negotiation.audit_entries.get(action="objection.withdrawn")
    assert entry.actor == objected.chair
    assert entry.after["sources"] == SOURCE


def test_an_objection_is_withdrawn_once_and_can_then_be_made_again(objected):
    withdraw_objection(objected.objection, by=objected.actors.other_delegate)
    with pytest.raises(Conflict, match="already withdrew"):
        withdraw_objection(objected.objection, by=objected.actors.other_delegate)
    again = object_to_paragraph(
        objected.negotiation,
        by=objected.actors.other_delegate,
        delegation=objected.kenya,
        subject=f.on(objected.negotiation, EIDS[0]),
        reason="The new text is as broad.",
    )
    assert consensus_on(objected.negotiation, f.keys(objected.negotiation, EIDS)).provisions[
        0
    ].objecting == ["KE"]
    assert again.pk != objected.objection.pk


def test_the_consensus_map_and_its_cache_follow_a_withdrawal(client, objected):
    before = client.get("/n/test-ahc/consensus/").content.decode()
    assert "1 of 2 provisions without objection" in before
    assert "KE: objects (Art. 1(1) — Purposes)" in before
    withdraw_objection(objected.objection, by=objected.actors.other_delegate)
    after = client.get("/n/test-ahc/consensus/").content.decode()
    assert "2 of 2 provisions without objection" in after
    assert "KE: objects" not in after


def test_a_delegation_withdraws_its_objection_from_the_paragraph_page(client, objected):
    client.force_login(objected.other_delegate)
    paragraph = f.provision_at(objected.negotiation, EIDS[0]).pk
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "Withdraw the objection" in page
    response = client.post(f"/n/test-ahc/objections/{objected.objection.pk}/withdraw/")
    assert response.status_code == 302 and response["Location"].endswith(f"/p/{paragraph}/")
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "<strong>KE</strong> objects" not in page
    assert "Objection withdrawn." in page


def test_another_delegation_sees_no_withdrawal_button_and_is_refused(client, objected):
    client.force_login(objected.delegate)
    paragraph = f.provision_at(objected.negotiation, EIDS[0]).pk
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "<strong>KE</strong> objects" in page and "Withdraw the objection" not in page
    response = client.post(f"/n/test-ahc/objections/{objected.objection.pk}/withdraw/")
    assert response.status_code == 403
    assert Objection.objects.get().withdrawn_at is None


def test_the_secretariat_records_a_withdrawal_on_the_paragraph_page(client, objected):
    client.force_login(objected.secretariat)
    paragraph = f.provision_at(objected.negotiation, EIDS[0]).pk
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "Record that KE withdrew this objection" in page
    url = f"/n/test-ahc/objections/{objected.objection.pk}/withdraw/"
    assert client.post(url).status_code == 400  # no source
    assert client.post(url, {"source_symbol": "A/AC.291/CRP.9"}).status_code == 302
    assert Objection.objects.get().withdrawn_at is not None


def test_the_api_withdraws_an_objection(client, objected):
    url = f"/api/negotiations/test-ahc/objections/{objected.objection.pk}/withdraw"
    other = client.post(
        url,
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(objected.delegate)}"},
    )
    assert other.status_code == 403
    response = client.post(
        url,
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(objected.other_delegate)}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["eid"] == EIDS[0] and response.json()["withdrawn_at"]
    rows = client.get("/api/negotiations/test-ahc/consensus").json()
    assert rows[0]["objecting"] == []
    missing = client.post(
        "/api/negotiations/test-ahc/objections/999999/withdraw",
        {},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(objected.other_delegate)}"},
    )
    assert missing.status_code == 404


def test_it_lists_the_objections_withdrawn_ones_with_their_date(objected, client):
    withdraw_objection(objected.objection, by=objected.actors.other_delegate)
    object_to_paragraph(
        objected.negotiation,
        by=objected.actors.other_delegate,
        delegation=objected.kenya,
        subject=f.on(objected.negotiation, EIDS[1]),
        reason="Needs safeguards.",
    )
    url = "/api/negotiations/test-ahc/objections"
    listed = client.get(url).json()
    assert [(o["delegation"], o["eid"], o["reason"]) for o in listed] == [
        ("KE", EIDS[0], "Too broad."),
        ("KE", EIDS[1], "Needs safeguards."),
    ]
    assert listed[0]["withdrawn_at"] and listed[1]["withdrawn_at"] is None
    standing = client.get(url, {"standing": "true", "provision": EIDS[1]}).json()
    assert [o["eid"] for o in standing] == [EIDS[1]]
    assert client.get(url, {"delegation": "BR"}).json() == []


def test_it_keeps_objections_to_informal_drafts_for_those_at_the_table(objected, client):
    import_version(
        objected.negotiation,
        by=objected.actors.secretariat,
        label="Informal draft",
        published=False,
        date=datetime.date(2023, 7, 1),
        lines=["Article 1. Purposes", "1. To prevent.", "2. To cooperate.", "3. To assist."],
    )
    object_to_paragraph(
        objected.negotiation,
        by=objected.actors.other_delegate,
        delegation=objected.kenya,
        subject=f.on(objected.negotiation, "art_1__para_3"),
        reason="Not yet.",
    )
    url = "/api/negotiations/test-ahc/objections"
    assert [o["eid"] for o in client.get(url).json()] == [EIDS[0]]
    client.force_login(objected.delegate)
    assert [o["eid"] for o in client.get(url).json()] == [EIDS[0], "art_1__para_3"]
