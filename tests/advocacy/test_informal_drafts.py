"""Informal drafts stay with the negotiating table: a delegation in a public coalition may
assess one, but its label, paragraphs and wording reach nobody else through advocacy."""

import datetime

import pytest

from plenary.advocacy.services.red_lines import assess
from plenary.advocacy.services.statements import draft_statement
from plenary.errors import InvalidInput
from plenary.text.services.versions import import_version
from tests.advocacy.factories import ZERO_DRAFT, make_coalition, make_red_line, publish
from tests.factories import provision_at, token_for

SECRET_LABEL = "Informal non-paper of the Chair"
SECRET_QUOTE = "each State Party may waive dual criminality in secret"
SECRET_EID = "art_3__para_1"


@pytest.fixture
def informal(world):
    """A published zero draft, then an informal draft with a new article only the table sees."""
    publish(world)
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=[*ZERO_DRAFT, "Article 3. Secret cooperation", f"1. {SECRET_QUOTE}."],
        label=SECRET_LABEL,
        date=datetime.date(2023, 7, 1),
        published=False,
    )


@pytest.fixture
def assessed(world, informal):
    """A delegation's public coalition assesses the informal draft against its red line."""
    coalition = make_coalition(world, name="Table Friends", by=world.delegate)
    red_line = make_red_line(world, coalition, by=world.delegate)
    assess(
        red_line,
        informal,
        by=world.actors.delegate,
        verdict="not_met",
        reasoning="The informal draft weakens it.",
        quoted_wording=SECRET_QUOTE,
    )
    return red_line


def _read(client, user, url, api=False):
    headers = {"Authorization": f"Bearer {token_for(user)}"} if api and user else {}
    if user is not None and not api:
        client.force_login(user)
    response = client.get(url, headers=headers)
    client.logout()
    assert response.status_code == 200, url
    return response.content.decode()


def _urls(world, red_line):
    page = f"/n/{world.negotiation.slug}"
    api = f"/api/negotiations/{world.negotiation.slug}"
    coalition = red_line.coalition.slug
    return [
        (f"{page}/red-lines/{red_line.pk}/", False),
        (f"{page}/coalitions/{coalition}/", False),
        (f"{page}/coalitions/{coalition}/scorecard/", False),
        (f"{api}/red-lines/{red_line.pk}", True),
        (f"{api}/red-lines", True),
        (f"{api}/coalitions/{coalition}/scorecard", True),
    ]


@pytest.mark.parametrize("who", ["anon", "stakeholder"])
def test_it_shows_nobody_outside_the_table_an_assessment_of_an_informal_draft(
    client, world, assessed, informal, who
):
    user = None if who == "anon" else world.stakeholder
    for url, api in _urls(world, assessed):
        text = _read(client, user, url, api)
        assert SECRET_LABEL not in text, url
        assert SECRET_QUOTE not in text, url
        assert "weakens" not in text, url
        assert f'"version": {informal.pk},' not in text, url


def test_it_shows_the_table_the_assessment_of_its_informal_draft(client, world, assessed):
    text = _read(client, world.other_delegate, f"/n/test-ahc/red-lines/{assessed.pk}/")
    assert SECRET_LABEL in text and SECRET_QUOTE in text
    data = client.get(
        f"/api/negotiations/test-ahc/red-lines/{assessed.pk}",
        headers={"Authorization": f"Bearer {token_for(world.secretariat)}"},
    ).json()
    assert [a["version_label"] for a in data["assessments"]] == [SECRET_LABEL]


def test_it_keeps_a_flag_open_for_the_public_when_only_an_informal_draft_was_assessed(
    client, world, informal
):
    from tests.advocacy.factories import revised

    coalition = make_coalition(world, name="Table Friends", by=world.delegate)
    red_line = make_red_line(world, coalition, by=world.delegate)
    publish(world, revised({5: "2. Each State Party may protect research."}), "Revised", day=2)
    from plenary.advocacy.services.red_lines import flag_red_lines

    later = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=ZERO_DRAFT,
        label="Later informal",
        date=datetime.date(2023, 8, 1),
        published=False,
    )
    flag_red_lines(world.negotiation.versions.get(label="Revised"))
    assess(red_line, later, by=world.actors.delegate, verdict="met", reasoning="Fixed informally.")
    api = f"/api/negotiations/test-ahc/red-lines/{red_line.pk}"
    public = client.get(api).json()
    assert public["needs_reassessment"] is True and public["assessments"] == []
    table = client.get(api, headers={"Authorization": f"Bearer {token_for(world.delegate)}"})
    assert table.json()["needs_reassessment"] is False


def test_it_refuses_a_public_red_line_on_a_paragraph_of_an_informal_draft_only(world, informal):
    public = make_coalition(world, name="Table Friends", by=world.delegate)
    with pytest.raises(InvalidInput, match="latest published version"):
        make_red_line(world, public, eids=(SECRET_EID,), by=world.delegate)
    private = make_coalition(world, name="Quiet Friends", private=True, by=world.delegate)
    secret = provision_at(world.negotiation, SECRET_EID)
    made = make_red_line(world, private, eids=(SECRET_EID,), by=world.delegate)
    assert list(made.provisions.all()) == [secret]
    assert not public.red_lines.exists()


def test_it_refuses_a_statement_on_a_paragraph_of_an_informal_draft_only(world, informal):
    private = make_coalition(world, name="Quiet Friends", private=True, by=world.delegate)
    with pytest.raises(InvalidInput, match="latest published version"):
        draft_statement(
            private,
            by=world.actors.delegate,
            kind="joint_statement",
            title="Our view",
            text="We see the secret article.",
            provisions=[provision_at(world.negotiation, SECRET_EID)],
        )
    assert not private.statements.exists()


@pytest.mark.parametrize("named_by", ["eids", "provisions"])
def test_it_refuses_the_same_through_the_api_and_writes_nothing(client, world, informal, named_by):
    make_coalition(world, name="Table Friends", by=world.delegate)
    secret = provision_at(world.negotiation, SECRET_EID)
    response = client.post(
        "/api/negotiations/test-ahc/coalitions/table-friends/red-lines",
        {
            "title": "Secret",
            "criterion": "No.",
            named_by: [SECRET_EID] if named_by == "eids" else [secret.pk],
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.delegate)}"},
    )
    assert response.status_code == 400
    assert "latest published version" in response.json()["detail"]
    assert not world.negotiation.coalitions.get().red_lines.exists()
