"""The living text, end to end on the reference scenario and through the API, as the issue that
asked for it describes: the secretariat opens a submission round for one chapter (Jurisdiction),
Brazil and Kenya each submit an Article 22 with different wording, the chair consolidates. Only
that chapter changes; every stance, objection, red line, agenda link and follow stays on its
provision; both wordings survive as attributed alternatives; the chair keeps one, issues the
next version and publishes it; the redline shows exactly that change; the consensus map outside
the chapter is as it was."""

import datetime

import pytest
from django.utils import timezone

from plenary.advocacy.models import RedLine
from plenary.notifications.models import Follow
from plenary.participation.models import AgendaItem
from plenary.positions.models import Objection, Stance
from plenary.process.models import Delegation, Role
from plenary.scenarios.example_positions import load_example_positions
from plenary.scenarios.loader import load_scenario
from tests import factories as f

API = "/api/negotiations/cybercrime-ahc"
BRAZIL = (
    "Article 22. Jurisdiction\n"
    "1. A State Party may also establish its jurisdiction over any such offence when the "
    "offence is committed against a national of that State Party."
)
KENYA = (
    "Article 22. Jurisdiction\n"
    "1. A State Party shall also establish its jurisdiction over any such offence when the "
    "offence is committed by a national of that State Party."
)


@pytest.fixture
def ahc(db):
    negotiation = load_scenario("cybercrime-ahc")
    # Positions on the paragraphs, which the record itself does not state.
    load_example_positions(negotiation)
    people = {
        "secretariat": f.make_user("e2e-secretariat", Role.SECRETARIAT),
        "chair": f.make_user("e2e-chair", Role.CHAIR),
        "BR": f.make_user(
            "e2e-br",
            Role.DELEGATION,
            delegation=Delegation.objects.get(negotiation=negotiation, iso2="BR"),
        ),
        "KE": f.make_user(
            "e2e-ke",
            Role.DELEGATION,
            delegation=Delegation.objects.get(negotiation=negotiation, iso2="KE"),
        ),
        "reader": f.make_user(
            "e2e-reader", Role.STAKEHOLDER, organization=f.make_organization(slug="e2e-readers")
        ),
    }
    negotiation.people = {
        name: {"Authorization": f"Bearer {f.token_for(user)}"} for name, user in people.items()
    }
    return negotiation


def post(client, ahc, who, path, body):
    response = client.post(
        f"{API}{path}", body, content_type="application/json", headers=ahc.people[who]
    )
    assert response.status_code in {200, 201}, (path, response.status_code, response.content)
    return response.json()


def chapters_by_title(text):
    return {chapter["title"]: chapter for chapter in text["chapters"]}


def references():
    """Where every record that points at the text points."""
    return {
        "stances": sorted(Stance.objects.exclude(provision=None).values_list("pk", "provision")),
        "objections": sorted(
            Objection.objects.exclude(provision=None).values_list("pk", "provision")
        ),
        "red lines": sorted(RedLine.provisions.through.objects.values_list("redline", "provision")),
        "agenda": sorted(
            AgendaItem.provisions.through.objects.values_list("agendaitem", "provision")
        ),
        "follows": sorted(Follow.objects.values_list("pk", "provision")),
    }


def test_a_one_chapter_consolidation_and_the_chairs_next_version(client, ahc):
    latest = ahc.versions.order_by("-position").first()
    before = client.get(f"{API}/versions/{latest.pk}").json()
    interception = chapters_by_title(before)["Criminalization"]["articles"][1]
    assert interception["title"] == "Illegal interception"
    # A reader follows "Illegal interception" by its eId; the follow is of the provision.
    followed = post(
        client, ahc, "reader", "/follows", {"kind": "article", "key": interception["eid"]}
    )
    map_before = {r["provision"]: r for r in client.get(f"{API}/consensus").json()}
    pointing = references()
    assert pointing["stances"] and pointing["red lines"] and pointing["agenda"]

    # The secretariat opens a round for one chapter; Brazil and Kenya submit.
    deadline = post(
        client,
        ahc,
        "secretariat",
        "/roadmap",
        {
            "date": str(timezone.localdate() + datetime.timedelta(days=30)),
            "chapters": ["Jurisdiction"],
        },
    )
    for who, text in (("BR", BRAZIL), ("KE", KENYA)):
        post(
            client,
            ahc,
            who,
            f"/roadmap/{deadline['id']}/submissions",
            {"chapter": "Jurisdiction", "text": text},
        )
    article_22 = chapters_by_title(before)["Jurisdiction"]["articles"][0]
    plan = client.get(
        f"{API}/roadmap/{deadline['id']}/consolidation?chapter=Jurisdiction",
        headers=ahc.people["secretariat"],
    ).json()
    assert plan == [
        {
            "title": "Jurisdiction",
            "paragraphs": 1,
            "sponsors": ["BR", "KE"],
            "match": article_22["provision"],
        }
    ]
    consolidated = post(
        client,
        ahc,
        "chair",
        f"/roadmap/{deadline['id']}/consolidate",
        {"chapter": "Jurisdiction", "label": "Rev.1", "date": "2024-02-01"},
    )
    rev1 = client.get(f"{API}/versions/{consolidated['id']}", headers=ahc.people["BR"]).json()

    # Only the Jurisdiction chapter changed: every other chapter is the same, numbers, eIds and
    # provisions included.
    old, new = chapters_by_title(before), chapters_by_title(rev1)
    assert [c["title"] for c in rev1["chapters"]] == [c["title"] for c in before["chapters"]]
    for title in old:
        if title != "Jurisdiction":
            assert new[title] == old[title], title
    assert rev1["preamble"] == before["preamble"]
    # Article 22 keeps its provision and number; what no submission addressed stays; both
    # wordings survive as alternatives, each with its sponsor.
    (article,) = new["Jurisdiction"]["articles"]
    assert (article["provision"], article["number"]) == (article_22["provision"], "22")
    territory, nationals = article["paragraphs"]
    assert territory == article_22["paragraphs"][0]
    assert nationals["attribution"] == ["BR", "KE"]
    assert nationals["alternatives"] == [[BRAZIL.split("1. ")[1], KENYA.split("1. ")[1]]]
    assert [s.get("sponsors") for s in nationals["segments"]] == [[["BR"], ["KE"]]]
    # Nothing that pointed at the text moved.
    assert references() == pointing
    following = client.get(f"{API}/follows", headers=ahc.people["reader"]).json()
    assert [(x["kind"], x["provision"]) for x in following] == [("article", followed["provision"])]

    # The chair keeps Kenya's wording, issues the next version and publishes it.
    post(
        client,
        ahc,
        "chair",
        "/draft/choose",
        {
            "provision": nationals["provision"],
            "bracket": 0,
            "alternative": 1,
            "reason": "Agreed in informals.",
        },
    )
    rev2 = post(client, ahc, "chair", "/draft/issue", {"label": "Rev.2", "date": "2024-02-09"})
    assert not rev2["published"]
    post(client, ahc, "secretariat", f"/versions/{consolidated['id']}/publish", {})
    post(client, ahc, "secretariat", f"/versions/{rev2['id']}/publish", {})

    # The redline from Rev.1 to Rev.2 shows exactly that change.
    changes = client.get(f"{API}/compare?from={consolidated['id']}&to={rev2['id']}").json()
    assert [(c["provision"], c["change"]) for c in changes] == [(nationals["provision"], "changed")]
    runs = changes[0]["runs"]
    assert "".join(r["text"] for r in runs if r["op"] != "delete") == KENYA.split("1. ")[1]
    changes_log = client.get(f"{API}/draft/changes?issued=true", headers=ahc.people["BR"]).json()
    assert [(c["kind"], c["provision"], c["issued_in"]) for c in changes_log] == [
        ("alternative_chosen", nationals["provision"], rev2["id"])
    ]

    # The public consensus map is the same outside the chapter.
    map_after = {r["provision"]: r for r in client.get(f"{API}/consensus").json()}
    jurisdiction = {p["provision"] for p in article["paragraphs"]}
    assert {k: v for k, v in map_after.items() if k not in jurisdiction} == {
        k: v for k, v in map_before.items() if k not in jurisdiction
    }
    assert references() == pointing


def test_a_provision_deleted_keeps_its_history_and_its_open_proposals_are_closed(client, ahc):
    latest = ahc.versions.order_by("-position").first()
    text = client.get(f"{API}/versions/{latest.pk}").json()
    territory = chapters_by_title(text)["Jurisdiction"]["articles"][0]["paragraphs"][0]
    proposal = post(
        client,
        ahc,
        "BR",
        "/proposals",
        {
            "provision": territory["provision"],
            "kind": "replace",
            "text": "Each State Party shall establish its jurisdiction.",
        },
    )
    post(
        client,
        ahc,
        "chair",
        "/draft/delete",
        {"provision": territory["provision"], "reason": "Merged into Article 23."},
    )
    proposals = {
        p["id"]: p for p in client.get(f"{API}/proposals", headers=ahc.people["BR"]).json()
    }
    assert proposals[proposal["id"]] | {"label": ""} == proposals[proposal["id"]] | {
        "status": "closed",
        "closed_because": "provision_deleted",
        "label": "",
    }
    assert "(deleted)" in proposals[proposal["id"]]["label"]
    # Nothing no one can see blocks adoption.
    blockers = client.get(f"{API}/adoption/blockers", headers=ahc.people["chair"]).json()
    assert territory["provision"] not in {b["provision"] for b in blockers}
