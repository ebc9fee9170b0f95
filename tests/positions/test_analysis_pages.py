"""The analysis pages and their API: what a reader sees, from recorded positions."""

import pytest

from plenary.analysis.opinion_map import STANCE_CODE
from plenary.audit import state as record_state
from plenary.positions.models import Issue, Objection
from plenary.positions.services import object_to_paragraph, record_stance, set_capability
from plenary.process.actors import actor_of
from tests import factories as f

SOURCE = [{"symbol": "A/AC.291/CRP.1"}]
EIDS = ["art_1__para_1", "art_1__para_2"]


def changed_outside_the_services() -> None:
    """These edits have no service yet: say that the record changed, as every service's audit
    entry (or an operator's change in the admin) does, so that the public page cache follows."""
    record_state.bump()


@pytest.fixture
def table(world):
    """Three delegations placed on one issue with two options, and stances on two paragraphs."""
    argentina = f.make_delegation(world.negotiation, "AR", "Argentina")
    f.make_version(world, label="Draft")
    scope = Issue.objects.create(
        negotiation=world.negotiation,
        slug="scope",
        title="Scope of criminalization",
        options=[{"label": "narrow", "value": 0}, {"label": "wide", "value": 100}],
        sources=SOURCE,
    )
    scope.provisions.set([f.provision_at(world.negotiation, EIDS[0])])
    for delegation, position, stance in (
        (world.brazil, 10, "support"),
        (argentina, 30, "support"),
        (world.kenya, 90, "oppose"),
    ):
        paragraph = {"subject": f.on(world.negotiation, EIDS[0])}
        for on in ({"issue": scope, "position": position, "salience": 1.0}, paragraph):
            record_stance(
                world.negotiation,
                by=world.actors.secretariat,
                delegation=delegation,
                stance=stance,
                sources=SOURCE,
                **on,
            )
    return world


def test_the_issues_page_shows_each_models_forecast(client, table):
    body = client.get("/n/test-ahc/issues/").content.decode()
    # Compromise: (10 + 30 + 90) / 3 = 43.3.
    assert "Scope of criminalization" in body
    assert "<td>43.3</td>" in body
    assert "Stances: oppose 1 · support 2" in body
    assert "illustrative" not in body.split("<main", 1)[1].split("</main>")[0]


def test_the_package_search_page_names_the_package_and_who_objects(client, table):
    body = client.get("/n/test-ahc/package-search/?reservation=0.6").content.decode()
    assert "accepted by 2 and would still meet objections from 1" in body
    assert "<td>narrow</td>" in body
    assert "<td>KE</td><td>0.10</td><td>0.54</td><td>no: would object</td>" in body


def test_the_opinion_map_groups_the_delegations(client, table):
    body = client.get("/n/test-ahc/opinion-map/").content.decode()
    assert "3 delegations with stances on Draft" in body
    assert body.count("<polygon") + body.count("<circle") + body.count("<rect x=") >= 3


def test_the_consensus_map_filters_by_issue(client, table):
    object_to_paragraph(
        table.negotiation,
        by=table.actors.other_delegate,
        delegation=table.kenya,
        subject=f.on(table.negotiation, EIDS[0]),
        reason="Too wide.",
    )
    body = client.get("/n/test-ahc/consensus/?issue=scope").content.decode()
    assert "0 of 1 provision without objection" in body
    assert EIDS[1] not in body


def test_the_issues_api_gives_forecasts_and_takes_new_issues(client, table):
    rows = client.get("/api/negotiations/test-ahc/issues").json()
    (scope,) = rows
    assert scope["forecast"]["compromise"] == pytest.approx(130 / 3)
    assert scope["delegations_placed"] == 3
    token = f.token_for(table.secretariat)
    response = client.post(
        "/api/negotiations/test-ahc/issues",
        {
            "slug": "safeguards",
            "title": "Human-rights safeguards",
            "options": [{"label": "domestic law", "value": 20}],
            "illustrative": True,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 400
    assert "from 2 to 10" in response.json()["detail"]
    assert not Issue.objects.filter(slug="safeguards").exists()


def test_a_capability_is_set_through_the_api_with_its_source(client, table):
    token = f.token_for(table.chair)
    response = client.post(
        "/api/negotiations/test-ahc/capabilities",
        {"delegation": "KE", "value": 2, "sources": SOURCE},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.json() == {"delegation": "KE", "value": 2.0, "illustrative": False}
    (scope,) = client.get("/api/negotiations/test-ahc/issues").json()
    # (10 + 30 + 2·90) / (1 + 1 + 2) = 55.
    assert scope["forecast"]["compromise"] == pytest.approx(55.0)


def test_a_delegation_states_its_stance_and_objects_on_the_paragraph_page(client, table):
    client.force_login(table.other_delegate)
    paragraph = f.provision_at(table.negotiation, EIDS[0]).pk
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "Stance of Kenya" in page and "<td>AR</td><td>support</td>" in page
    subject = f"provision_{paragraph}"
    response = client.post(
        "/n/test-ahc/stances/",
        {"subject": subject, "stance": "amend", "source_symbol": "A/AC.291/CRP.9"},
    )
    assert response.status_code == 302
    refused = client.post("/n/test-ahc/stances/", {"subject": subject, "stance": "support"})
    assert refused.status_code == 400  # no source
    client.post("/n/test-ahc/objections/", {"subject": subject, "reason": "Too wide a scope."})
    page = client.get(f"/n/test-ahc/draft/p/{paragraph}/").content.decode()
    assert "<td>KE</td><td>amend</td>" in page
    assert "<strong>KE</strong> objects: Too wide a scope." in page


def test_the_opinion_map_uses_the_latest_stance_after_a_delegation_changes_it(client, table):
    record_stance(
        table.negotiation,
        by=table.actors.secretariat,
        delegation=table.kenya,
        stance="support",
        sources=SOURCE,
        subject=f.on(table.negotiation, EIDS[0]),
    )
    response = client.get("/n/test-ahc/opinion-map/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 delegations with stances on Draft" in body
    # All three now support the paragraph: every group supports it.
    assert "<li>Art. 1(1) — Purposes</li>" in body.split('id="group-consensus"', 1)[1]


def table_rows(body):
    """The consensus table as (provision, status, supporting, objecting) rows."""
    tbody = body.split('id="consensus-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>")[0]
    return [
        tuple(cell.split("</td>")[0] for cell in row.split("<td>")[1:])
        for row in tbody.split("<tr>")[1:]
    ]


def test_the_bloc_filter_changes_the_chart_the_table_and_the_summary_alike(client, table):
    object_to_paragraph(
        table.negotiation,
        by=table.actors.delegate,
        delegation=table.brazil,
        subject=f.on(table.negotiation, EIDS[1]),
        reason="No.",
    )
    everyone = client.get("/n/test-ahc/consensus/").content.decode()
    assert "0 of 2 provisions without objection" in everyone
    first, second = "Art. 1(1) — Purposes", "Art. 1(2) — Purposes"
    assert table_rows(everyone) == [
        (first, "blocked", "AR, BR", "KE"),
        (second, "blocked", "", "BR"),
    ]
    african = client.get("/n/test-ahc/consensus/?bloc=african-group").content.decode()
    assert "1 of 2 provisions without objection" in african
    assert "Only the stances and objections of the members of African Group" in african
    assert table_rows(african) == [
        (first, "blocked", "", "KE"),
        (second, "no positions yet", "", ""),
    ]
    assert "BR: objects" not in african and "AR: support" not in african


def test_the_illustrative_notice_counts_the_stances_and_objections_shown(client, table):
    Objection.objects.create(
        negotiation=table.negotiation,
        delegation=table.kenya,
        provision=f.provision_at(table.negotiation, EIDS[1]),
        reason="An example.",
        illustrative=True,
    )
    body = client.get("/n/test-ahc/consensus/").content.decode()
    assert "1 stance or objection shown here is illustrative" in body
    african = client.get("/n/test-ahc/consensus/?bloc=african-group").content.decode()
    assert "1 stance or objection shown here is illustrative" in african  # Kenya's
    table.kenya.blocs.clear()
    changed_outside_the_services()
    nobody = client.get("/n/test-ahc/consensus/?bloc=african-group").content.decode()
    assert "illustrative, not from the record" not in nobody


def test_the_opinion_map_counts_an_objection_as_opposing_and_says_so(client, table):
    iceland = f.make_delegation(table.negotiation, "IS", "Iceland")
    iceland_delegate = f.make_user("delegate-is", "delegation", delegation=iceland)
    object_to_paragraph(
        table.negotiation,
        by=actor_of(iceland_delegate),
        delegation=iceland,
        subject=f.on(table.negotiation, EIDS[0]),
        reason="No.",
    )
    body = client.get("/n/test-ahc/opinion-map/").content.decode()
    assert "4 delegations with stances on Draft" in body
    assert "an open objection counts as oppose" in body


def test_the_opinion_map_explains_the_codes_it_uses(client, table):
    body = client.get("/n/test-ahc/opinion-map/").content.decode()
    for stance, code in STANCE_CODE.items():
        written = f"{code:g}".replace("-", "\N{MINUS SIGN}")
        word = "silent or none" if stance == "silent" else stance.value
        assert f"{word} {written}" in body, (word, written)


def test_the_package_search_page_follows_a_change_to_an_issues_options(client, table):
    assert "<td>narrow</td>" in client.get("/n/test-ahc/package-search/").content.decode()
    Issue.objects.filter(slug="scope").update(
        options=[{"label": "cyber-dependent", "value": 0}, {"label": "wide", "value": 100}]
    )
    changed_outside_the_services()
    body = client.get("/n/test-ahc/package-search/").content.decode()
    assert "<td>cyber-dependent</td>" in body and "<td>narrow</td>" not in body


def test_the_issues_page_follows_a_new_stance_a_capability_and_an_edited_issue(client, table):
    assert "<td>43.3</td>" in client.get("/n/test-ahc/issues/").content.decode()
    record_stance(
        table.negotiation,
        by=table.actors.secretariat,
        delegation=table.kenya,
        stance="support",
        sources=SOURCE,
        issue=Issue.objects.get(slug="scope"),
        position=50,
        salience=1.0,
    )
    # Compromise: (10 + 30 + 50) / 3 = 30.0.
    assert "<td>30.0</td>" in client.get("/n/test-ahc/issues/").content.decode()
    set_capability(
        table.negotiation,
        by=table.actors.secretariat,
        delegation=table.kenya,
        value=2.0,
        sources=SOURCE,
    )
    # Kenya now weighs twice: (10 + 30 + 2 x 50) / 4 = 35.0.
    assert "<td>35.0</td>" in client.get("/n/test-ahc/issues/").content.decode()
    Issue.objects.filter(slug="scope").update(title="Scope of the offences")
    changed_outside_the_services()
    assert "Scope of the offences" in client.get("/n/test-ahc/issues/").content.decode()
