"""The participation API: the same rules as the pages, errors as {"detail": ...}."""

import datetime
import json

import pytest
from django.utils import timezone

from plenary.participation.models import FloorStatus
from tests import factories as f
from tests.participation.factories import (
    accredit,
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db


def call(client, method, url, user=None, data=None):
    headers = {"Authorization": f"Bearer {f.token_for(user)}"} if user else {}
    return client.generic(
        method,
        url,
        json.dumps(data) if data is not None else "",
        "application/json",
        headers=headers,
    )


@pytest.fixture
def item(world):
    return make_agenda_item(make_upcoming_session(world.negotiation), title="Criminalization")


def base(item):
    return f"/api/negotiations/test-ahc/sessions/{item.session_id}"


def test_it_lists_the_speakers_in_order_with_the_floor_and_time(client, world, item):
    accredit(world.negotiation, world.organization)
    call(client, "POST", f"{base(item)}/agenda/{item.pk}/speakers", world.stakeholder, {})
    call(client, "POST", f"{base(item)}/agenda/{item.pk}/speakers", world.observer_delegate, {})
    response = call(
        client,
        "POST",
        f"{base(item)}/agenda/{item.pk}/speakers",
        world.other_delegate,
        {"on_behalf_of": "african-group"},
    )
    assert response.status_code == 201
    assert response.json()["place"] == 1
    call(client, "POST", f"{base(item)}/agenda/{item.pk}/speakers/next", world.chair)

    listed = client.get(f"{base(item)}/agenda/{item.pk}/speakers").json()
    assert [(s["speaker"], s["status"], s["speaking_seconds"]) for s in listed] == [
        ("Kenya (on behalf of African Group)", "speaking", 300),
        ("Holy See", "waiting", 180),
        ("Digital Rights Network", "waiting", 180),
    ]


def test_it_answers_refusals_with_a_sentence(client, world, item):
    response = call(
        client, "POST", f"{base(item)}/agenda/{item.pk}/speakers", world.stakeholder, {}
    )
    assert response.status_code == 403
    assert "not accredited" in response.json()["detail"]
    response = call(client, "POST", f"{base(item)}/agenda/{item.pk}/speakers/next", world.delegate)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the chair can give the floor."


def test_it_lets_the_chair_order_the_list(client, world, item):
    brazil = make_speaker(item, delegation=world.brazil)
    kenya = make_speaker(item, delegation=world.kenya)
    response = call(
        client,
        "POST",
        f"{base(item)}/agenda/{item.pk}/speakers/order",
        world.chair,
        {"order": [kenya.pk, brazil.pk]},
    )
    assert [(s["speaker"], s["ordered_by_chair"]) for s in response.json()] == [
        ("Kenya", True),
        ("Brazil", True),
    ]


def test_it_registers_and_shows_each_their_own_registrations(client, world, item):
    response = call(
        client,
        "POST",
        f"{base(item)}/registrations",
        world.delegate,
        {"name": "Ana Souza", "attendance": "in_person"},
    )
    assert response.status_code == 201
    assert response.json()["delegation"] == "Brazil"
    assert len(call(client, "GET", f"{base(item)}/registrations", world.secretariat).json()) == 1
    assert call(client, "GET", f"{base(item)}/registrations", world.other_delegate).json() == []
    assert call(client, "GET", f"{base(item)}/registrations").status_code == 401


def test_it_hides_closed_sessions_from_stakeholders_and_the_public(client, world):
    closed = make_agenda_item(world.closed_session)
    url = f"/api/negotiations/test-ahc/sessions/{world.closed_session.pk}/agenda"
    assert client.get(url).status_code == 404
    assert call(client, "GET", url, world.stakeholder).status_code == 404
    assert call(client, "GET", f"{url}/{closed.pk}/speakers", world.stakeholder).status_code == 404
    assert [i["id"] for i in call(client, "GET", url, world.delegate).json()] == [closed.pk]


def test_it_publishes_a_statement_and_a_written_contribution(client, world, item):
    publish_text(world)
    chapter, paragraph = parts(world.negotiation, ["chp_2", "art_7__para_1"])
    item.provisions.set([chapter])
    entry = make_speaker(item, delegation=world.brazil, status=FloorStatus.SPOKE)
    response = call(
        client,
        "POST",
        f"{base(item)}/agenda/{item.pk}/speakers/{entry.pk}/statement",
        world.secretariat,
        {"text": "Brazil's statement.", "eids": ["art_7__para_1"]},
    )
    assert response.status_code == 201
    call(
        client,
        "POST",
        f"{base(item)}/agenda/{item.pk}/interventions",
        world.other_delegate,
        {"text": "Kenya's written contribution."},
    )
    listed = client.get(f"{base(item)}/agenda/{item.pk}/interventions").json()
    assert [(i["kind"], i["author"], i["eids"], i["provisions"]) for i in listed] == [
        ("oral", "Brazil", ["art_7__para_1"], [paragraph.pk]),
        ("written", "Kenya", ["chp_2"], [chapter.pk]),
    ]
    # A tool may name the parts by their ids.
    by_id = call(
        client,
        "POST",
        f"{base(item)}/agenda/{item.pk}/interventions",
        world.delegate,
        {"text": "Brazil's written contribution.", "provisions": [paragraph.pk]},
    )
    assert by_id.status_code == 201
    assert (by_id.json()["provisions"], by_id.json()["eids"]) == ([paragraph.pk], ["art_7__para_1"])


def test_it_sets_the_arrangements_with_optimistic_locking(client, world, item):
    url = f"{base(item)}/arrangements"
    assert client.get(url).json()["advance_notice_hours"] == 48
    changed = call(client, "PUT", url, world.chair, {"advance_notice_hours": 72}).json()
    assert changed["advance_notice_hours"] == 72
    stale = call(client, "PUT", url, world.chair, {"lock_version": 1, "bloc_seconds": 60})
    assert stale.status_code == 409
    assert "detail" in stale.json()


def test_an_hour_with_an_offset_is_refused_and_hours_are_local_in_the_schema(client, world, item):
    url = f"{base(item)}/arrangements"
    refused = call(client, "PUT", url, world.chair, {"closes_at": "16:21:24+00:52"})
    assert refused.status_code == 400
    assert "without an offset" in refused.json()["detail"]
    assert client.get(url).json()["closes_at"] == "18:00:00"
    schema = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["ArrangementsOut"]["properties"]["opens_at"]["format"] == "partial-time"


def test_it_lets_the_chair_run_the_floor_and_a_speaker_withdraw(client, world, item):
    publish_text(world)
    url = f"{base(item)}/agenda/{item.pk}"
    brazil = call(client, "POST", f"{url}/speakers", world.delegate, {}).json()
    assert call(client, "POST", f"{url}/open", world.delegate).status_code == 403
    opened = call(client, "POST", f"{url}/open", world.chair).json()
    assert opened["status"] == "open" and opened["opened_at"]
    first, second = parts(world.negotiation, ["art_7__para_1", "art_7__para_2"])
    named = call(
        client,
        "PUT",
        f"{url}/under-discussion",
        world.chair,
        {"eid": "art_7__para_1", "lock_version": opened["lock_version"]},
    )
    assert (named.json()["under_discussion"], named.json()["under_discussion_provision"]) == (
        "art_7__para_1",
        first.pk,
    )
    stale = call(
        client, "PUT", f"{url}/under-discussion", world.chair, {"eid": "", "lock_version": 1}
    )
    assert stale.status_code == 409
    unknown = call(client, "PUT", f"{url}/under-discussion", world.chair, {"eid": "art_99"})
    assert unknown.status_code == 400 and "art_99" in unknown.json()["detail"]
    by_id = call(client, "PUT", f"{url}/under-discussion", world.chair, {"provision": second.pk})
    assert by_id.json()["under_discussion"] == "art_7__para_2"
    listed = client.get(f"{base(item)}/agenda").json()
    assert (
        listed[0]["status"],
        listed[0]["under_discussion"],
        listed[0]["under_discussion_provision"],
    ) == ("open", "art_7__para_2", second.pk)

    withdrawn = call(client, "POST", f"{url}/speakers/{brazil['id']}/withdraw", world.delegate)
    assert withdrawn.json()["status"] == "withdrawn"
    assert client.get(f"{url}/speakers").json() == []
    closed = call(client, "POST", f"{url}/close", world.chair).json()
    assert (closed["status"], closed["under_discussion"]) == ("closed", "")
    refused = call(client, "POST", f"{url}/speakers", world.delegate, {})
    assert refused.status_code == 409 and "closed" in refused.json()["detail"]


def test_it_refuses_eids_that_are_not_in_the_text_one_may_see(client, world, item):
    url = f"{base(item)}/agenda"
    no_text = call(
        client, "POST", url, world.chair, {"number": 50, "title": "T", "eids": ["art_7"]}
    )
    assert no_text.status_code == 400 and "art_7" in no_text.json()["detail"]
    publish_text(world)
    publish_text(
        world,
        lines=["Article 9. Data interference", "1. Informal wording."],
        published=False,
        label="Informal",
    )
    (informal,) = parts(world.negotiation, ["art_9"])
    # The chair sees the informal draft, but this session is open to the public: its items name
    # the published text only, whether the part is named by its eId or by its id.
    for named in ({"eids": ["art_9"]}, {"provisions": [informal.pk]}):
        made = call(client, "POST", url, world.chair, {"number": 51, "title": "T"} | named)
        assert made.status_code == 400
        assert "latest published version" in made.json()["detail"]
    assert [i["number"] for i in client.get(url).json()] == [item.number]
    # The closed informals may take it up.
    closed = f"/api/negotiations/test-ahc/sessions/{world.closed_session.pk}/agenda"
    made = call(
        client, "POST", closed, world.chair, {"number": 51, "title": "T", "eids": ["art_9"]}
    )
    assert (made.status_code, made.json()["provisions"]) == (201, [informal.pk])
    accredit(world.negotiation, world.organization)
    written = f"{url}/{item.pk}/interventions"
    # A stakeholder does not see the informal draft: its article is unknown to them, by eId or id.
    for named in ({"eids": ["art_9"]}, {"provisions": [informal.pk]}):
        leak = call(client, "POST", written, world.stakeholder, {"text": "x"} | named)
        assert leak.status_code == 400
        assert "There is no provision" in leak.json()["detail"]
        assert "Informal" not in leak.json()["detail"]
    fine = call(client, "POST", written, world.stakeholder, {"text": "x", "eids": ["art_7"]})
    assert fine.status_code == 201
    assert fine.json()["eids"] == ["art_7"]


def test_the_lists_cost_the_same_queries_however_many_items_and_interventions(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from plenary.participation.services.interventions import submit_written_contribution

    publish_text(world)
    session = make_upcoming_session(world.negotiation)
    base = f"/api/negotiations/test-ahc/sessions/{session.pk}/agenda"

    def add(number):
        item = make_agenda_item(
            session,
            number=number,
            eids=["chp_2", "art_7__para_1"],
            scheduled_at=timezone.now() + datetime.timedelta(days=30, hours=number),
        )
        submit_written_contribution(
            item,
            by=world.actors.delegate,
            delegation=world.brazil,
            text="Brazil's view.",
            provisions=parts(world.negotiation, ["art_7__para_2"]),
        )
        return item

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            listed = client.get(url).json()
        assert listed and all(row["eids"] for row in listed)
        return len(captured)

    first = add(1)
    agenda, interventions = queries(base), queries(f"{base}/{first.pk}/interventions")
    for number in range(2, 6):
        add(number)
        submit_written_contribution(
            first, by=world.actors.other_delegate, delegation=world.kenya, text="Kenya's view."
        )
    assert queries(base) == agenda
    assert queries(f"{base}/{first.pk}/interventions") == interventions
