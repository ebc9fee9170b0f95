"""The audit trail as the secretariat and the chair read it: sentences with links, filters, CSV,
and nothing of a private coalition's drafts and red lines (which are for its members only)."""

import csv
import datetime
import io

from plenary.advocacy.services.statements import open_for_signature
from plenary.audit.models import AuditEntry
from plenary.decisions.services import record_decision
from plenary.process.services import sessions
from plenary.process.services.accreditation import list_organization
from tests import factories as f
from tests.advocacy.factories import make_coalition, make_red_line, make_statement, publish

AUDIT = "/n/test-ahc/manage/audit/"
SECRET_TITLE = "Our fallback wording on encryption"
SECRET_CRITERION = "The convention must protect good-faith security research."


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_says_who_did_what_to_which_thing_with_a_link(client, world):
    session = sessions.create_session(
        world.negotiation,
        by=world.actors.secretariat,
        kind="substantive",
        number=8,
        title="Eighth session",
        start=datetime.date(2031, 3, 3),
        end=datetime.date(2031, 3, 14),
        city="Geneva",
        timezone="Europe/Zurich",
        mode="in_person",
        openness="open",
    )
    client.force_login(world.chair)
    page = client.get(AUDIT).content.decode()
    link = f'<a href="/n/test-ahc/sessions/{session.pk}/">Eighth session</a>'
    assert f"secretariat created the session {link}." in page
    assert "{&#x27;" not in page and "{'kind'" not in page  # no raw dictionaries


def test_it_links_decisions_recorded_before_and_after_they_moved_to_an_app_of_their_own(
    client, world
):
    recorded = record_decision(
        world.negotiation,
        by=world.actors.secretariat,
        symbol="A/AC.291/L.2",
        body="Ad Hoc Committee",
        title="Arrangements",
        date=datetime.date(2031, 3, 3),
        method="consensus",
    )
    earlier = f.make_vote(world.negotiation, "A/RES/74/247", {})
    # Entries written while decisions were part of positions keep the label they had.
    AuditEntry.objects.create(
        actor=world.secretariat,
        actor_label="secretariat",
        action="decision.recorded",
        negotiation=world.negotiation,
        target_type="positions.decision",
        target_id=str(earlier.pk),
        target_repr=earlier.symbol,
    )
    client.force_login(world.chair)
    page = client.get(AUDIT).content.decode()
    for decision in (recorded, earlier):
        link = f'<a href="/votes/{decision.symbol}/">{decision.symbol}</a>'
        assert f"secretariat recorded the decision {link}." in page
    api = client.get(
        "/api/negotiations/test-ahc/audit",
        headers={"Authorization": f"Bearer {f.token_for(world.chair)}"},
    ).json()
    kinds = {e["target_id"]: e["target_type"] for e in api if e["action"] == "decision.recorded"}
    assert kinds == {str(recorded.pk): "decisions.decision", str(earlier.pk): "decisions.decision"}


def test_a_private_coalitions_drafts_and_red_lines_are_not_shown_to_the_secretariat(client, world):
    publish(world)
    coalition = make_coalition(world, private=True, name="Quiet Caucus")
    draft = make_statement(world, coalition, title=SECRET_TITLE)
    red_line = make_red_line(world, coalition, title="Encryption")
    client.force_login(world.secretariat)
    page = client.get(AUDIT).content.decode()
    for secret in (SECRET_TITLE, "Encryption", SECRET_CRITERION, "We, the undersigned"):
        assert secret not in page
    assert page.count("changed a private coalition&#x27;s draft or red line") == 2
    # The coalition and its members are the secretariat's to see; its drafts are not.
    assert "formed the coalition" in page and "Quiet Caucus" in page

    rows = csv_rows(client.get(AUDIT.replace("audit/", "audit.csv")))
    assert not any(SECRET_TITLE in v or "Encryption" in v for row in rows for v in row.values())
    redacted = [
        row for row in rows if row["subject"] == "" and row["action"] == "statement.drafted"
    ]
    assert len(redacted) == 1 and redacted[0]["changes"] == ""

    api = client.get(
        "/api/negotiations/test-ahc/audit",
        headers={"Authorization": f"Bearer {f.token_for(world.chair)}"},
    ).json()
    assert {e["target_id"] for e in api}.isdisjoint({str(draft.pk), str(red_line.pk)}) or all(
        e["target_type"] not in {"advocacy.statement", "advocacy.redline"} for e in api
    )
    assert SECRET_TITLE not in str(api) and SECRET_CRITERION not in str(api)

    # Once open for sign-on the statement is public, and so is its opening; not its drafting.
    open_for_signature(draft, by=world.actors.stakeholder)
    page = client.get(AUDIT).content.decode()
    assert "stakeholder opened" not in page  # the actor is the organization's person
    assert (
        f'opened <a href="/n/test-ahc/statements/{draft.pk}/">{SECRET_TITLE}</a> for sign-on'
        in page
    )
    assert page.count(SECRET_TITLE) == 1


def test_it_filters_by_person_kind_and_day(client, world):
    list_organization(
        world.negotiation, by=world.actors.secretariat, name="Listed", slug="listed", kind="ngo"
    )
    sessions.suspend_session(world.open_session, by=world.actors.chair, on=world.open_session.start)
    client.force_login(world.chair)
    by_chair = client.get(AUDIT, {"who": "chair"}).content.decode()
    assert "chair suspended" in by_chair and "Listed" not in by_chair
    accreditation = client.get(AUDIT, {"kind": "accreditation"}).content.decode()
    assert "listed <a" in accreditation and "suspended" not in accreditation
    today = datetime.datetime.now(datetime.UTC).date()
    old = client.get(AUDIT, {"until": str(today - datetime.timedelta(days=3))}).content.decode()
    assert "Nothing recorded yet." in old
    bad = client.get(AUDIT, {"since": "yesterday"})
    assert bad.status_code == 400 and "Enter a valid date." in bad.content.decode()


def test_the_csv_keeps_formulas_from_running(client, world):
    list_organization(
        world.negotiation,
        by=world.actors.secretariat,
        name='=HYPERLINK("x")',
        slug="formula",
        kind="ngo",
    )
    client.force_login(world.secretariat)
    rows = csv_rows(client.get(AUDIT.replace("audit/", "audit.csv"), {"kind": "organization"}))
    assert rows and all(row["subject"].startswith("'=") for row in rows)
    assert AuditEntry.objects.filter(action="organization.registered").exists()
