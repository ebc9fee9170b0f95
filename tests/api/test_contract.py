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
        by=world.actors.delegate,
        delegation=world.brazil,
        stance="support",
        sources=[{"symbol": "A/AC.291/CRP.1"}],
        subject=f.on(world.negotiation, "art_1__para_1"),
    )
    object_to_paragraph(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        subject=f.on(world.negotiation, "art_1__para_2"),
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


# --- provisions: stable identities beside eIds (issue 13's contract) -------------------------


def _parts(text):
    for chapter in text["chapters"]:
        yield chapter
        for article in chapter["articles"]:
            yield article
            stack = list(article["paragraphs"])
            while stack:
                paragraph = stack.pop(0)
                yield paragraph
                stack[:0] = paragraph["children"]


def test_every_part_of_a_version_and_of_the_draft_carries_its_provision_beside_its_eid(
    client, world
):
    version = f.make_version(world)
    text = client.get(f"/api/negotiations/test-ahc/versions/{version.pk}").json()
    parts = list(_parts(text))
    assert parts and all(isinstance(p["provision"], int) and p["eid"] for p in parts)
    assert len({p["provision"] for p in parts}) == len(parts)
    token = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    draft = client.get("/api/negotiations/test-ahc/draft", headers=token).json()
    assert [(p["eid"], p["provision"]) for p in _parts(draft)] == [
        (p["eid"], p["provision"]) for p in parts
    ]


def test_rows_and_items_carry_their_provision(client, world):
    f.make_version(world)
    paragraph = f.provision_at(world.negotiation, "art_1__para_1")
    token = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    record_stance(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        stance="support",
        sources=[{"symbol": "A/AC.291/CRP.1"}],
        subject=f.on(world.negotiation, "art_1__para_1"),
    )
    object_to_paragraph(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        subject=f.on(world.negotiation, "art_1__para_1"),
        reason="Too broad.",
    )
    proposed = client.post(
        "/api/negotiations/test-ahc/proposals",
        {"provision": paragraph.pk, "kind": "comment", "text": "A note."},
        content_type="application/json",
        headers=token,
    )
    assert proposed.status_code == 201, proposed.content
    api = "/api/negotiations/test-ahc"
    assert client.get(f"{api}/consensus").json()[0]["provision"] == paragraph.pk
    assert client.get(f"{api}/proposals", headers=token).json()[0]["provision"] == paragraph.pk
    assert client.get(f"{api}/objections").json()[0]["provision"] == paragraph.pk
    assert client.get(f"{api}/stances?delegation=BR").json()[0]["provision"] == paragraph.pk
    assert client.get(f"{api}/red-lines").json() == []  # none yet; red lines: tests/advocacy


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/proposals", {"kind": "comment", "text": "A note."}),
        ("/objections", {"reason": "Too broad."}),
        ("/stances", {"delegation": "BR", "stance": "support", "sources": [{"symbol": "X/1"}]}),
    ],
)
def test_every_endpoint_that_takes_an_eid_also_takes_a_provision(client, world, path, body):
    f.make_version(world)
    paragraph = f.provision_at(world.negotiation, "art_1__para_1")
    headers = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    url = f"/api/negotiations/test-ahc{path}"
    by_eid = client.post(
        url, body | {"eid": "art_1__para_1"}, content_type="application/json", headers=headers
    )
    assert by_eid.status_code == 201, by_eid.content
    if path == "/objections":  # one standing objection each
        client.post(
            f"{url}/{by_eid.json()['id']}/withdraw",
            {},
            content_type="application/json",
            headers=headers,
        )
    by_id = client.post(
        url, body | {"provision": paragraph.pk}, content_type="application/json", headers=headers
    )
    assert by_id.status_code == 201, by_id.content
    assert by_eid.json()["provision"] == by_id.json()["provision"] == paragraph.pk
    document = client.get("/api/openapi.json").json()
    schema = document["paths"][f"/api/negotiations/{{slug}}{path}"]["post"]["requestBody"]
    ref = schema["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert {"eid", "provision"} <= set(document["components"]["schemas"][ref]["properties"])


def test_agreeing_ad_referendum_what_is_still_open_answers_409_naming_it(client, world):
    f.make_version(world, ["Article 1. Purposes", "1. To [prevent / combat] cybercrime."])
    paragraph = f.provision_at(world.negotiation, "art_1__para_1")
    object_to_paragraph(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        subject=f.on(world.negotiation, "art_1__para_1"),
        reason="Too broad.",
    )
    client.post(
        "/api/negotiations/test-ahc/proposals",
        {"provision": paragraph.pk, "kind": "replace", "text": "To end cybercrime."},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.delegate)}"},
    )
    response = client.post(
        "/api/negotiations/test-ahc/paragraphs/status",
        {"provision": paragraph.pk, "status": "agreed_ad_ref"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.chair)}"},
    )
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "Art. 1(1)" in detail and "1 bracket" in detail
    assert "1 open proposal (BR)" in detail and "1 standing objection (KE)" in detail


def test_a_stance_shows_on_its_provision_after_a_renumbering_and_says_where_it_was_made(
    client, world
):
    lines = ["Article 22. Jurisdiction", "1. Territory.", "2. Nationals."]
    f.make_version(world, lines, label="Zero draft")
    record_stance(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        stance="oppose",
        sources=[{"symbol": "A/AC.291/CRP.1"}],
        subject=f.on(world.negotiation, "art_22__para_2"),
    )
    f.make_version(
        world,
        ["Article 17. Jurisdiction", "1. Territory.", "2. Nationals."],
        label="Revised draft",
    )
    (stance,) = client.get("/api/negotiations/test-ahc/stances?delegation=BR").json()
    assert (stance["eid"], stance["label"]) == ("art_17__para_2", "Art. 17(2) — Jurisdiction")
    assert stance["made_on"] == "made on Art. 22(2) of Zero draft"
    row = next(
        r
        for r in client.get("/api/negotiations/test-ahc/consensus").json()
        if r["supporting"] == [] and r["eid"] == "art_17__para_2"
    )
    assert row["provision"] == stance["provision"]
