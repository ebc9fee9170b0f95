"""The public API contract that other tools rely on: paths and field names."""

import json
import urllib.request

import pytest

from plenary.positions.models import Issue
from plenary.positions.services import object_to_paragraph, record_stance
from plenary.process.models import Session
from tests import factories as f


@pytest.fixture
def voted(world):
    return f.make_vote(
        world.negotiation,
        "A/RES/74/247",
        {world.brazil: "yes", world.kenya: "abstain"},
        sources=[{"symbol": "A/RES/74/247"}],
    )


def test_it_lists_negotiations_with_slug_title_and_mandate(client, world):
    body = client.get("/api/negotiations").json()
    assert {"slug": "test-ahc", "mandate": world.negotiation.mandate}.items() <= body[0].items()
    assert body[0]["title"] == world.negotiation.title


def test_it_lists_sessions_with_the_contract_fields(client, world):
    world.open_session.sources = [{"symbol": "A/AC.291/1"}]
    world.open_session.save()
    sessions = client.get("/api/negotiations/test-ahc/sessions").json()
    first = next(s for s in sessions if s["title"] == "First session")
    assert first["kind"] == "substantive" and first["number"] == 1
    assert (first["start"], first["end"]) == ("2022-02-28", "2022-03-11")
    assert first["city"] == "New York" and first["mode"] == "in_person"
    assert first["openness"] == "open" and first["status"] == "scheduled"
    assert first["sources"] == [{"title": None, "symbol": "A/AC.291/1", "url": None}]


def test_an_online_session_has_a_null_city(client, world):
    f.make_session(world.negotiation, kind="regional", number=None, city=None, mode="remote")
    sessions = client.get("/api/negotiations/test-ahc/sessions").json()
    assert [s["city"] for s in sessions if s["kind"] == "regional"] == [None]


def test_closed_sessions_are_listed_to_the_public_as_facts_only(client, world):
    sessions = client.get("/api/negotiations/test-ahc/sessions").json()
    closed = next(s for s in sessions if s["id"] == world.closed_session.pk)
    assert closed["content_withheld"] is True and closed["title"] == "informal consultation"
    assert (closed["start"], closed["openness"]) == (str(world.closed_session.start), "closed")
    assert closed["events"] == [] and "Closed informals" not in str(sessions)
    token = f.token_for(world.delegate)
    seen = client.get(
        "/api/negotiations/test-ahc/sessions", headers={"Authorization": f"Bearer {token}"}
    ).json()
    closed = next(s for s in seen if s["id"] == world.closed_session.pk)
    assert closed["content_withheld"] is False and closed["title"] == "Closed informals"


def test_it_lists_the_roadmap_with_date_and_chapters(client, world):
    roadmap = client.get("/api/negotiations/test-ahc/roadmap").json()
    assert roadmap[0]["date"] == "2022-04-08" and roadmap[0]["chapters"] == ["Criminalization"]


def test_it_lists_delegations_with_name_iso2_kind_and_blocs(client, world):
    rows = client.get("/api/negotiations/test-ahc/delegations").json()
    kenya = next(r for r in rows if r["iso2"] == "KE")
    assert kenya == kenya | {"name": "Kenya", "kind": "member_state", "blocs": ["african-group"]}


def test_it_gives_a_recorded_vote_by_url_encoded_symbol(client, voted):
    body = client.get("/api/votes/A%2FRES%2F74%2F247").json()
    assert body["date"] == "2019-12-27"
    assert body["counts"] == {"yes": 1, "no": 0, "abstain": 1, "absent": 0}
    assert {"iso2": "BR", "name": "Brazil", "vote": "yes"} in body["votes"]
    # One in favour, one abstaining: one present and voting, under the negotiation's two thirds.
    assert body["result"] == {
        "majority": "two_thirds_present_voting",
        "present_and_voting": 1,
        "required": 1,
        "carried": True,
    }


def test_an_unknown_vote_is_a_404_with_a_message(client, world):
    response = client.get("/api/votes/A%2FRES%2F1%2F1")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no recorded decision A/RES/1/1."}


def test_the_openapi_schema_names_the_contract_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/negotiations",
        "/api/negotiations/{slug}/sessions",
        "/api/negotiations/{slug}/roadmap",
        "/api/negotiations/{slug}/delegations",
        "/api/votes/{symbol}",
    ):
        assert path in paths


def test_a_token_holder_creates_a_session_and_it_is_audited(client, world):
    token = f.token_for(world.secretariat)
    response = client.post(
        "/api/negotiations/test-ahc/sessions",
        {
            "kind": "intersessional",
            "number": 1,
            "title": "First intersessional consultation",
            "start": "2022-03-24",
            "end": "2022-03-25",
            "city": "Vienna",
            "mode": "hybrid",
            "openness": "open",
            "sources": [{"url": "https://www.unodc.org/"}],
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201, response.content
    assert response.json()["timezone"] == "Europe/Vienna"
    session = Session.objects.get(title="First intersessional consultation")
    assert session.negotiation.audit_entries.filter(action="session.created").count() == 1


def test_a_revoked_or_wrong_token_is_refused(client, world):
    response = client.get(
        "/api/negotiations/test-ahc/sessions", headers={"Authorization": "Bearer nonsense"}
    )
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_two_editors_of_one_session_the_second_gets_409_and_nothing_is_lost(client, world):
    token = f.token_for(world.secretariat)
    url = f"/api/negotiations/test-ahc/sessions/{world.open_session.pk}"
    auth = {"Authorization": f"Bearer {token}"}
    version = client.get(url).json()["lock_version"]
    first = client.patch(
        url, {"lock_version": version, "title": "Edit A"}, "application/json", headers=auth
    )
    second = client.patch(
        url, {"lock_version": version, "title": "Edit B"}, "application/json", headers=auth
    )
    assert first.status_code == 200 and second.status_code == 409
    assert "changed by someone else" in second.json()["detail"]
    assert client.get(url).json()["title"] == "Edit A"


def test_the_api_answers_over_real_http(live_server, world):
    with urllib.request.urlopen(f"{live_server.url}/api/negotiations") as response:  # noqa: S310
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/json")
        assert json.load(response)[0]["slug"] == "test-ahc"


def test_the_consensus_gives_eid_supporting_objecting_and_status_per_provision(client, world):
    f.make_version(world)
    record_stance(
        world.negotiation,
        by=world.delegate,
        delegation=world.brazil,
        stance="support",
        sources=[{"symbol": "A/AC.291/CRP.1"}],
        eid="art_1__para_1",
    )
    object_to_paragraph(
        world.negotiation,
        by=world.other_delegate,
        delegation=world.kenya,
        eid="art_1__para_2",
        reason="Too broad.",
    )
    rows = client.get("/api/negotiations/test-ahc/consensus").json()
    assert [{k: r[k] for k in ("eid", "supporting", "objecting", "status")} for r in rows] == [
        {"eid": "art_1__para_1", "supporting": ["BR"], "objecting": [], "status": "consensus"},
        {"eid": "art_1__para_2", "supporting": [], "objecting": ["KE"], "status": "blocked"},
    ]


def test_the_issues_give_their_contract_fields(client, world):
    Issue.objects.create(
        negotiation=world.negotiation, slug="scope", title="Scope", illustrative=True
    )
    (issue,) = client.get("/api/negotiations/test-ahc/issues").json()
    assert {
        "slug",
        "title",
        "low",
        "high",
        "eids",
        "status_quo",
        "options",
        "illustrative",
        "forecast",
    } <= issue.keys()
    assert issue["forecast"] is None  # no positions yet


def test_the_analysis_endpoints_give_their_contract_fields(client, db):
    package = client.post(
        "/api/analysis/package-search",
        {
            "issues": [{"id": "scope", "options": ["narrow", "wide"]}],
            "delegations": [
                {
                    "id": "BR",
                    "utility": {"scope": [1.0, 0.2]},
                    "salience": {"scope": 0.7},
                    "reservation": 0.5,
                }
            ],
        },
        content_type="application/json",
    ).json()
    assert package | {"total_utility": 0} == {
        "package": {"scope": "narrow"},
        "accepted_by": ["BR"],
        "objecting": [],
        "consensus": True,
        "total_utility": 0,
        "proven_optimal": True,
    }
    assert package["total_utility"] == pytest.approx(0.7)
    forecast = client.post(
        "/api/analysis/forecast",
        {
            "positions": [{"id": "BR", "position": 40, "salience": 1, "capability": 1}],
            "status_quo": 0,
        },
        content_type="application/json",
    ).json()
    assert {"compromise", "nash", "two_thirds"} <= forecast.keys()
    assert forecast["compromise"] == pytest.approx(40.0)


def test_the_openapi_schema_names_the_positions_and_analysis_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/negotiations/{slug}/consensus",
        "/api/negotiations/{slug}/issues",
        "/api/negotiations/{slug}/stances",
        "/api/negotiations/{slug}/objections",
        "/api/negotiations/{slug}/objections/{objection_id}/withdraw",
        "/api/analysis/package-search",
        "/api/analysis/forecast",
    ):
        assert path in paths
