"""A deployment's decisions move from positions into the decisions app without being copied:
decisions and their recorded votes are made on the schema before the move (as the old code left
them, adopting a version and approving a treaty, with their audit entries and content types),
the migrations run, and every row is where it was, reached through the new models."""

import datetime

import pytest

from tests.migrating import migrate, migrate_to_the_latest

BEFORE = [
    ("decisions", None),
    ("positions", "0012_objection_reason_limit"),
    ("text", "0009_provisions_required"),
    ("treaty", "0003_adoption_steps"),
]




@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate_to_the_latest()


def test_it_keeps_every_decision_vote_and_reference_made_before_the_move(old_schema):
    apps = old_schema
    model = apps.get_model
    assert ("decisions", "Decision") not in {
        (m._meta.app_label, m.__name__) for m in apps.get_models()
    }
    negotiation = model("process", "Negotiation").objects.create(
        slug="old",
        title="Old committee",
        short_title="Old",
        mandate="A/RES/1/1",
        body="Ad Hoc Committee",
        secretariat="UNODC",
        decision_rule="Consensus.",
    )
    brazil, chile = (
        model("process", "Delegation").objects.create(
            negotiation=negotiation, iso2=iso2, name=name, kind="member_state", region="Americas"
        )
        for iso2, name in (("BR", "Brazil"), ("CL", "Chile"))
    )
    Decision = model("positions", "Decision")
    mandate = Decision.objects.create(
        negotiation=negotiation,
        symbol="A/RES/1/1",
        body="General Assembly",
        title="The mandate",
        date=datetime.date(2019, 12, 27),
        method="recorded_vote",
        sources=[{"symbol": "A/RES/1/1"}],
    )
    model("positions", "VoteCast").objects.bulk_create(
        [
            model("positions", "VoteCast")(decision=mandate, delegation=brazil, vote="yes"),
            model("positions", "VoteCast")(decision=mandate, delegation=chile, vote="no"),
        ]
    )
    adoption = Decision.objects.create(
        negotiation=negotiation,
        symbol="A/AC.1/L.9",
        body="Ad Hoc Committee",
        title="Adoption of the draft convention",
        date=datetime.date(2024, 8, 8),
        method="consensus",
    )
    model("text", "Version").objects.create(
        negotiation=negotiation,
        label="Final",
        date=datetime.date(2024, 8, 8),
        position=1,
        content={"parts": []},
        adopted_by=adoption,
    )
    model("treaty", "Treaty").objects.create(
        negotiation=negotiation,
        title="The convention",
        approved_by=adoption,
        threshold=40,
        days_after_threshold=90,
        days_after_later_deposit=30,
    )
    model("audit", "AuditEntry").objects.create(
        actor_label="secretariat",
        action="decision.recorded",
        negotiation=negotiation,
        target_type="positions.decision",
        target_id=str(mandate.pk),
        target_repr=mandate.symbol,
    )
    ContentType = model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="decisions").delete()
    kind = ContentType.objects.get_or_create(app_label="positions", model="decision")[0]

    migrate_to_the_latest()

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from plenary.audit.models import AuditEntry
    from plenary.decisions.models import Decision as MovedDecision
    from plenary.decisions.services import vote_counts
    from plenary.text.models import Version
    from plenary.treaty.models import Treaty

    moved = MovedDecision.objects.get(symbol="A/RES/1/1")
    assert moved.pk == mandate.pk and moved.title == "The mandate"
    assert vote_counts(moved) == {"yes": 1, "no": 1, "abstain": 0, "absent": 0}
    adopted = MovedDecision.objects.get(symbol="A/AC.1/L.9")
    assert Version.objects.get(label="Final").adopted_by == adopted
    assert Treaty.objects.get(title="The convention").approved_by == adopted
    assert adopted.final_version.label == "Final"
    # The audit trail keeps what it stored, and reads it as the decision it names.
    entry = AuditEntry.objects.get(action="decision.recorded")
    assert entry.target_type == "positions.decision"
    assert entry.subject_type == "decisions.decision"
    CurrentContentType.objects.clear_cache()
    assert CurrentContentType.objects.get_for_model(MovedDecision).pk == kind.pk
