"""Interventions: published after speaking, written contributions, linked to paragraphs."""

import pytest

from plenary.errors import Conflict, NotAllowed
from plenary.participation.models import FloorStatus, InterventionKind
from plenary.participation.services.interventions import (
    publish_statement,
    submit_written_contribution,
)
from plenary.participation.visibility import visible_interventions
from tests.participation.factories import (
    accredit,
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db


def test_it_publishes_a_statement_after_the_speaker_spoke(world):
    publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["chp_2"])
    entry = make_speaker(item, delegation=world.brazil)
    with pytest.raises(Conflict, match="has not spoken yet"):
        publish_statement(entry, by=world.actors.delegate, text="Mr Chair, ...")
    entry.status = FloorStatus.SPOKE
    entry.save()
    with pytest.raises(NotAllowed):
        publish_statement(entry, by=world.actors.other_delegate, text="Not mine")
    paragraph = parts(world.negotiation, ["art_7__para_1"])
    statement = publish_statement(
        entry, by=world.actors.delegate, text="Mr Chair, ...", provisions=paragraph
    )
    assert statement.kind == InterventionKind.ORAL
    assert (statement.delegation, list(statement.provisions.all())) == (world.brazil, paragraph)
    with pytest.raises(Conflict, match="already published"):
        publish_statement(entry, by=world.actors.secretariat, text="Again")


def test_it_lets_the_secretariat_publish_a_statement_with_the_items_paragraphs(world):
    publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["chp_2"])
    entry = make_speaker(item, delegation=world.kenya, status=FloorStatus.SPOKE)
    statement = publish_statement(entry, by=world.actors.secretariat, text="On behalf of Kenya ...")
    assert list(statement.provisions.all()) == parts(world.negotiation, ["chp_2"])


def test_it_takes_written_contributions_from_accredited_organizations_only(world):
    publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation))
    with pytest.raises(NotAllowed):
        submit_written_contribution(
            item, by=world.actors.stakeholder, organization=world.organization, text="Our view"
        )
    accredit(world.negotiation, world.organization)
    written = submit_written_contribution(
        item,
        by=world.actors.stakeholder,
        organization=world.organization,
        text="Our view",
        provisions=parts(world.negotiation, ["art_7__para_1"]),
    )
    assert written.kind == InterventionKind.WRITTEN
    assert list(written.provisions.all()) == parts(world.negotiation, ["art_7__para_1"])
    assert written.author_label == "Digital Rights Network"


def test_it_hides_closed_sessions_interventions_from_stakeholders_and_the_public(world):
    from django.contrib.auth.models import AnonymousUser

    closed = make_upcoming_session(
        world.negotiation, kind="informal", number=None, openness="closed"
    )
    item = make_agenda_item(closed)
    submit_written_contribution(
        item, by=world.actors.delegate, delegation=world.brazil, text="Closed"
    )
    assert visible_interventions(world.delegate, world.negotiation).count() == 1
    assert visible_interventions(world.stakeholder, world.negotiation).count() == 0
    assert visible_interventions(AnonymousUser(), world.negotiation).count() == 0
