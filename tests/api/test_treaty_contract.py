"""The treaty's API contract: GET …/treaty and POST …/treaty/instruments, names other tools
rely on, and bad input that gets a clear 4xx and writes nothing."""

import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.treaty.models import Instrument
from tests import factories as f
from tests.treaty import factories as tf

D = datetime.date
URL = "/api/negotiations/test-ahc/treaty"


@pytest.fixture
def treaty(world):
    return tf.make_treaty(world.negotiation)


@pytest.fixture
def post(client, world, treaty):
    # Tokens are issued (and audited) up front, so that each request's own writes show.
    tokens = {
        user.pk: f.token_for(user)
        for user in (world.secretariat, world.chair, world.stakeholder, world.delegate)
    }

    def send(body, user=None):
        user = user or world.secretariat
        return client.post(
            f"{URL}/instruments",
            body,
            content_type="application/json",
            headers={"Authorization": f"Bearer {tokens[user.pk]}"},
        )

    return send


def test_the_status_has_the_contract_fields(client, world, treaty):
    tf.make_instrument(treaty, world.brazil, "signature", D(2025, 10, 25))
    tf.make_instrument(treaty, world.brazil, "ratification", D(2026, 2, 1))
    tf.make_instrument(treaty, world.kenya, "signature", D(2025, 10, 26))
    body = client.get(URL).json()
    assert body["adopted"]["symbol"] == treaty.adopted_by.symbol
    assert body["adopted"]["date"] == "2024-12-24"
    assert (body["signatures"], body["parties"]) == (2, 1)
    assert body["entry_into_force"] is None
    assert body["rule"]["threshold"] == 40 and body["rule"]["days"] == 90
    assert body["rule"]["days_after_later_deposit"] == 30
    assert body["rule"]["reio_counted"] is False
    assert body["opening"] == {
        "place": "Hanoi",
        "opens": "2025-10-25",
        "until": "2025-10-26",
        "then_at": "United Nations Headquarters, New York",
        "closes": "2026-12-31",
    }
    assert {(i["state"], i["kind"]) for i in body["instruments"]} == {
        ("BR", "signature"),
        ("BR", "ratification"),
        ("KE", "signature"),
    }


def test_the_status_gives_the_computed_date_once_in_force(client, world, treaty):
    for n, state in enumerate(tf.make_states(world.negotiation, 40)):
        tf.make_instrument(treaty, state, "accession", D(2026, 1, 1) + datetime.timedelta(n))
    body = client.get(URL).json()
    assert body["parties"] == 40 and body["entry_into_force"] == "2026-05-10"


def test_a_negotiation_without_a_treaty_answers_404(client, world):
    response = client.get(URL)
    assert response.status_code == 404
    assert "has no adopted treaty yet" in response.json()["detail"]


def test_the_secretariat_records_an_instrument_with_state_kind_and_date(post, world, treaty):
    response = post({"state": "BR", "kind": "signature", "date": "2025-10-25"})
    assert response.status_code == 201, response.content
    assert response.json()["state"] == "BR" and response.json()["kind"] == "signature"
    assert response.json()["sources"] == [
        {"symbol": "XVIII-16", "url": "https://treaties.un.org/", "title": None}
    ]
    response = post({"state": "br", "kind": "ratification", "date": "2026-02-01"})
    assert response.status_code == 201
    assert treaty.instruments.count() == 2


def test_the_chair_may_record_too(post, world):
    assert (
        post({"state": "KE", "kind": "accession", "date": "2026-01-05"}, world.chair).status_code
        == 201
    )


@pytest.mark.parametrize("role", ["stakeholder", "delegate"])
def test_others_may_not_record_instruments(post, world, role):
    response = post(
        {"state": "BR", "kind": "signature", "date": "2025-10-25"}, getattr(world, role)
    )
    assert response.status_code == 403
    assert "Only the secretariat or the chair" in response.json()["detail"]
    assert not Instrument.objects.exists()


def test_an_anonymous_caller_is_asked_to_sign_in(client, treaty):
    response = client.post(
        f"{URL}/instruments",
        {"state": "BR", "kind": "signature", "date": "2025-10-25"},
        content_type="application/json",
    )
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        (
            {"state": "BR", "kind": "signature", "date": "2024-12-01"},
            400,
            "before the treaty's adoption on 2024-12-24",
        ),
        (
            {"state": "BR", "kind": "signature", "date": "2025-01-10"},
            400,
            "open for signature from 2025-10-25 to 2026-12-31",
        ),
        (
            {"state": "KE", "kind": "accession", "date": "2024-06-01"},
            400,
            "before the treaty's adoption",
        ),
        ({"state": "BR", "kind": "withdrawal", "date": "2025-10-25"}, 400, "Kind must be one of"),
        ({"state": "ZZ", "kind": "signature", "date": "2025-10-25"}, 400, "There is no State 'ZZ'"),
        (
            {"state": "BR", "kind": "ratification", "date": "2026-01-05"},
            400,
            "without a signature it joins by accession",
        ),
        ({"state": "BR", "kind": "signature", "date": "2025-02-30"}, 422, "date"),
        ({"state": "BR", "kind": "signature"}, 422, "date"),
        (
            {
                "state": "BR",
                "kind": "signature",
                "date": "2025-10-25",
                "sources": [{"title": "no link"}],
            },
            400,
            "needs a document symbol or a URL",
        ),
    ],
)
def test_bad_input_gets_a_clear_answer_and_writes_nothing(post, body, status, message):
    before = AuditEntry.objects.count()
    response = post(body)
    assert response.status_code == status, response.content
    assert message in str(response.json()["detail"])
    assert not Instrument.objects.exists()
    assert AuditEntry.objects.count() == before


def test_a_duplicate_is_refused_and_nothing_is_written(post):
    assert post({"state": "BR", "kind": "signature", "date": "2025-10-25"}).status_code == 201
    before = AuditEntry.objects.count()
    response = post({"state": "BR", "kind": "signature", "date": "2025-11-03"})
    assert response.status_code == 409
    assert response.json()["detail"] == "Brazil already signed the treaty, on 2025-10-25."
    assert Instrument.objects.count() == 1 and AuditEntry.objects.count() == before
    assert post({"state": "BR", "kind": "ratification", "date": "2026-01-05"}).status_code == 201
    response = post({"state": "BR", "kind": "approval", "date": "2026-02-05"})
    assert response.status_code == 409
    assert "already deposited its instrument of ratification" in response.json()["detail"]
