"""Advocacy through the API: the same rules, errors as {"detail": ...} with a 4xx status."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.advocacy.services.red_lines import assess
from plenary.outbox.events import drain
from tests.advocacy.factories import (
    admitted,
    make_coalition,
    make_red_line,
    make_statement,
    publish,
    revised,
)
from tests.factories import provision_at, token_for


def post(client, url, data, user):
    return client.post(
        url,
        data,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(user)}"},
    )


def test_a_coalition_drafts_opens_and_an_organization_signs_once(world, client):
    publish(world)
    admitted(world.negotiation, world.organization)
    base = f"/api/negotiations/{world.negotiation.slug}"
    coalition = post(client, f"{base}/coalitions", {"name": "Caucus"}, world.stakeholder).json()
    assert [
        {k: m[k] for k in ("organization", "delegation", "role")} for m in coalition["members"]
    ] == [{"organization": world.organization.slug, "delegation": None, "role": "admin"}]
    drafted = post(
        client,
        f"{base}/coalitions/caucus/statements",
        {"kind": "open_letter", "title": "Letter", "text": "We write.", "eids": ["art_1__para_1"]},
        world.stakeholder,
    )
    assert drafted.status_code == 201
    statement = drafted.json()["id"]
    opened = post(
        client, f"{base}/statements/{statement}/status", {"action": "open"}, world.stakeholder
    )
    assert opened.json()["status"] == "open"
    assert (
        post(client, f"{base}/statements/{statement}/signatures", {}, world.stakeholder).status_code
        == 201
    )
    again = post(client, f"{base}/statements/{statement}/signatures", {}, world.stakeholder)
    assert again.status_code == 409
    assert "already signed" in again.json()["detail"]
    delegate = post(client, f"{base}/statements/{statement}/signatures", {}, world.delegate)
    assert delegate.status_code == 403 and delegate.json()["detail"]
    shown = client.get(f"{base}/statements/{statement}").json()
    assert shown["signatory_count"] == 1 and shown["eids"] == ["art_1__para_1"]
    assert shown["provisions"] == [provision_at(world.negotiation, "art_1__para_1").pk]


def test_a_red_line_is_stated_and_assessed_through_the_api(world, client):
    version = publish(world)
    admitted(world.negotiation, world.organization)
    base = f"/api/negotiations/{world.negotiation.slug}"
    post(client, f"{base}/coalitions", {"name": "Caucus"}, world.stakeholder)
    made = post(
        client,
        f"{base}/coalitions/caucus/red-lines",
        {"title": "Research", "criterion": "Protect it.", "eids": ["art_2__para_2"]},
        world.stakeholder,
    ).json()
    assert (made["eids"], made["provisions"]) == (
        ["art_2__para_2"],
        [provision_at(world.negotiation, "art_2__para_2").pk],
    )
    assessed = post(
        client,
        f"{base}/red-lines/{made['id']}/assessments",
        {"version": version.pk, "verdict": "met", "reasoning": "Protected."},
        world.stakeholder,
    )
    assert assessed.status_code == 201
    assert assessed.json()["assessments"][0]["verdict"] == "met"
    card = client.get(f"{base}/coalitions/caucus/scorecard").json()
    assert card["counts"]["met"] == 1
    wrong = post(
        client,
        f"{base}/red-lines/{made['id']}/assessments",
        {"version": version.pk, "verdict": "great", "reasoning": "?"},
        world.stakeholder,
    )
    assert wrong.status_code == 400 and "Verdict" in wrong.json()["detail"]


def test_the_red_line_list_costs_the_same_queries_however_many_red_lines(world, client):
    zero = publish(world)
    coalition = make_coalition(world)
    url = f"/api/negotiations/{world.negotiation.slug}/red-lines"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            listed = client.get(url).json()
        assert all(r["assessments"] and r["needs_reassessment"] for r in listed)
        return len(captured)

    def assessed(title):
        red_line = make_red_line(world, coalition, title=title)
        assess(red_line, zero, by=world.actors.stakeholder, verdict="met", reasoning="Protected.")

    def revise(wording, label, day):
        publish(world, revised({5: wording}), label, day)
        drain()

    assessed("First")
    revise("2. Each State Party may protect research.", "Revised", 2)
    one = queries()
    for n in range(3):
        assessed(f"Line {n}")
    revise("2. Each State Party should protect research.", "Third", 3)
    assert queries() == one


def test_the_statement_list_costs_the_same_queries_however_many_statements(world, client):
    publish(world)
    coalition = make_coalition(world)
    url = f"/api/negotiations/{world.negotiation.slug}/statements"

    def queries():
        with CaptureQueriesContext(connection) as captured:
            listed = client.get(url).json()
        assert all(s["eids"] == ["art_1__para_1"] for s in listed)
        return len(captured)

    make_statement(world, coalition, title="First")
    one = queries()
    for n in range(3):
        make_statement(world, coalition, title=f"Statement {n}")
    assert queries() == one
