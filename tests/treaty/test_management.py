"""The secretariat's and the chair's record of the treaty's life, on pages and through the API:
the adoption, the opening for signature, protocols and who is seated at them."""

import datetime
import json

import pytest

from plenary.audit.models import AuditEntry
from plenary.process.models import Negotiation
from plenary.treaty.models import Treaty
from tests.factories import token_for
from tests.treaty import factories as tf

D = datetime.date
PAGE = "/n/test-ahc/treaty/"
API = "/api/negotiations/test-ahc"
ADOPTION = {
    "title": "Convention against Cybercrime",
    "symbol": "A/RES/79/243",
    "body": "General Assembly",
    "date": "2024-12-24",
    "method": "recorded_vote",
    "votes": "BR yes\nKE abstain",
    "threshold": 40,
    "days_after_threshold": 90,
    "days_after_later_deposit": 30,
}


def api(client, method, url, data, user):
    return client.generic(
        method,
        url,
        json.dumps(data),
        "application/json",
        headers={"Authorization": f"Bearer {token_for(user)}"},
    )


def test_the_secretariat_records_the_adoption_with_its_vote_through_the_form(client, world):
    client.force_login(world.secretariat)
    assert "Record the adoption of the treaty" in client.get(PAGE).content.decode()
    response = client.post(f"{PAGE}adoption/new/", ADOPTION)
    assert response.status_code == 302
    treaty = Treaty.objects.get(negotiation=world.negotiation)
    assert (treaty.threshold, treaty.adopted_by.symbol) == (40, "A/RES/79/243")
    votes = dict(treaty.adopted_by.votes.values_list("delegation__iso2", "vote"))
    assert votes == {"BR": "yes", "KE": "abstain"}
    assert AuditEntry.objects.filter(action="treaty.adopted").count() == 1
    again = client.post(f"{PAGE}adoption/new/", ADOPTION | {"symbol": "A/RES/79/999"})
    assert again.status_code == 409
    assert "already recorded" in again.content.decode()


def test_the_adoption_form_refuses_a_vote_it_cannot_read_and_writes_nothing(client, world):
    client.force_login(world.chair)
    response = client.post(f"{PAGE}adoption/new/", ADOPTION | {"votes": "BR yes\nXX maybe"})
    assert response.status_code == 400
    assert "Line 2: write a State" in response.content.decode()
    assert not Treaty.objects.exists()


def test_a_delegate_cannot_record_the_adoption(client, world):
    client.force_login(world.delegate)
    assert client.post(f"{PAGE}adoption/new/", ADOPTION).status_code == 403
    assert not Treaty.objects.exists()


def test_the_opening_for_signature_is_set_once_and_a_stale_form_is_refused(client, world):
    treaty = tf.make_treaty(world.negotiation, signature_place="", signature_opens=None)
    client.force_login(world.secretariat)
    form = client.get(f"{PAGE}signature/").content.decode()
    assert f'name="lock_version" value="{treaty.lock_version}"' in form
    opening = {
        "place": "Hanoi",
        "opens": "2025-10-25",
        "first_period_ends": "2025-10-26",
        "then_at": "United Nations Headquarters, New York",
        "closes": "2026-12-31",
        "lock_version": treaty.lock_version,
    }
    assert client.post(f"{PAGE}signature/", opening).status_code == 302
    treaty.refresh_from_db()
    assert (treaty.signature_place, treaty.signature_closes) == ("Hanoi", D(2026, 12, 31))
    assert "Opened for signature in Hanoi" in client.get(PAGE).content.decode()
    stale = client.post(f"{PAGE}signature/", opening | {"place": "Vienna"})
    assert stale.status_code == 409
    assert "changed by someone else" in stale.content.decode()
    early = client.post(f"{PAGE}signature/", opening | {"opens": "2024-01-01", "lock_version": 2})
    assert early.status_code == 400 and "before its adoption" in early.content.decode()
    treaty.refresh_from_db()
    assert treaty.signature_place == "Hanoi"


def test_the_secretariat_starts_a_protocol_and_seats_only_parties(client, world):
    treaty = tf.make_treaty(world.negotiation)
    client.force_login(world.secretariat)
    started = client.post(
        "/n/test-ahc/protocols/new/",
        {
            "slug": "data-protocol",
            "title": "Additional protocol on data",
            "short_title": "Data protocol",
            "mandate": "A/RES/80/1",
            "open_to_parent_parties_only": "on",
        },
    )
    assert started.status_code == 302 and started["Location"] == "/n/data-protocol/treaty/"
    protocol = Negotiation.objects.get(slug="data-protocol")
    assert protocol.parent == world.negotiation and protocol.open_to_parent_parties_only
    admit = "/n/data-protocol/protocol/delegations/new/"
    assert (
        "Admit a State to this protocol" in client.get("/n/data-protocol/treaty/").content.decode()
    )
    refused = client.post(admit, {"delegation": world.brazil.pk})
    assert refused.status_code == 403 and "is not a party" in refused.content.decode()
    tf.make_instrument(treaty, world.brazil, "signature", D(2025, 10, 25))
    tf.make_instrument(treaty, world.brazil, "ratification", D(2026, 2, 1))
    assert client.post(admit, {"delegation": world.brazil.pk}).status_code == 302
    assert list(protocol.delegations.values_list("iso2", flat=True)) == ["BR"]


def test_a_protocol_needs_a_short_name_fit_for_an_address(client, world):
    client.force_login(world.chair)
    response = client.post(
        "/n/test-ahc/protocols/new/",
        {"slug": "Not a slug!", "title": "P", "short_title": "P", "mandate": "A/RES/80/1"},
    )
    assert response.status_code == 400
    assert not Negotiation.objects.filter(parent=world.negotiation).exists()


def test_the_api_records_the_adoption_and_the_opening(client, world):
    payload = ADOPTION | {"votes": {"BR": "yes", "KE": "no"}}
    made = api(client, "POST", f"{API}/treaty", payload, world.secretariat)
    assert made.status_code == 201
    assert made.json()["adopted"]["symbol"] == "A/RES/79/243"
    assert api(client, "POST", f"{API}/treaty", payload, world.chair).status_code == 409
    opening = {"place": "Hanoi", "opens": "2025-10-25", "until": "2025-10-26"}
    opening |= {"closes": "2026-12-31", "lock_version": made.json()["lock_version"]}
    opened = api(client, "PUT", f"{API}/treaty/signature", opening, world.chair)
    assert opened.status_code == 200 and opened.json()["opening"]["place"] == "Hanoi"
    stale = api(client, "PUT", f"{API}/treaty/signature", opening, world.chair)
    assert stale.status_code == 409 and "changed by someone else" in stale.json()["detail"]
    refused = api(client, "POST", f"{API}/treaty", payload, world.delegate)
    assert refused.status_code == 403


def test_the_api_refuses_an_adoption_with_an_unknown_state_in_its_vote(client, world):
    payload = ADOPTION | {"votes": {"ZZ": "yes"}}
    response = api(client, "POST", f"{API}/treaty", payload, world.secretariat)
    assert response.status_code == 400 and "There is no State 'ZZ'" in response.json()["detail"]
    assert not Treaty.objects.exists()


def test_the_api_starts_a_protocol_and_seats_a_party(client, world):
    treaty = tf.make_treaty(world.negotiation)
    body = {"slug": "p2", "title": "Protocol", "short_title": "P2", "mandate": "A/RES/80/2"}
    made = api(client, "POST", f"{API}/protocols", body, world.secretariat)
    assert made.status_code == 201 and made.json()["parent"] == "test-ahc"
    seat = "/api/negotiations/p2/protocol/delegations"
    refused = api(client, "POST", seat, {"state": "KE"}, world.secretariat)
    assert refused.status_code == 403 and "not a party" in refused.json()["detail"]
    tf.make_instrument(treaty, world.kenya, "accession", D(2026, 1, 5))
    seated = api(client, "POST", seat, {"state": "KE"}, world.secretariat)
    assert seated.status_code == 201 and seated.json()["state"] == "KE"
    not_a_protocol = api(
        client, "POST", f"{API}/protocol/delegations", {"state": "KE"}, world.chair
    )
    assert not_a_protocol.status_code == 404


@pytest.mark.parametrize("slug", ["Bad Slug", "new!"])
def test_the_api_refuses_a_protocol_slug_unfit_for_an_address(client, world, slug):
    body = {"slug": slug, "title": "Protocol", "short_title": "P", "mandate": "A/RES/80/2"}
    response = api(client, "POST", f"{API}/protocols", body, world.secretariat)
    assert response.status_code == 422 and response.json()["detail"]
    assert not Negotiation.objects.filter(parent=world.negotiation).exists()
