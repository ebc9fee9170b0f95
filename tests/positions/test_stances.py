"""Stances and objections: always sourced, for one's own delegation, and the consensus they make."""

import datetime

import pytest

from plenary.errors import Conflict, InvalidInput, NotAllowed, NotYourDelegation
from plenary.positions.models import Issue, Stance
from plenary.positions.services import (
    Subject,
    consensus_on,
    object_to_paragraph,
    provision_key,
    record_stance,
    subject_named,
)
from plenary.text.models import Package
from tests import factories as f
from tests.factories import provision_at

SOURCE = [{"symbol": "A/AC.291/CRP.1", "title": "Compilation of proposals"}]
EIDS = ["art_1__para_1", "art_1__para_2"]


@pytest.fixture(autouse=True)
def draft(world):
    """The paragraphs the stances are on, in an informal draft."""
    return f.make_version(
        world, label="Informal draft", published=False, date=datetime.date(2023, 5, 1)
    )


def on(world, eid=EIDS[0]):
    return Subject(provision=provision_at(world.negotiation, eid))


def keys(world):
    return [provision_key(provision_at(world.negotiation, eid).pk) for eid in EIDS]


def stance(world, name=EIDS[0], **changes):
    fields = {
        "by": world.actors.delegate,
        "delegation": world.brazil,
        "stance": "support",
        "sources": SOURCE,
        "subject": on(world, name) if name else None,
    } | changes
    return record_stance(world.negotiation, **fields)


def objection(world, name, *, by=None, delegation=None, reason="Too broad."):
    return object_to_paragraph(
        world.negotiation,
        by=by or world.actors.other_delegate,
        delegation=delegation or world.kenya,
        subject=subject_named(world.negotiation, by or world.actors.other_delegate, name=name),
        reason=reason,
    )


def test_a_stance_without_a_source_is_refused(world):
    with pytest.raises(InvalidInput, match="needs its source"):
        stance(world, sources=[])
    assert not Stance.objects.exists()


def test_a_delegation_records_only_its_own_stance_and_the_secretariat_anyones(world):
    with pytest.raises(NotYourDelegation):
        stance(world, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        stance(world, by=world.actors.stakeholder)
    assert (
        stance(world, by=world.actors.secretariat, delegation=world.kenya).delegation == world.kenya
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stance": "maybe"}, "Stance must be one of"),
        ({"name": ""}, "one issue or on one paragraph"),
        ({"position": 40}, "given on issues"),
    ],
)
def test_a_bad_stance_says_why(world, changes, message):
    with pytest.raises(InvalidInput, match=message):
        stance(world, **changes)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("art_9__para_1", "no paragraph art_9__para_1 in the text"),
        ("package_999", "no paragraph or package package_999"),
    ],
)
def test_a_stance_on_what_is_not_there_says_why(client, world, name, message):
    response = client.post(
        "/api/negotiations/test-ahc/stances",
        {"delegation": "BR", "stance": "support", "eid": name, "sources": SOURCE},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.delegate)}"},
    )
    assert response.status_code == 400 and message in response.json()["detail"]


def test_a_stance_on_an_issue_carries_position_and_salience(world):
    issue = Issue.objects.create(
        negotiation=world.negotiation, slug="scope", title="Scope", illustrative=True
    )
    recorded = stance(world, "", issue=issue, position=20, salience=0.8)
    assert (recorded.position, recorded.salience) == (20, 0.8)
    with pytest.raises(InvalidInput, match="from 0 to 100"):
        stance(world, "", issue=issue, position=120)


def test_the_latest_stance_counts_and_objections_block_consensus(world):
    stance(world, stance="oppose")
    stance(world, stance="support")  # changed its mind: the history keeps both
    stance(world, EIDS[1], by=world.actors.other_delegate, delegation=world.kenya)
    objection(world, EIDS[1])
    result = consensus_on(world.negotiation, keys(world))
    first, second = result.provisions
    assert (first.status, first.supporting) == ("consensus", ["BR"])
    assert (second.status, second.objecting) == ("blocked", ["KE"])
    assert result.summary == "1 of 2 provisions without objection"
    assert Stance.objects.count() == 3


def test_a_delegation_objects_once_for_itself(world):
    objection(world, EIDS[0], by=world.actors.delegate, delegation=world.brazil)
    with pytest.raises(Conflict, match="already objects"):
        objection(
            world, EIDS[0], by=world.actors.delegate, delegation=world.brazil, reason="Again."
        )
    with pytest.raises(NotYourDelegation):
        objection(
            world, EIDS[0], by=world.actors.delegate, delegation=world.kenya, reason="For Kenya."
        )


def test_the_consensus_api_lists_each_paragraph_of_the_latest_published_version(client, world):
    f.make_version(world)
    objection(world, EIDS[1], by=world.actors.delegate, delegation=world.brazil)
    rows = client.get("/api/negotiations/test-ahc/consensus").json()
    assert [(r["eid"], r["label"], r["status"], r["objecting"]) for r in rows] == [
        ("art_1__para_1", "Art. 1(1) — Purposes", "no_positions", []),
        ("art_1__para_2", "Art. 1(2) — Purposes", "blocked", ["BR"]),
    ]
    assert [r["provision"] for r in rows] == [
        provision_at(world.negotiation, eid).pk for eid in EIDS
    ]


def test_the_consensus_map_page_shows_the_chart_and_the_same_data_as_a_table(client, world):
    f.make_version(world)
    stance(world)
    objection(world, EIDS[1])
    page = client.get("/n/test-ahc/consensus/").content.decode()
    assert "1 of 2 provisions without objection" in page
    assert "<svg" in page and "KE: objects (Art. 1(2) — Purposes)" in page
    assert "<td>Art. 1(2) — Purposes</td><td>blocked</td><td></td><td>KE</td>" in page
    assert "art_1__para_2" not in page.split('id="consensus-table"')[1]
    only_africa = client.get("/n/test-ahc/consensus/?bloc=african-group").content.decode()
    assert "KE: objects" in only_africa and "BR: support" not in only_africa


def _package(world):
    package = Package.objects.create(negotiation=world.negotiation, title="Scope")
    package.provisions.set([provision_at(world.negotiation, eid) for eid in EIDS])
    return package


def test_a_delegation_objects_to_a_package_and_the_table_sees_it_blocked(client, world):
    package = _package(world)
    f.make_version(world)
    objection(world, f"package_{package.pk}", reason="Only with stronger safeguards.")
    token = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    rows = client.get("/api/negotiations/test-ahc/consensus", headers=token).json()
    assert rows[-1] | {"supporting": []} == {
        "eid": f"package_{package.pk}",
        "provision": None,
        "label": "Package: Scope",
        "status": "blocked",
        "supporting": [],
        "objecting": ["KE"],
        "amending": [],
        "reserving": [],
    }
    # Packages are kept at the table: the public map knows nothing of them.
    public = client.get("/api/negotiations/test-ahc/consensus").json()
    assert all(not r["eid"].startswith("package_") for r in public)


def test_the_consensus_page_lists_a_package_under_its_title(client, world):
    package = _package(world)
    objection(world, f"package_{package.pk}", reason="Only with stronger safeguards.")
    client.force_login(world.delegate)  # the informal draft is for delegations
    body = client.get("/n/test-ahc/consensus/").content.decode()
    assert "<tr><td>Package: Scope</td><td>blocked</td><td></td><td>KE</td></tr>" in body
