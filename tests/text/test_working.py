"""The working text: proposals for one's own delegation, co-sponsors, and the chair's statuses
(nothing is agreed until everything is agreed, so an agreed paragraph can be reopened)."""

import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotYourDelegation, StaleEdit
from plenary.process.actors import actor_of
from plenary.text.services.versions import import_version
from plenary.text.services.working import cosponsor, propose, set_status, withdraw, working_text
from tests.factories import provision_at

EID = "art_1__para_1"


def paragraph(world, eid=EID):
    return provision_at(world.negotiation, eid)


@pytest.fixture
def draft(world):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Purposes", "1. To prevent cybercrime."],
    )


def alternative(world, **changes):
    fields = {
        "by": world.actors.delegate,
        "delegation": world.brazil,
        "kind": "alternative",
        "text": "To prevent and combat cybercrime.",
    } | changes
    if "provision" not in fields:
        fields["provision"] = paragraph(world)
    return propose(world.negotiation, **fields)


def test_a_proposal_appears_bracketed_against_the_text_with_its_sponsors(world, draft):
    proposal = alternative(world)
    cosponsor(proposal, by=world.actors.other_delegate, delegation=world.kenya)
    _, content = working_text(world.negotiation)
    paragraph = content["chapters"][0]["articles"][0]["paragraphs"][0]
    assert [p["text"] for p in paragraph["bracketed"]] == ["To prevent and combat cybercrime."]
    assert paragraph["bracketed"][0]["sponsors"] == ["BR", "KE"]
    assert AuditEntry.objects.filter(action__startswith="proposal.").count() == 2


def test_a_delegation_proposes_only_for_itself(world, draft):
    with pytest.raises(NotYourDelegation):
        alternative(world, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        alternative(world, by=world.actors.chair)


def test_a_proposal_on_a_paragraph_no_longer_in_the_working_text_is_refused(world, draft):
    gone = paragraph(world)
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Rev.1",
        date=datetime.date(2023, 7, 1),
        lines=["Article 2. Scope", "1. This Convention applies."],
    )
    with pytest.raises(InvalidInput, match="not in the working text"):
        alternative(world, provision=gone)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "rewrite"}, "Kind must be one of"),
        ({"text": ""}, "needs its wording"),
        ({"text": "[bracketed]"}, "without brackets"),
    ],
)
def test_a_bad_proposal_says_why(world, draft, changes, message):
    with pytest.raises(InvalidInput, match=message):
        alternative(world, **changes)


def test_a_deletion_needs_no_wording(world, draft):
    assert alternative(world, kind="delete", text="").kind == "delete"


def test_only_the_proposer_withdraws_and_a_withdrawn_proposal_leaves_the_text(world, draft):
    proposal = alternative(world)
    with pytest.raises(NotYourDelegation):
        withdraw(proposal, by=world.actors.other_delegate)
    withdraw(proposal, by=world.actors.delegate)
    _, content = working_text(world.negotiation)
    assert content["chapters"][0]["articles"][0]["paragraphs"][0]["proposals"] == []


def test_no_cosponsoring_ones_own_proposal(world, draft):
    with pytest.raises(Conflict, match="its own proposal"):
        cosponsor(alternative(world), by=world.actors.delegate, delegation=world.brazil)


def test_the_chair_agrees_ad_referendum_and_can_reopen(world, draft):
    state = set_status(
        world.negotiation, paragraph(world), by=world.actors.chair, status="agreed_ad_ref"
    )
    with pytest.raises(Conflict, match="reopen it first"):
        alternative(world)
    set_status(
        world.negotiation,
        paragraph(world),
        by=world.actors.chair,
        status="open",
        expected_version=state.lock_version,
    )
    assert alternative(world).pk
    actions = AuditEntry.objects.filter(action="paragraph.status").order_by("id")
    assert [(e.before["status"], e.after["status"]) for e in actions] == [
        ("open", "agreed_ad_ref"),
        ("agreed_ad_ref", "open"),
    ]


def test_only_the_chair_sets_a_status(world, draft):
    for person in (world.secretariat, world.delegate):
        with pytest.raises(NotAllowed, match="Only the chair"):
            set_status(
                world.negotiation, paragraph(world), by=actor_of(person), status="informally_agreed"
            )


def test_two_status_changes_on_one_view_the_second_is_refused(world, draft):
    set_status(
        world.negotiation,
        paragraph(world),
        by=world.actors.chair,
        status="informally_agreed",
        expected_version=1,
    )
    with pytest.raises(StaleEdit):
        set_status(
            world.negotiation,
            paragraph(world),
            by=world.actors.chair,
            status="agreed_ad_ref",
            expected_version=1,
        )


def test_the_working_text_is_for_the_table_only(client, world, draft):
    assert client.get("/n/test-ahc/draft/").status_code == 302
    client.force_login(world.stakeholder)
    assert client.get("/n/test-ahc/draft/").status_code == 404
    client.force_login(world.delegate)
    page = client.get("/n/test-ahc/draft/").content.decode()
    assert "To prevent cybercrime." in page and "Propose on 1" in page
    form = client.get(f"/n/test-ahc/draft/p/{paragraph(world).pk}/").content.decode()
    assert "A proposal of Brazil" in form and "Art. 1(1) — Purposes" in form
    assert client.get("/n/test-ahc/draft/p/999999/").status_code == 404


def test_the_working_page_makes_as_many_queries_for_a_long_text_as_for_a_short_one(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(articles: int) -> int:
        lines = []
        for number in range(1, articles + 1):
            lines += [f"Article {number}. Title {number}", "1. One.", "2. Two [a / b]."]
        import_version(
            world.negotiation,
            by=world.actors.secretariat,
            label=f"Draft {articles}",
            date=datetime.date(2023, 6, 1),
            lines=lines,
        )
        for number in range(1, articles + 1):
            propose(
                world.negotiation,
                by=world.actors.delegate,
                delegation=world.brazil,
                provision=provision_at(world.negotiation, f"art_{number}__para_1"),
                kind="comment",
                text="Note.",
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/n/test-ahc/draft/").status_code == 200
        return len(queries)

    client.force_login(world.delegate)
    assert queries_for(2) == queries_for(20)


def test_two_delegates_editing_one_proposal_the_second_sees_the_first_wording(client, world, draft):
    from plenary.process.models import Role
    from tests import factories as f

    proposal = alternative(world)
    colleague = f.make_user("delegate-br-2", Role.DELEGATION, delegation=world.brazil)
    url = f"/api/negotiations/test-ahc/proposals/{proposal.pk}"

    def edit(user, text):
        return client.patch(
            url,
            {"text": text, "lock_version": 1},
            "application/json",
            headers={"Authorization": f"Bearer {f.token_for(user)}"},
        )

    first = edit(world.delegate, "To prevent, combat and deter cybercrime.")
    second = edit(colleague, "To end cybercrime.")
    assert first.status_code == 200 and first.json()["lock_version"] == 2
    assert second.status_code == 409
    assert "To prevent, combat and deter cybercrime." in second.json()["detail"]
    proposal.refresh_from_db()
    assert proposal.text == "To prevent, combat and deter cybercrime."
