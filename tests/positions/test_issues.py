"""Issues and capabilities: defined by the secretariat, sourced or marked illustrative, audited."""

import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.positions.models import Capability, Issue
from plenary.positions.services import define_issue, set_capability
from plenary.text.services.versions import import_version
from tests.factories import provision_at

SOURCE = [{"symbol": "A/AC.291/CRP.1"}]
OPTIONS = [{"label": "narrow", "value": 10}, {"label": "wide", "value": 90}]


def issue(world, **changes):
    fields = {
        "by": world.actors.secretariat,
        "slug": "scope",
        "title": "Scope of criminalization",
        "options": OPTIONS,
        "sources": SOURCE,
    } | changes
    return define_issue(world.negotiation, **fields)


def draft(world):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 7. Illegal access", "1. Each State Party shall.", "2. It may."],
    )


def test_the_secretariat_defines_an_issue_with_options_on_the_scale(world):
    draft(world)
    paragraph = provision_at(world.negotiation, "art_7__para_1")
    defined = issue(world, provisions=[paragraph, paragraph], status_quo=20)
    assert defined.options == [{"label": "narrow", "value": 10.0}, {"label": "wide", "value": 90.0}]
    assert (list(defined.provisions.all()), defined.status_quo) == ([paragraph], 20)
    assert AuditEntry.objects.filter(action="issue.defined").count() == 1


def test_a_delegation_cannot_define_issues(world):
    with pytest.raises(NotAllowed):
        issue(world, by=world.actors.delegate)
    assert not Issue.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"options": [{"label": "narrow", "value": 120}]}, "from 0 to 100"),
        ({"options": [{"label": "only", "value": 10}]}, "from 2 to 10"),
        ({"options": [OPTIONS[0], OPTIONS[0]]}, "same label"),
        ({"options": [{"value": 10}, OPTIONS[1]]}, "has a label"),
        ({"status_quo": -1}, "no-agreement point"),
        ({"sources": []}, "needs its source"),
        ({"slug": "scope of things"}, "letters, digits and hyphens"),
    ],
)
def test_a_malformed_issue_is_refused_with_a_sentence(world, changes, message):
    with pytest.raises(InvalidInput, match=message):
        issue(world, **changes)
    assert not Issue.objects.exists()


def test_an_issue_concerns_only_paragraphs_of_the_text(client, world):
    from tests.factories import token_for

    draft(world)
    response = client.post(
        "/api/negotiations/test-ahc/issues",
        {
            "slug": "scope",
            "title": "Scope",
            "eids": ["art_7__para_1", "art_7__para_9"],
            "sources": SOURCE,
        },
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.secretariat)}"},
    )
    assert response.status_code == 400
    assert "no paragraph art_7__para_9 in the text" in response.json()["detail"]
    assert not Issue.objects.exists()


def test_an_issue_of_another_negotiations_text_is_refused(world):
    from tests import factories as f

    other = f.make_negotiation(slug="other")
    import_version(
        other,
        by=world.actors.secretariat,
        label="Other",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Other", "1. Text."],
    )
    elsewhere = provision_at(other, "art_1__para_1")
    with pytest.raises(InvalidInput, match="not part of this negotiation"):
        issue(world, provisions=[elsewhere])


def test_an_illustrative_issue_needs_no_source_and_slugs_are_unique(world):
    issue(world, sources=[], illustrative=True)
    with pytest.raises(Conflict, match="already an issue scope"):
        issue(world)


def test_a_capability_comes_from_a_source_and_replaces_the_last_one(world):
    with pytest.raises(InvalidInput, match="index it comes from"):
        set_capability(world.negotiation, by=world.actors.chair, delegation=world.brazil, value=2)
    with pytest.raises(InvalidInput, match="positive number"):
        set_capability(
            world.negotiation,
            by=world.actors.chair,
            delegation=world.brazil,
            value=0,
            sources=SOURCE,
        )
    with pytest.raises(NotAllowed):
        set_capability(
            world.negotiation,
            by=world.actors.delegate,
            delegation=world.brazil,
            value=2,
            sources=SOURCE,
        )
    set_capability(
        world.negotiation, by=world.actors.chair, delegation=world.brazil, value=2, sources=SOURCE
    )
    set_capability(
        world.negotiation,
        by=world.actors.chair,
        delegation=world.brazil,
        value=3,
        illustrative=True,
    )
    capability = Capability.objects.get()
    assert (capability.value, capability.illustrative) == (3, True)
    changes = AuditEntry.objects.filter(action="capability.set").order_by("id")
    assert [c.before and c.before["value"] for c in changes] == [None, 2.0]
