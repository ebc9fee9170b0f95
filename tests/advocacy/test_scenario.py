"""The reference scenario's advocacy: illustrative, labelled, loaded twice without duplicates."""

import pytest

from plenary.advocacy.models import (
    Assessment,
    Coalition,
    CoalitionMember,
    Reassessment,
    RedLine,
    Signature,
    Statement,
    StatementWording,
)
from plenary.advocacy.services.statements import signatories
from plenary.scenarios.loader import load_scenario
from tests.factories import provision_at

MODELS = (
    Coalition,
    CoalitionMember,
    Statement,
    StatementWording,
    Signature,
    RedLine,
    Assessment,
    Reassessment,
)


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_twice_without_duplicates(ahc):
    first = counts()
    assert first["Coalition"] == 2 and first["RedLine"] == 3
    load_scenario("cybercrime-ahc")
    assert counts() == first


def test_everything_is_illustrative(ahc):
    for model in (Coalition, Statement, RedLine, Signature, Assessment, CoalitionMember):
        assert not model.objects.filter(illustrative=False).exists(), model.__name__


def test_the_published_statement_counts_three_signatories_and_one_withdrawal(ahc):
    statement = Statement.objects.get(status="published")
    assert len(signatories(statement)) == 3
    assert statement.signatures.filter(withdrawn_at__isnull=False).count() == 1
    assert statement.sessions.get().kind == "concluding"


def test_the_revised_draft_reflags_only_the_red_line_left_unassessed(ahc):
    flagged = Reassessment.objects.filter(cleared_at__isnull=True)
    assert [f.red_line.title for f in flagged] == ["Security research is not criminalized"]
    # The safeguards paragraph did not change between the drafts: never flagged.
    zero = ahc.versions.get(label="Example zero draft")
    safeguards = RedLine.objects.get(provisions=provision_at(ahc, "art_24__p_1", zero))
    assert safeguards.title == "Human rights safeguards on procedural powers"
    assert not Reassessment.objects.filter(red_line=safeguards).exists()


def test_the_pages_say_it_is_illustrative(ahc, client):
    statement = Statement.objects.get(status="published")
    coalition = statement.coalition
    for url in (
        "/n/cybercrime-ahc/coalitions/",
        f"/n/cybercrime-ahc/coalitions/{coalition.slug}/",
        f"/n/cybercrime-ahc/statements/{statement.pk}/",
        f"/n/cybercrime-ahc/coalitions/{coalition.slug}/scorecard/",
        f"/n/cybercrime-ahc/red-lines/{coalition.red_lines.first().pk}/",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert 'class="illustrative"' in page.content.decode(), url
