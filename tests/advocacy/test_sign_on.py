"""Joint statements: drafted by members, signed once per organization by its own people,
withdrawn with a date, published with the signatories; private drafts stay private."""

import csv
import datetime
import io
from types import SimpleNamespace

import pytest

from plenary.advocacy.models import Signature, StatementStatus
from plenary.advocacy.services.statements import (
    close_signature,
    draft_statement,
    open_for_signature,
    publish_statement,
    reword_statement,
    sign_statement,
    signatories,
    withdraw_signature,
)
from plenary.advocacy.visibility import visible_statements
from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotYourOrganization, StaleEdit
from plenary.process.actors import actor_of
from plenary.text.services.versions import import_version
from tests import factories as f
from tests.advocacy.factories import (
    ZERO_DRAFT,
    make_coalition,
    make_statement,
    paragraphs,
    publish,
    second_organization,
)
from tests.factories import token_for


@pytest.fixture
def statement(world):
    publish(world)
    coalition = make_coalition(world)
    statement = make_statement(world, coalition)
    open_for_signature(statement, by=world.actors.stakeholder)
    return statement


def test_it_lets_a_person_sign_for_their_own_organization(world, statement):
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    assert [s.organization for s in signatories(statement)] == [world.organization]
    assert AuditEntry.objects.filter(action="statement.signed").count() == 1


def test_it_refuses_signing_for_another_organization(world, statement):
    other, _person = second_organization(world)
    with pytest.raises(NotYourOrganization):
        sign_statement(statement, by=world.actors.stakeholder, organization=other)
    with pytest.raises(NotYourOrganization):
        sign_statement(statement, by=world.actors.delegate, organization=world.organization)
    assert not Signature.objects.exists()


def test_it_counts_an_organization_once(world, statement):
    other, person = second_organization(world)
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    sign_statement(statement, by=actor_of(person), organization=other)
    with pytest.raises(Conflict, match="already signed"):
        sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    assert len(signatories(statement)) == 2


def test_it_records_a_withdrawal_with_its_date_and_does_not_count_it(world, statement):
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    withdrawn = withdraw_signature(
        statement, by=world.actors.stakeholder, organization=world.organization
    )
    assert withdrawn.withdrawn_at is not None
    assert signatories(statement) == []
    with pytest.raises(Conflict, match="signs once"):
        sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    with pytest.raises(Conflict, match="no signature to withdraw"):
        withdraw_signature(statement, by=world.actors.stakeholder, organization=world.organization)


@pytest.mark.parametrize("then", [close_signature, publish_statement])
def test_it_refuses_a_withdrawal_once_the_sign_on_is_over(world, statement, then, client):
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    then(statement, by=world.actors.stakeholder)
    with pytest.raises(Conflict, match="withdrawn only while it is open"):
        withdraw_signature(statement, by=world.actors.stakeholder, organization=world.organization)
    response = client.post(
        f"/api/negotiations/test-ahc/statements/{statement.pk}/signatures/withdraw",
        headers={"Authorization": f"Bearer {token_for(world.stakeholder)}"},
    )
    assert response.status_code == 409
    assert "withdrawn only while it is open" in response.json()["detail"]
    assert [s.organization for s in signatories(statement)] == [world.organization]
    assert not AuditEntry.objects.filter(action="statement.signature_withdrawn").exists()


def test_it_takes_signatures_only_while_open(world):
    publish(world)
    statement = make_statement(world, make_coalition(world))
    with pytest.raises(Conflict, match="not open"):
        sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    open_for_signature(statement, by=world.actors.stakeholder)
    close_signature(statement, by=world.actors.stakeholder)
    with pytest.raises(Conflict, match="not open"):
        sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)


def test_only_an_admin_opens_and_publishes(world):
    publish(world)
    coalition = make_coalition(world)
    _other, member = second_organization(world, coalition)
    statement = make_statement(world, coalition)
    with pytest.raises(NotAllowed, match="Only an admin"):
        open_for_signature(statement, by=actor_of(member))
    open_for_signature(statement, by=world.actors.stakeholder)
    published = publish_statement(statement, by=world.actors.stakeholder)
    assert published.status == StatementStatus.PUBLISHED
    assert published.closed_at is not None and published.published_at is not None


def test_a_draft_keeps_every_version_of_its_wording_and_refuses_a_stale_edit(world):
    publish(world)
    statement = make_statement(world, make_coalition(world))
    reword_statement(
        statement, by=world.actors.stakeholder, text="Second wording.", expected_version=1
    )
    assert [w.number for w in statement.wordings.all()] == [1, 2]
    assert statement.wording.text == "Second wording."
    with pytest.raises(StaleEdit):
        reword_statement(statement, by=world.actors.stakeholder, text="Third.", expected_version=1)
    open_for_signature(statement, by=world.actors.stakeholder)
    statement.refresh_from_db()
    with pytest.raises(Conflict, match="past drafting"):
        reword_statement(statement, by=world.actors.stakeholder, text="Too late.")


def test_it_refuses_paragraphs_that_are_not_in_the_text(world, client):
    publish(world)
    coalition = make_coalition(world)
    url = f"/api/negotiations/{world.negotiation.slug}/coalitions/{coalition.slug}/statements"
    letter = {"kind": "open_letter", "title": "Letter", "text": "We write."}
    as_member = {"Authorization": f"Bearer {token_for(world.stakeholder)}"}
    for named, said in (
        ({"eids": ["art_9__para_9"]}, "art_9__para_9"),
        ({"provisions": [999_999]}, "999999"),
    ):
        refused = client.post(
            url, letter | named, content_type="application/json", headers=as_member
        )
        assert refused.status_code == 400 and said in refused.json()["detail"]
    # A paragraph of another negotiation's text is not one of this text's.
    other = f.make_negotiation(slug="other-ahc")
    f.make_version(SimpleNamespace(negotiation=other, actors=world.actors), ZERO_DRAFT)
    with pytest.raises(InvalidInput, match="latest published version"):
        draft_statement(
            coalition,
            by=world.actors.stakeholder,
            kind="open_letter",
            title="Letter",
            text="We write.",
            provisions=[f.provision_at(other, "art_1__para_1")],
        )
    assert not coalition.statements.exists()


def test_a_private_coalitions_draft_is_invisible_to_non_members(world, client):
    publish(world)
    coalition = make_coalition(world, private=True)
    statement = make_statement(world, coalition)
    for outsider in (None, world.delegate, world.secretariat, world.chair):
        assert statement not in visible_statements(outsider, world.negotiation)
    assert statement in visible_statements(world.stakeholder, world.negotiation)
    url = f"/n/{world.negotiation.slug}/statements/{statement.pk}/"
    client.force_login(world.secretariat)
    assert client.get(url).status_code == 404
    assert client.get(f"/api/negotiations/{world.negotiation.slug}/statements").json() == []
    open_for_signature(statement, by=world.actors.stakeholder)
    assert client.get(url).status_code == 200


def test_the_page_shows_the_count_and_the_csv_lists_the_signatories(world, client, statement):
    other, person = second_organization(world)
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    sign_statement(statement, by=actor_of(person), organization=other)
    withdraw_signature(statement, by=actor_of(person), organization=other)
    publish_statement(statement, by=world.actors.stakeholder)
    base = f"/n/{world.negotiation.slug}/statements/{statement.pk}"
    page = client.get(f"{base}/").content.decode()
    assert '<span id="signature-count">1</span>' in page
    assert "withdrawn on" in page
    rows = list(csv.DictReader(io.StringIO(client.get(f"{base}/signatories.csv").content.decode())))
    assert [(r["organization"], bool(r["withdrawn_at"])) for r in rows] == [
        (world.organization.name, False),
        (other.name, True),
    ]


def test_a_published_statement_appears_on_the_paragraphs_it_addresses(world, client, statement):
    sign_statement(statement, by=world.actors.stakeholder, organization=world.organization)
    client.force_login(world.delegate)
    first, second = paragraphs(world, ["art_1__para_1", "art_1__para_2"])
    paragraph = f"/n/{world.negotiation.slug}/draft/p/{first.pk}/"
    assert statement.title not in client.get(paragraph).content.decode()
    publish_statement(statement, by=world.actors.stakeholder)
    page = client.get(paragraph).content.decode()
    assert statement.title in page and "1 signatory" in page
    assert (
        statement.title
        not in client.get(f"/n/{world.negotiation.slug}/draft/p/{second.pk}/").content.decode()
    )


def test_the_statement_downloads_as_a_pdf(world, client, statement):
    response = client.get(f"/n/{world.negotiation.slug}/statements/{statement.pk}/pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_publication_tells_the_followers_of_the_paragraphs_addressed(world, statement):
    from plenary.notifications.models import Notification
    from plenary.notifications.services import follow
    from plenary.outbox.events import drain

    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    follow(world.actors.chair, world.negotiation, "paragraph", "art_1__para_2")
    publish_statement(statement, by=world.actors.stakeholder)
    drain()
    (told,) = Notification.objects.all()
    assert told.user == world.delegate and statement.title in told.subject


def test_a_private_membership_list_is_for_members_the_secretariat_and_the_chair(world, client):
    publish(world)
    coalition = make_coalition(world, private=True)
    other, member = second_organization(world, coalition)
    page = f"/n/{world.negotiation.slug}/coalitions/{coalition.slug}/"
    api = f"/api/negotiations/{world.negotiation.slug}/coalitions/{coalition.slug}"
    for viewer, sees in (
        (member, True),
        (world.secretariat, True),
        (world.chair, True),
        (world.delegate, False),
        (None, False),
    ):
        client.logout()
        if viewer is not None:
            client.force_login(viewer)
        html = client.get(page).content.decode()
        assert (other.name in html) is sees, viewer
        assert (client.get(api).json()["members"] is not None) is sees, viewer


def test_a_statement_links_only_sessions_open_to_stakeholders(world):
    publish(world)
    coalition = make_coalition(world)
    # To a stakeholder, a closed session is one that does not exist.
    with pytest.raises(InvalidInput, match="There is no session"):
        draft_statement(
            coalition,
            by=world.actors.stakeholder,
            kind="open_letter",
            title="Letter",
            text="We write.",
            session_ids=[world.closed_session.pk],
        )
    letter = draft_statement(
        coalition,
        by=world.actors.stakeholder,
        kind="open_letter",
        title="Letter",
        text="We write.",
        session_ids=[world.open_session.pk],
    )
    assert list(letter.sessions.all()) == [world.open_session]


def test_an_informal_draft_is_not_probed_through_the_paragraphs_linked(world, client):
    publish(world)
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=[*ZERO_DRAFT, "Article 3. New", "1. Only in the informal draft."],
        label="Informal",
        date=datetime.date(2023, 7, 1),
    )
    coalition = make_coalition(world)
    with pytest.raises(InvalidInput, match="latest published version"):
        make_statement(world, coalition, eids=["art_3__para_1"])
    # Through the API, a stakeholder naming the informal draft's paragraph hears what they would
    # hear of a paragraph that does not exist.
    url = f"/api/negotiations/{world.negotiation.slug}/coalitions/{coalition.slug}/statements"
    secret = f.provision_at(world.negotiation, "art_3__para_1")

    def refusal(named):
        response = client.post(
            url,
            {"kind": "open_letter", "title": "Letter", "text": "We write."} | named,
            content_type="application/json",
            headers={"Authorization": f"Bearer {token_for(world.stakeholder)}"},
        )
        assert response.status_code == 400
        return response.json()["detail"]

    assert refusal({"eids": ["art_3__para_1"]}) == refusal({"eids": ["art_9__para_9"]}).replace(
        "art_9__para_9", "art_3__para_1"
    )
    assert refusal({"provisions": [secret.pk]}) == refusal({"provisions": [999_999]}).replace(
        "999999", str(secret.pk)
    )
    assert not coalition.statements.exists()
