"""Stances on proposals (`proposal_<id>`), and the history of a delegation's stances: kept, shown
on the paragraph page and read through the API, each reader seeing what they may."""

import datetime

import pytest

from plenary.errors import InvalidInput
from plenary.positions.models import Stance
from plenary.positions.services import (
    Subject,
    object_to_paragraph,
    proposal_key,
    record_stance,
    stance_history,
)
from plenary.text.services.versions import import_version
from plenary.text.services.working import propose, withdraw
from tests import factories as f
from tests.factories import provision_at

SOURCE = [{"symbol": "A/AC.291/CRP.1"}]
LINES = ["Article 1. Purposes", "1. To prevent.", "2. To cooperate."]
PARAGRAPH = "art_1__para_1"


@pytest.fixture
def table(world):
    """A published zero draft, an informal draft after it with a third paragraph, and Kenya's
    proposal to replace the first paragraph."""
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        published=True,
        date=datetime.date(2023, 6, 1),
        lines=LINES,
    )
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Informal",
        date=datetime.date(2023, 7, 1),
        lines=[*LINES, "3. To assist."],
    )
    world.proposal = propose(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        provision=provision_at(world.negotiation, PARAGRAPH),
        kind="replace",
        text="To prevent and combat.",
    )
    world.on_proposal = proposal_key(world.proposal)
    return world


def on(world, name=PARAGRAPH):
    """The subject a stance is on: a paragraph of the text by its eId, or a proposal."""
    if name == world.on_proposal:
        return Subject(proposal=world.proposal)
    return Subject(provision=provision_at(world.negotiation, name))


def stance(world, name=PARAGRAPH, **changes):
    fields = {
        "by": world.actors.delegate,
        "delegation": world.brazil,
        "stance": "support",
        "sources": SOURCE,
        "subject": on(world, name),
    } | changes
    return record_stance(world.negotiation, **fields)


def test_a_delegation_takes_a_stance_on_an_open_proposal(table):
    recorded = stance(table, table.on_proposal, stance="oppose")
    assert recorded.proposal == table.proposal and recorded.provision is None
    assert table.negotiation.audit_entries.filter(action="stance.recorded").count() == 1


def test_a_stance_on_a_proposal_needs_one_that_is_open_and_of_this_negotiation(client, table):
    token = {"Authorization": f"Bearer {f.token_for(table.delegate)}"}

    def post(name):
        return client.post(
            "/api/negotiations/test-ahc/stances",
            {"delegation": "BR", "stance": "support", "eid": name, "sources": SOURCE},
            content_type="application/json",
            headers=token,
        )

    missing = post("proposal_999999")
    assert missing.status_code == 400 and "no proposal proposal_999999" in missing.json()["detail"]
    other = f.make_negotiation(slug="other")
    with pytest.raises(InvalidInput, match="not part of this negotiation"):
        record_stance(
            other,
            by=table.actors.secretariat,
            delegation=f.make_delegation(other, "BR", "Brazil"),
            stance="support",
            sources=SOURCE,
            subject=on(table, table.on_proposal),
        )
    withdraw(table.proposal, by=table.actors.other_delegate)
    withdrawn = post(table.on_proposal)
    assert withdrawn.status_code == 400 and "no longer open" in withdrawn.json()["detail"]
    assert not Stance.objects.exists()


def test_a_proposal_is_opposed_with_a_stance_not_an_objection(table):
    with pytest.raises(InvalidInput, match="record the delegation's stance"):
        object_to_paragraph(
            table.negotiation,
            by=table.actors.delegate,
            delegation=table.brazil,
            subject=on(table, table.on_proposal),
            reason="No.",
        )


def test_the_history_keeps_every_stance_oldest_first(table):
    stance(table, stance="oppose")
    stance(table, stance="amend")
    stance(table, table.on_proposal)
    history = stance_history(table.negotiation, table.brazil, viewer=table.delegate)
    paragraph = provision_at(table.negotiation, PARAGRAPH)
    assert [(s.provision, s.proposal, s.stance) for s in history] == [
        (paragraph, None, "oppose"),
        (paragraph, None, "amend"),
        (None, table.proposal, "support"),
    ]
    only = stance_history(table.negotiation, table.brazil, viewer=table.delegate, subject=on(table))
    assert [s.stance for s in only] == ["oppose", "amend"]


def test_the_api_gives_a_delegations_history_to_each_reader_as_far_as_they_may_see(client, table):
    stance(table, stance="oppose")
    stance(table, stance="support")
    stance(table, table.on_proposal, stance="amend")
    stance(table, "art_1__para_3", stance="support")  # only in the informal draft
    url = "/api/negotiations/test-ahc/stances?delegation=BR"
    public = client.get(url).json()
    assert [(r["eid"], r["stance"]) for r in public] == [
        (PARAGRAPH, "oppose"),
        (PARAGRAPH, "support"),
    ]
    paragraph = provision_at(table.negotiation, PARAGRAPH)
    assert public[0] | {"id": 0, "recorded_at": ""} == {
        "id": 0,
        "delegation": "BR",
        "issue": None,
        "eid": PARAGRAPH,
        "provision": paragraph.pk,
        "label": "Art. 1(1) — Purposes",
        "made_on": "",
        "stance": "oppose",
        "position": None,
        "salience": None,
        "sources": [{"title": None, "symbol": "A/AC.291/CRP.1", "url": None}],
        "illustrative": False,
        "recorded_at": "",
        "stated_on": None,
    }
    token = {"Authorization": f"Bearer {f.token_for(table.other_delegate)}"}
    seen = client.get(url, headers=token).json()
    assert [r["eid"] for r in seen] == [
        PARAGRAPH,
        PARAGRAPH,
        table.on_proposal,
        "art_1__para_3",
    ]
    one = client.get(f"{url}&provision={table.on_proposal}", headers=token).json()
    assert [(r["eid"], r["stance"]) for r in one] == [(table.on_proposal, "amend")]
    by_id = client.get(f"{url}&provision={paragraph.pk}").json()
    assert [r["stance"] for r in by_id] == ["oppose", "support"]
    # A proposal is the table's business: the public is told there is no such thing.
    assert client.get(f"{url}&provision={table.on_proposal}").status_code == 400
    unknown = client.get("/api/negotiations/test-ahc/stances?delegation=XX")
    assert unknown.status_code == 400 and "XX" in unknown.json()["detail"]
    assert client.get(f"{url}&issue=nothing").status_code == 404
    assert client.get("/api/negotiations/test-ahc/stances").status_code == 422


def test_the_api_records_a_stance_on_a_proposal(client, table):
    response = client.post(
        "/api/negotiations/test-ahc/stances",
        {"delegation": "BR", "stance": "oppose", "eid": table.on_proposal, "sources": SOURCE},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(table.delegate)}"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["eid"] == table.on_proposal


def test_the_paragraph_page_shows_stances_on_proposals_and_the_history(client, table):
    stance(table, stance="oppose")
    stance(table, stance="support")
    client.force_login(table.other_delegate)
    paragraph = provision_at(table.negotiation, PARAGRAPH)
    response = client.post(
        "/n/test-ahc/stances/",
        {"subject": table.on_proposal, "stance": "support", "source_symbol": "A/AC.291/CRP.9"},
    )
    assert response.status_code == 302 and response["Location"].endswith(f"/p/{paragraph.pk}/")
    page = client.get(f"/n/test-ahc/draft/p/{paragraph.pk}/").content.decode()
    assert f'<option value="{table.on_proposal}">the proposal of KE (replace)</option>' in page
    proposal_table = page.split(f'id="stances-proposal-{table.proposal.pk}"', 1)[1]
    assert "Stances on the proposal of KE (replace)" in proposal_table
    assert "<td>KE</td><td>support</td>" in proposal_table.split("</table>")[0]
    history = page.split('id="stance-history"', 1)[1].split("</details>")[0]
    assert "1 earlier stance, replaced since" in history
    assert "<td>BR</td><td>the paragraph</td><td>oppose</td>" in history
    assert "<td>BR</td><td>support</td>" in page.split('id="paragraph-stances"', 1)[1]
