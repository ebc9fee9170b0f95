"""Packages accepted or rejected as one, and adoption of the whole text: refused while
anything is bracketed, final afterwards."""

import datetime

import pytest

from plenary.decisions.models import Decision
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.text.models import ParagraphState
from plenary.text.services.packages import adopt_text, decide_package, propose_package
from plenary.text.services.versions import import_version
from plenary.text.services.working import propose
from tests.factories import provision_at

D = datetime.date(2024, 8, 8)
AGREED = ["Article 1. Purposes", "1. To prevent cybercrime.", "2. To cooperate."]


def paragraphs(world, *eids):
    return [provision_at(world.negotiation, eid) for eid in eids]


BOTH = ("art_1__para_1", "art_1__para_2")


def text(world, lines):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Draft",
        date=datetime.date(2024, 7, 1),
        lines=lines,
    )


def test_the_chair_packages_paragraphs_and_accepting_agrees_them_all(world):
    text(world, AGREED)
    package = propose_package(
        world.negotiation,
        by=world.actors.chair,
        title="Purposes",
        provisions=paragraphs(world, *BOTH),
    )
    decide_package(
        package, by=world.actors.chair, accept=True, expected_version=package.lock_version
    )
    statuses = set(ParagraphState.objects.values_list("status", flat=True))
    assert package.status == "accepted" and statuses == {"agreed_ad_ref"}


def test_a_rejected_package_leaves_its_paragraphs_open(world):
    text(world, AGREED)
    package = propose_package(
        world.negotiation,
        by=world.actors.chair,
        title="Purposes",
        provisions=paragraphs(world, *BOTH),
    )
    decide_package(package, by=world.actors.chair, accept=False)
    assert package.status == "rejected" and not ParagraphState.objects.exists()
    with pytest.raises(Conflict, match="already rejected"):
        decide_package(package, by=world.actors.chair, accept=True)


def test_a_package_of_one_paragraph_is_refused(world):
    text(world, AGREED)
    with pytest.raises(InvalidInput, match="at least two different"):
        propose_package(
            world.negotiation,
            by=world.actors.chair,
            title="P",
            provisions=paragraphs(world, "art_1__para_1"),
        )


def test_a_package_of_a_paragraph_no_longer_in_the_text_is_refused(world):
    text(world, AGREED)
    gone = paragraphs(world, "art_1__para_1")
    text(world, ["Article 2. Scope", "1. It applies.", "2. Widely."])
    with pytest.raises(InvalidInput, match="paragraph of the working text"):
        propose_package(
            world.negotiation,
            by=world.actors.chair,
            title="P",
            provisions=gone + paragraphs(world, "art_2__para_1"),
        )


def test_a_paragraph_is_in_one_open_package_at_a_time(world):
    text(world, AGREED)
    propose_package(
        world.negotiation, by=world.actors.chair, title="First", provisions=paragraphs(world, *BOTH)
    )
    with pytest.raises(Conflict, match=r"Art. 1\(1\), Art. 1\(2\) already belong to the package"):
        propose_package(
            world.negotiation,
            by=world.actors.chair,
            title="Second",
            provisions=paragraphs(world, *BOTH),
        )


def test_only_the_chair_packages(world):
    text(world, AGREED)
    with pytest.raises(NotAllowed):
        propose_package(
            world.negotiation,
            by=world.actors.secretariat,
            title="P",
            provisions=paragraphs(world, *BOTH),
        )


def test_adoption_is_refused_while_a_bracket_remains(world):
    text(world, ["Article 1. Purposes", "1. To [prevent / combat] cybercrime."])
    with pytest.raises(Conflict, match="1 provisions hold 1 bracket"):
        adopt_text(
            world.negotiation,
            by=world.actors.chair,
            symbol="A/AC.291/L.1",
            date=D,
            method="consensus",
        )
    assert not Decision.objects.exists()


def test_adoption_is_refused_while_a_proposal_is_open(world):
    text(world, AGREED)
    propose(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        provision=provision_at(world.negotiation, "art_1__para_1"),
        kind="delete",
    )
    with pytest.raises(Conflict, match="1 open proposal"):
        adopt_text(
            world.negotiation,
            by=world.actors.chair,
            symbol="A/AC.291/L.1",
            date=D,
            method="consensus",
        )


def test_adoption_freezes_the_final_text(world):
    text(world, AGREED)
    final = adopt_text(
        world.negotiation, by=world.actors.chair, symbol="A/AC.291/L.1", date=D, method="consensus"
    ).final
    assert final.published and final.adopted_by.symbol == "A/AC.291/L.1"
    assert final.adopted_by.method == "consensus"
    with pytest.raises(Conflict, match="no longer changes"):
        propose(
            world.negotiation,
            by=world.actors.delegate,
            delegation=world.brazil,
            provision=provision_at(world.negotiation, "art_1__para_1"),
            kind="delete",
        )
    with pytest.raises(Conflict, match="no longer changes"):
        adopt_text(
            world.negotiation,
            by=world.actors.chair,
            symbol="A/AC.291/L.2",
            date=D,
            method="consensus",
        )


def test_adoption_by_recorded_vote_keeps_each_states_vote(client, world):
    from tests import factories as f

    text(world, AGREED)
    token = f.token_for(world.chair)
    response = client.post(
        "/api/negotiations/test-ahc/adoption",
        {
            "symbol": "A/AC.291/L.1",
            "date": "2024-08-08",
            "method": "recorded_vote",
            "votes": [{"iso2": "BR", "vote": "yes"}, {"iso2": "KE", "vote": "abstain"}],
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    decision = Decision.objects.get(symbol="A/AC.291/L.1")
    assert {(v.delegation.iso2, v.vote) for v in decision.votes.all()} == {
        ("BR", "yes"),
        ("KE", "abstain"),
    }


def test_a_recorded_vote_short_of_two_thirds_is_kept_but_adopts_nothing(world):
    from tests import factories as f

    text(world, AGREED)
    argentina = f.make_delegation(world.negotiation, "AR", "Argentina")
    votes = {world.brazil: "yes", world.kenya: "no", argentina: "yes"}
    # 2 of 3 present and voting is exactly two thirds: that carries; 1 of 2 does not. The vote
    # that does not carry is the outcome, recorded and returned (not an error raised after it).
    outcome = adopt_text(
        world.negotiation,
        by=world.actors.chair,
        symbol="A/AC.291/L.1",
        date=D,
        method="recorded_vote",
        votes={world.brazil: "yes", world.kenya: "no", argentina: "abstain"},
    )
    assert outcome.final is None and outcome.decision.symbol == "A/AC.291/L.1"
    refused = Decision.objects.get(symbol="A/AC.291/L.1")
    assert refused.votes.count() == 3
    assert not world.negotiation.versions.filter(adopted_by__isnull=False).exists()
    final = adopt_text(
        world.negotiation,
        by=world.actors.chair,
        symbol="A/AC.291/L.2",
        date=D,
        method="recorded_vote",
        votes=votes,
    ).final
    assert final.adopted_by.symbol == "A/AC.291/L.2"


def test_through_the_api_a_vote_that_does_not_carry_answers_409_and_stays_on_record(client, world):
    from tests import factories as f

    text(world, AGREED)
    response = client.post(
        "/api/negotiations/test-ahc/adoption",
        {
            "symbol": "A/AC.291/L.9",
            "date": "2024-08-08",
            "method": "recorded_vote",
            "votes": [{"iso2": "BR", "vote": "yes"}, {"iso2": "KE", "vote": "no"}],
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.chair)}"},
    )
    assert response.status_code == 409
    assert "2 votes in favour were needed of 2 present and voting" in response.json()["detail"]
    assert Decision.objects.get(symbol="A/AC.291/L.9").votes.count() == 2
