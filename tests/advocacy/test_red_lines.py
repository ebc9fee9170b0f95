"""Red lines: assessed on every version, re-flagged when and only when a new version changes
one of their paragraphs, and counted on the scorecard."""

import pytest

from plenary.advocacy.models import Reassessment
from plenary.advocacy.services.red_lines import assess, flag_red_lines, scorecard
from plenary.errors import InvalidInput, NotAllowed
from plenary.outbox.events import drain
from plenary.process.actors import actor_of
from plenary.text.services.versions import import_version, publish_version
from tests.advocacy.factories import (
    make_coalition,
    make_red_line,
    publish,
    revised,
    second_organization,
)

RESEARCH = 5  # the line of art_2__para_2 in the zero draft
PURPOSES = 1  # art_1__para_1


@pytest.fixture
def zero(world):
    return publish(world)


@pytest.fixture
def red_line(world, zero):
    return make_red_line(world, make_coalition(world))


def test_it_reflags_a_red_line_when_a_new_version_changes_its_paragraph(world, zero, red_line):
    assess(red_line, zero, by=world.actors.stakeholder, verdict="met", reasoning="Protected.")
    new = publish(
        world,
        revised({RESEARCH: "2. Each State Party may protect security research."}),
        label="Revised draft",
        day=2,
    )
    drain()
    flag = Reassessment.objects.get(red_line=red_line)
    assert (flag.version, flag.previous, flag.cleared_at) == (new, zero, None)
    (change,) = flag.changes
    assert (change["provision"], change["eid"]) == (red_line.provisions.get().pk, "art_2__para_2")
    assert {"op": "delete", "text": "shall"} in change["runs"]
    assert {"op": "insert", "text": "may"} in change["runs"]


def test_it_does_not_reflag_when_the_linked_paragraph_is_unchanged(world, zero, red_line):
    publish(world, revised({PURPOSES: "1. To combat cybercrime."}), label="Revised", day=2)
    drain()
    assert not Reassessment.objects.exists()


def test_an_informal_draft_flags_only_once_it_is_published(world, zero, red_line):
    informal = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=revised({RESEARCH: "2. Research is an offence."}),
        label="Informal",
        date=zero.date,
    )
    drain()
    assert not Reassessment.objects.exists()
    publish_version(informal, by=world.actors.secretariat)
    drain()
    assert Reassessment.objects.get().version == informal


def test_flagging_twice_keeps_one_flag(world, zero, red_line):
    new = publish(world, revised({RESEARCH: "2. Research is an offence."}), label="R", day=2)
    flag_red_lines(new)
    flag_red_lines(new)
    assert Reassessment.objects.count() == 1


def test_assessing_the_new_version_clears_the_flag(world, zero, red_line):
    new = publish(world, revised({RESEARCH: "2. Research is an offence."}), label="R", day=2)
    flag_red_lines(new)
    assess(red_line, new, by=world.actors.stakeholder, verdict="not_met", reasoning="Criminalized.")
    assert Reassessment.objects.get().cleared_at is not None


def test_only_members_assess_and_with_a_known_verdict(world, zero, red_line):
    _org, outsider = second_organization(world)
    with pytest.raises(NotAllowed):
        assess(red_line, zero, by=actor_of(outsider), verdict="met", reasoning="Fine.")
    with pytest.raises(InvalidInput, match="Verdict"):
        assess(red_line, zero, by=world.actors.stakeholder, verdict="maybe", reasoning="Hm.")


def test_the_scorecard_counts_verdicts_and_flags_and_shows_the_trend(world, zero):
    coalition = make_coalition(world)
    research = make_red_line(world, coalition)
    purposes = make_red_line(world, coalition, eids=["art_1__para_1"], title="Narrow scope")
    make_red_line(world, coalition, eids=["art_2__para_1"], title="Safeguards")
    assess(research, zero, by=world.actors.stakeholder, verdict="met", reasoning="Protected.")
    assess(purposes, zero, by=world.actors.stakeholder, verdict="partly_met", reasoning="Broad.")
    card = scorecard(world.stakeholder, coalition, zero)
    assert card.counts == {
        "met": 1,
        "partly_met": 1,
        "not_met": 0,
        "not_assessed": 1,
        "to_reassess": 0,
    }
    new = publish(world, revised({RESEARCH: "2. Research is an offence."}), label="R", day=2)
    flag_red_lines(new)
    assess(purposes, new, by=world.actors.stakeholder, verdict="not_met", reasoning="Wide scope.")
    card = scorecard(world.stakeholder, coalition, new)
    assert card.counts == {
        "met": 0,
        "partly_met": 0,
        "not_met": 1,
        "not_assessed": 2,
        "to_reassess": 1,
    }
    rows = {row.red_line.title: row for row in card.rows}
    assert rows["Security research"].flag is not None
    assert [v for _version, v, _label in rows["Narrow scope"].trend] == ["partly_met", "not_met"]
    # On the zero draft the flag raised by the later version does not show.
    assert scorecard(world.stakeholder, coalition, zero).counts["to_reassess"] == 0


def test_the_scorecard_page_draws_the_chart_and_the_table(world, zero, client):
    coalition = make_coalition(world)
    research = make_red_line(world, coalition)
    assess(research, zero, by=world.actors.stakeholder, verdict="met", reasoning="Protected.")
    new = publish(world, revised({RESEARCH: "2. Research is an offence."}), label="R", day=2)
    flag_red_lines(new)
    page = client.get(f"/n/{world.negotiation.slug}/coalitions/{coalition.slug}/scorecard/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'class="verdict met"' in html and ">M</text>" in html
    assert "needs re-assessment" in html


def test_a_private_coalitions_red_lines_are_for_its_members(world, zero, client):
    coalition = make_coalition(world, private=True)
    red_line = make_red_line(world, coalition)
    client.force_login(world.chair)
    slug = world.negotiation.slug
    assert client.get(f"/n/{slug}/red-lines/{red_line.pk}/").status_code == 404
    assert client.get(f"/n/{slug}/coalitions/{coalition.slug}/scorecard/").status_code == 404
    assert client.get(f"/api/negotiations/{slug}/red-lines").json() == []
    client.force_login(world.stakeholder)
    assert client.get(f"/n/{slug}/red-lines/{red_line.pk}/").status_code == 200
