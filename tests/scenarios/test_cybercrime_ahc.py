"""The reference scenario: the true record, loaded idempotently and atomically."""

import datetime

import pytest

from plenary.decisions.models import Decision, VoteCast
from plenary.decisions.services import vote_counts, vote_result
from plenary.positions.models import Issue, Objection, Stance
from plenary.process.models import Delegation, Negotiation, Session
from plenary.scenarios import loader
from plenary.scenarios.loader import ScenarioError, load_scenario
from plenary.text.models import Version
from plenary.text.structure import open_brackets

D = datetime.date


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Negotiation,
            Session,
            Delegation,
            Decision,
            VoteCast,
            Version,
            Issue,
            Stance,
            Objection,
        )
    }


def test_it_loads_twice_without_duplicates(ahc):
    first = counts()
    load_scenario("cybercrime-ahc")
    assert counts() == first


def test_the_recorded_vote_on_74_247_is_79_60_33(ahc):
    decision = Decision.objects.get(symbol="A/RES/74/247")
    assert decision.date == D(2019, 12, 27)
    assert vote_counts(decision) == {"yes": 79, "no": 60, "abstain": 33, "absent": 21}
    assert decision.votes.get(delegation__iso2="RS").vote == "yes"  # coded YU in the source


def test_the_mandate_carried_by_a_simple_majority_of_those_voting(ahc, client):
    result = vote_result(Decision.objects.get(symbol="A/RES/74/247"))
    assert (result.present_and_voting, result.required, result.carried) == (139, 70, True)
    page = client.get("/votes/A/RES/74/247/").content.decode()
    assert "simple majority of members present and voting" in page
    assert "Present and voting: 139 (79 in favour, 60 against). Votes in favour needed: 70." in page
    assert "Carried." in page


def test_it_holds_all_193_member_states_two_observers_and_the_eu(ahc):
    by_kind = {
        kind: ahc.delegations.filter(kind=kind).count()
        for kind in ("member_state", "observer_state", "reio")
    }
    assert by_kind == {"member_state": 193, "observer_state": 2, "reio": 1}
    assert ahc.blocs.get(slug="eu").members.count() == 27


def test_the_sessions_have_their_true_dates_and_places(ahc):
    real = ahc.sessions.filter(illustrative=False)
    assert {(s.kind, s.number, s.start, s.end, s.city) for s in real} >= {
        ("organizational", None, D(2021, 5, 10), D(2021, 5, 12), "New York"),
        ("organizational", None, D(2022, 2, 24), D(2022, 2, 24), "New York"),
        ("substantive", 1, D(2022, 2, 28), D(2022, 3, 11), "New York"),
        ("substantive", 2, D(2022, 5, 30), D(2022, 6, 10), "Vienna"),
        ("substantive", 3, D(2022, 8, 29), D(2022, 9, 9), "New York"),
        ("substantive", 4, D(2023, 1, 9), D(2023, 1, 20), "Vienna"),
        ("substantive", 5, D(2023, 4, 11), D(2023, 4, 21), "Vienna"),
        ("substantive", 6, D(2023, 8, 21), D(2023, 9, 1), "New York"),
        ("concluding", None, D(2024, 1, 29), D(2024, 2, 9), "New York"),
        ("resumed", None, D(2024, 7, 29), D(2024, 8, 9), "New York"),
    }
    intersessional = real.filter(kind="intersessional").values_list("start", flat=True)
    assert list(intersessional) == [
        D(2022, 3, 24),
        D(2022, 6, 13),
        D(2022, 11, 3),
        D(2023, 3, 6),
        D(2023, 6, 20),
    ]


def test_the_concluding_session_was_suspended_and_reconvened(ahc):
    concluding = ahc.sessions.get(kind="concluding")
    assert concluding.status == "suspended"
    assert [e.kind for e in concluding.events.all()] == ["suspended", "reconvened"]
    assert concluding.resumptions.get().start == D(2024, 7, 29)


def test_the_roadmap_of_the_first_session(ahc):
    roadmap = {d.date: d.chapters for d in ahc.roadmap.all()}
    assert roadmap[D(2022, 4, 8)] == [
        "Criminalization",
        "General provisions",
        "Procedural measures and law enforcement",
    ]
    assert "Preamble" in roadmap[D(2022, 7, 1)]
    assert {d.set_at.number for d in ahc.roadmap.all()} == {1}


def test_every_fact_has_a_source_and_the_rest_is_illustrative(ahc):
    for model in (Session, Decision, Delegation):
        for row in model.objects.all():
            assert row.sources or row.illustrative, f"{model.__name__} {row} has no source"
    assert all(o.illustrative for o in ahc.accreditation_requests.all())
    assert not ahc.sessions.filter(kind="informal", illustrative=False).exists()


def test_a_failure_halfway_leaves_nothing_written(db, monkeypatch):
    def broken(*args, **kwargs):
        raise ScenarioError("disk on fire")

    monkeypatch.setattr(loader, "_roadmap", broken)
    with pytest.raises(ScenarioError):
        load_scenario("cybercrime-ahc")
    assert counts() == dict.fromkeys(counts(), 0)


def test_an_unknown_scenario_is_named_in_the_error(db):
    with pytest.raises(ScenarioError, match="available: cybercrime-ahc"):
        load_scenario("nope")


def test_a_fact_without_a_source_is_refused():
    with pytest.raises(ScenarioError, match="no source"):
        loader._sourced({"title": "x"}, "Session x")
    assert loader._sourced({"illustrative": True}, "Session x")["illustrative"] is True


def test_the_member_states_come_from_the_dataset_with_its_source(ahc):
    brazil = ahc.delegations.get(iso2="BR")
    assert "UNTERM" in brazil.sources[0]["title"]
    assert brazil.region == "Americas"


def test_the_bureau_as_elected_on_10_may_2021(ahc):
    bureau = {(m.role, m.delegation.iso2) for m in ahc.bureau.select_related("delegation")}
    assert ("chair", "DZ") in bureau and ("rapporteur", "ID") in bureau
    assert sum(role == "vice_chair" for role, _ in bureau) == 13


def test_the_organizational_session_shows_both_postponements(ahc):
    organizational = ahc.sessions.get(kind="organizational", start=D(2021, 5, 10))
    assert [(e.kind, e.date) for e in organizational.events.all()] == [
        ("postponed", D(2020, 8, 14)),
        ("postponed", D(2021, 1, 15)),
    ]
    assert Decision.objects.get(symbol="74/567").date == D(2020, 8, 14)


def test_a_format_the_record_does_not_state_is_not_guessed(ahc):
    assert ahc.sessions.get(number=3, kind="substantive").mode == "hybrid"
    assert ahc.sessions.get(number=4, kind="substantive").mode == "not_recorded"


def test_the_example_versions_are_illustrative_and_resolve_brackets(ahc):
    zero, revised = ahc.versions.order_by("position")
    assert zero.illustrative and revised.illustrative and zero.published
    assert len(zero.content["chapters"]) == 9
    assert open_brackets(zero.content) > open_brackets(revised.content) > 0


def test_each_states_vote_on_74_247_is_its_sourced_stance_on_the_mandate(ahc):
    stances = Stance.objects.filter(issue__slug="mandate")
    assert stances.filter(stance="support").count() == 79
    assert stances.filter(stance="oppose").count() == 60
    assert stances.filter(stance="reservation").count() == 33
    assert not stances.filter(illustrative=True).exists()
    assert all(s.sources[0]["symbol"] == "A/RES/74/247" for s in stances)
    assert stances.get(delegation__iso2="BR").stance == "reservation"  # Brazil abstained
    assert stances.get(delegation__iso2="RU").stance == "support"
    assert stances.get(delegation__iso2="US").stance == "oppose"


def test_the_positions_are_those_the_record_states_with_source_and_date(ahc):
    assert not Stance.objects.filter(illustrative=True).exists()
    assert not Objection.objects.exists()
    assert not Issue.objects.filter(illustrative=True).exists()
    others = Stance.objects.exclude(issue__slug="mandate").select_related("delegation", "issue")
    assert all(s.sources and s.stated_on for s in others)
    threshold = {s.delegation.iso2: s for s in others if s.issue.slug == "threshold"}
    assert (threshold["MX"].stance, threshold["MX"].position) == ("support", 100.0)
    assert (threshold["RU"].stance, threshold["RU"].position) == ("oppose", 0.0)
    assert threshold["MX"].stated_on == D(2024, 8, 1)
    assert {s.issue.slug for s in others} == {"threshold", "safeguards"}


def test_the_example_positions_are_for_tests_only_and_illustrative(ahc):
    from plenary.scenarios.example_positions import load_example_positions

    issues = load_example_positions(ahc)
    assert all(i.illustrative and i.slug.startswith("example-") for i in issues)
    made = Stance.objects.filter(issue__in=issues)
    assert made.exists() and not made.filter(illustrative=False).exists()
    before = Stance.objects.count()
    load_example_positions(ahc)
    assert Stance.objects.count() == before
