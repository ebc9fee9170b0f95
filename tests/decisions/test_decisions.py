"""Recording decisions: who may, what is refused, and whether a recorded vote carried under the
rule that applies (the negotiation's two thirds, or the decision's own majority)."""

import datetime

import pytest

from plenary.decisions.models import Decision, VoteCast
from plenary.decisions.services import record_decision, vote_counts, vote_result
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotSignedIn
from plenary.process.actors import PUBLIC
from plenary.text.models import Package, PackageStatus
from plenary.text.services.packages import put_package_to_vote
from tests import factories as f

DATE = datetime.date(2024, 8, 8)


@pytest.fixture
def states(world):
    """Six member states: Brazil, Kenya and four more."""
    more = [
        f.make_delegation(world.negotiation, iso2, name)
        for iso2, name in (
            ("AR", "Argentina"),
            ("IS", "Iceland"),
            ("JP", "Japan"),
            ("NG", "Nigeria"),
        )
    ]
    world.states = [world.brazil, world.kenya, *more]
    return world


def roll_call(world, *votes):
    return dict(zip(world.states, votes, strict=False))


def decide(world, **changes):
    fields = {
        "by": world.actors.secretariat,
        "symbol": "A/AC.291/L.1",
        "body": "Ad Hoc Committee",
        "title": "A decision",
        "date": DATE,
        "method": "recorded_vote",
        "votes": roll_call(world, "yes", "yes", "no"),
    } | changes
    return record_decision(world.negotiation, **fields)


def test_the_secretariat_and_the_chair_record_decisions_and_nobody_else(states):
    with pytest.raises(NotAllowed, match="secretariat or the chair"):
        decide(states, by=states.actors.delegate)
    with pytest.raises(NotAllowed):
        decide(states, by=states.actors.stakeholder)
    with pytest.raises(NotSignedIn):
        decide(states, by=PUBLIC)
    assert not Decision.objects.exists()
    assert decide(states, by=states.actors.chair).symbol == "A/AC.291/L.1"
    assert decide(states, symbol="A/AC.291/L.2").symbol == "A/AC.291/L.2"
    entry = states.negotiation.audit_entries.get(target_repr="A/AC.291/L.1")
    assert entry.action == "decision.recorded" and entry.actor == states.chair
    assert entry.after["counts"] == {"yes": 2, "no": 1, "abstain": 0, "absent": 0}


@pytest.mark.parametrize(
    ("votes", "counts", "required", "carried"),
    [
        # Two thirds of those present and voting: 2 of 3 is exactly two thirds.
        (("yes", "yes", "no"), (2, 1, 0), 2, True),
        (("yes", "no"), (1, 1, 0), 2, False),
        # Abstentions and absences are not voting: 2 yes to 1 no still carries.
        (("yes", "yes", "no", "abstain", "abstain", "absent"), (2, 1, 2), 2, True),
        (("yes", "yes", "no", "no"), (2, 2, 0), 3, False),
        # Nobody present and voting carries nothing.
        (("abstain", "absent"), (0, 0, 1), 1, False),
    ],
)
def test_a_recorded_vote_applies_the_negotiations_two_thirds(
    states, votes, counts, required, carried
):
    decision = decide(states, votes=roll_call(states, *votes))
    recorded = vote_counts(decision)
    assert (recorded["yes"], recorded["no"], recorded["abstain"]) == counts
    result = vote_result(decision)
    assert result is not None
    assert (result.required, result.carried) == (required, carried)
    assert decision.votes.count() == len(votes)


def test_a_decision_may_name_its_own_simple_majority(states):
    votes = roll_call(states, "yes", "yes", "yes", "no", "no")
    two_thirds = vote_result(decide(states, votes=votes))
    simple = vote_result(
        decide(states, symbol="A/RES/2", votes=votes, majority="simple_majority_present_voting")
    )
    assert two_thirds is not None and simple is not None
    # 3 of 5 falls short of two thirds (4 needed) but is more than half (3 needed).
    assert (two_thirds.required, two_thirds.carried) == (4, False)
    assert (simple.required, simple.carried) == (3, True)


def test_a_decision_without_a_vote_has_no_result(states):
    decision = decide(states, method="consensus", votes=None)
    assert vote_result(decision) is None and not decision.votes.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"majority": "unanimity"}, "Majority must be one of"),
        ({"method": "acclamation"}, "Method must be one of"),
        ({"symbol": "  "}, "needs its symbol"),
        ({"symbol": "A/" + "1" * 60}, "at most 60 characters"),
        ({"title": ""}, "needs its title"),
        ({"body": "B" * 201}, "at most 200 characters"),
        ({"votes": {}}, "needs the vote of each state"),
        ({"method": "consensus"}, "Only a recorded vote lists votes"),
    ],
)
def test_a_bad_decision_says_why_and_writes_nothing(states, changes, message):
    with pytest.raises(InvalidInput, match=message):
        decide(states, **changes)
    assert not Decision.objects.exists() and not VoteCast.objects.exists()


def test_a_vote_is_yes_no_abstain_or_absent_by_this_negotiations_member_states(states):
    with pytest.raises(InvalidInput, match="not yes, no, abstain or absent"):
        decide(states, votes=roll_call(states, "yes", "perhaps"))
    with pytest.raises(InvalidInput, match="only member states vote"):
        decide(states, votes={states.brazil: "yes", states.holy_see: "yes"})
    elsewhere = f.make_delegation(f.make_negotiation(slug="other"), "FR", "France")
    with pytest.raises(InvalidInput, match="not a delegation of this negotiation"):
        decide(states, votes={states.brazil: "yes", elsewhere: "yes"})
    assert not Decision.objects.exists()


def test_a_symbol_is_recorded_once(states):
    decide(states)
    with pytest.raises(Conflict, match="already recorded"):
        decide(states, votes=roll_call(states, "no", "no", "no"))
    assert Decision.objects.count() == 1 and VoteCast.objects.count() == 3


@pytest.fixture
def package(states):
    from tests.factories import provision_at

    f.make_version(states)
    package = Package.objects.create(negotiation=states.negotiation, title="Scope")
    package.provisions.set(
        [provision_at(states.negotiation, eid) for eid in ("art_1__para_1", "art_1__para_2")]
    )
    return package


def test_a_package_put_to_a_vote_is_rejected_when_the_vote_does_not_carry(states, package):
    decision = put_package_to_vote(
        package,
        by=states.actors.chair,
        symbol="A/AC.291/L.7",
        date=DATE,
        votes=roll_call(states, "yes", "yes", "no", "no"),
    )
    package.refresh_from_db()
    assert package.status == PackageStatus.REJECTED
    assert decision.title == "Package: Scope" and vote_counts(decision)["no"] == 2
    entry = states.negotiation.audit_entries.get(action="package.rejected")
    assert entry.note == "A/AC.291/L.7"  # the vote's symbol


def test_a_package_put_to_a_vote_is_accepted_when_two_thirds_vote_for_it(states, package):
    put_package_to_vote(
        package,
        by=states.actors.chair,
        symbol="A/AC.291/L.8",
        date=DATE,
        votes=roll_call(states, "yes", "yes", "no", "abstain"),
    )
    package.refresh_from_db()
    assert package.status == PackageStatus.ACCEPTED


def test_only_the_chair_puts_a_package_to_a_vote_and_only_once(states, package):
    votes = roll_call(states, "yes", "yes", "yes")
    with pytest.raises(NotAllowed, match="Only the chair"):
        put_package_to_vote(
            package, by=states.actors.secretariat, symbol="L.9", date=DATE, votes=votes
        )
    put_package_to_vote(package, by=states.actors.chair, symbol="L.9", date=DATE, votes=votes)
    with pytest.raises(Conflict, match="already accepted"):
        put_package_to_vote(package, by=states.actors.chair, symbol="L.10", date=DATE, votes=votes)
    assert list(Decision.objects.values_list("symbol", flat=True)) == ["L.9"]


def test_the_chair_puts_a_package_to_a_vote_through_the_api(client, states, package):
    token = f.token_for(states.chair)
    url = f"/api/negotiations/test-ahc/packages/{package.pk}/vote"
    body = {
        "symbol": "A/AC.291/L.11",
        "date": "2024-08-08",
        "votes": [{"iso2": c, "vote": "yes"} for c in ("BR", "KE", "AR")]
        + [{"iso2": "IS", "vote": "no"}],
    }
    headers = {"Authorization": f"Bearer {token}"}
    response = client.post(url, body, content_type="application/json", headers=headers)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "accepted"
    counts = client.get("/api/votes/A%2FAC.291%2FL.11").json()["counts"]
    assert (counts["yes"], counts["no"]) == (3, 1)

    unknown = body | {"symbol": "A/AC.291/L.12", "votes": [{"iso2": "ZZ", "vote": "yes"}]}
    response = client.post(url, unknown, content_type="application/json", headers=headers)
    assert response.status_code == 400 and "ZZ" in response.json()["detail"]
