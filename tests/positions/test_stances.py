"""Stances and objections: always sourced, for one's own delegation, and the consensus they make."""

import datetime

import pytest

from plenary.errors import Conflict, InvalidInput, NotAllowed, NotYourDelegation
from plenary.positions.models import Issue, Stance
from plenary.positions.services import consensus_on, object_to_paragraph, record_stance
from plenary.text.models import Package
from tests import factories as f

SOURCE = [{"symbol": "A/AC.291/CRP.1", "title": "Compilation of proposals"}]
EIDS = ["art_1__para_1", "art_1__para_2"]


@pytest.fixture(autouse=True)
def draft(world):
    """The paragraphs the stances are on, in an informal draft."""
    return f.make_version(
        world, label="Informal draft", published=False, date=datetime.date(2023, 5, 1)
    )


def stance(world, **changes):
    fields = {
        "by": world.delegate,
        "delegation": world.brazil,
        "stance": "support",
        "sources": SOURCE,
        "eid": EIDS[0],
    } | changes
    return record_stance(world.negotiation, **fields)


def test_a_stance_without_a_source_is_refused(world):
    with pytest.raises(InvalidInput, match="needs its source"):
        stance(world, sources=[])
    assert not Stance.objects.exists()


def test_a_delegation_records_only_its_own_stance_and_the_secretariat_anyones(world):
    with pytest.raises(NotYourDelegation):
        stance(world, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        stance(world, by=world.stakeholder)
    assert stance(world, by=world.secretariat, delegation=world.kenya).delegation == world.kenya


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stance": "maybe"}, "Stance must be one of"),
        ({"eid": ""}, "one issue or on one paragraph"),
        ({"position": 40}, "given on issues"),
        ({"eid": "art_9__para_1"}, "no paragraph, proposal or package art_9__para_1"),
        ({"eid": "package_999"}, "no paragraph, proposal or package package_999"),
    ],
)
def test_a_bad_stance_says_why(world, changes, message):
    with pytest.raises(InvalidInput, match=message):
        stance(world, **changes)


def test_a_stance_on_an_issue_carries_position_and_salience(world):
    issue = Issue.objects.create(
        negotiation=world.negotiation, slug="scope", title="Scope", illustrative=True
    )
    recorded = stance(world, eid="", issue=issue, position=20, salience=0.8)
    assert (recorded.position, recorded.salience) == (20, 0.8)
    with pytest.raises(InvalidInput, match="from 0 to 100"):
        stance(world, eid="", issue=issue, position=120)


def test_the_latest_stance_counts_and_objections_block_consensus(world):
    stance(world, stance="oppose")
    stance(world, stance="support")  # changed its mind: the history keeps both
    stance(world, by=world.other_delegate, delegation=world.kenya, eid=EIDS[1])
    object_to_paragraph(
        world.negotiation,
        by=world.other_delegate,
        delegation=world.kenya,
        eid=EIDS[1],
        reason="Too broad.",
    )
    result = consensus_on(world.negotiation, EIDS)
    first, second = result.provisions
    assert (first.status, first.supporting) == ("consensus", ["BR"])
    assert (second.status, second.objecting) == ("blocked", ["KE"])
    assert result.summary == "1 of 2 provisions without objection"
    assert Stance.objects.count() == 3


def test_a_delegation_objects_once_for_itself(world):
    object_to_paragraph(
        world.negotiation,
        by=world.delegate,
        delegation=world.brazil,
        eid=EIDS[0],
        reason="Too broad.",
    )
    with pytest.raises(Conflict, match="already objects"):
        object_to_paragraph(
            world.negotiation,
            by=world.delegate,
            delegation=world.brazil,
            eid=EIDS[0],
            reason="Again.",
        )
    with pytest.raises(NotYourDelegation):
        object_to_paragraph(
            world.negotiation,
            by=world.delegate,
            delegation=world.kenya,
            eid=EIDS[0],
            reason="For Kenya.",
        )


def test_the_consensus_api_lists_each_paragraph_of_the_latest_published_version(client, world):
    f.make_version(world)
    object_to_paragraph(
        world.negotiation,
        by=world.delegate,
        delegation=world.brazil,
        eid=EIDS[1],
        reason="Too broad.",
    )
    rows = client.get("/api/negotiations/test-ahc/consensus").json()
    assert [(r["eid"], r["status"], r["objecting"]) for r in rows] == [
        ("art_1__para_1", "no_positions", []),
        ("art_1__para_2", "blocked", ["BR"]),
    ]


def test_the_consensus_map_page_shows_the_chart_and_the_same_data_as_a_table(client, world):
    f.make_version(world)
    stance(world)
    object_to_paragraph(
        world.negotiation,
        by=world.other_delegate,
        delegation=world.kenya,
        eid=EIDS[1],
        reason="Too broad.",
    )
    page = client.get("/n/test-ahc/consensus/").content.decode()
    assert "1 of 2 provisions without objection" in page
    assert "<svg" in page and "KE: objects (art_1__para_2)" in page
    assert "<td>art_1__para_2</td><td>blocked</td><td></td><td>KE</td>" in page
    only_africa = client.get("/n/test-ahc/consensus/?bloc=african-group").content.decode()
    assert "KE: objects" in only_africa and "BR: support" not in only_africa


def test_a_delegation_objects_to_a_package_and_the_map_shows_it_blocked(client, world):
    package = Package.objects.create(negotiation=world.negotiation, title="Scope", eids=EIDS)
    f.make_version(world)
    object_to_paragraph(
        world.negotiation,
        by=world.other_delegate,
        delegation=world.kenya,
        eid=f"package_{package.pk}",
        reason="Only with stronger safeguards.",
    )
    rows = client.get("/api/negotiations/test-ahc/consensus").json()
    assert rows[-1] | {"supporting": []} == {
        "eid": f"package_{package.pk}",
        "status": "blocked",
        "supporting": [],
        "objecting": ["KE"],
        "amending": [],
        "reserving": [],
    }


def test_the_consensus_page_lists_a_package_under_its_title(client, world):
    package = Package.objects.create(negotiation=world.negotiation, title="Scope", eids=EIDS)
    object_to_paragraph(
        world.negotiation,
        by=world.other_delegate,
        delegation=world.kenya,
        eid=f"package_{package.pk}",
        reason="Only with stronger safeguards.",
    )
    client.force_login(world.delegate)  # the informal draft is for delegations
    body = client.get("/n/test-ahc/consensus/").content.decode()
    assert "<tr><td>Package: Scope</td><td>blocked</td><td></td><td>KE</td></tr>" in body
