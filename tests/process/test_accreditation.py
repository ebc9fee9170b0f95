import datetime

import pytest
from django.utils import timezone

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, DeadlinePassed, NotAllowed, NotYourDelegation, StaleEdit
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.services.accreditation import (
    admit_lapsed_requests,
    decide_accreditation,
    object_to_accreditation,
    request_accreditation,
)
from tests import factories as f

NOW = datetime.datetime(2022, 3, 1, 12, 0, tzinfo=datetime.UTC)


def test_it_admits_an_ecosoc_organization_on_request(world):
    world.organization.ecosoc_status = True
    world.organization.save()
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder
    )
    assert request.status == AccreditationStatus.ADMITTED
    assert request.path == "ecosoc"
    assert AuditEntry.objects.filter(action="accreditation.admitted_ecosoc").count() == 1


def test_it_lists_other_organizations_for_the_non_objection_period(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    assert request.status == AccreditationStatus.PENDING
    assert request.non_objection_deadline == NOW + datetime.timedelta(days=14)


def test_it_uses_the_negotiations_configured_period(world):
    world.negotiation.non_objection_days = 7
    world.negotiation.save()
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    assert request.non_objection_deadline == NOW + datetime.timedelta(days=7)


def test_it_admits_automatically_when_the_period_passes_without_objection(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    assert admit_lapsed_requests(at=NOW + datetime.timedelta(days=13)) == []
    admitted = admit_lapsed_requests(at=NOW + datetime.timedelta(days=14))
    assert [r.pk for r in admitted] == [request.pk]
    request.refresh_from_db()
    assert request.status == AccreditationStatus.ADMITTED
    entry = AuditEntry.objects.get(action="accreditation.admitted_no_objection")
    assert entry.actor is None and entry.before["status"] == "pending"
    assert entry.after["status"] == "admitted"


def test_an_objection_holds_the_request_and_it_is_not_admitted_on_lapse(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    object_to_accreditation(
        request,
        by=world.actors.delegate,
        delegation=world.brazil,
        reason="Not related to the mandate.",
        at=NOW + datetime.timedelta(days=2),
    )
    request.refresh_from_db()
    assert request.status == AccreditationStatus.HELD
    assert admit_lapsed_requests(at=NOW + datetime.timedelta(days=30)) == []
    request.refresh_from_db()
    assert request.status == AccreditationStatus.HELD
    assert request.objections.get().reason == "Not related to the mandate."


def test_a_delegation_cannot_object_on_behalf_of_another_state(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    with pytest.raises(NotYourDelegation, match="cannot act on behalf of Kenya"):
        object_to_accreditation(
            request, by=world.actors.delegate, delegation=world.kenya, reason="x", at=NOW
        )
    assert request.objections.count() == 0


def test_only_member_states_can_object(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    with pytest.raises(NotAllowed, match="Only member states"):
        object_to_accreditation(
            request,
            by=world.actors.observer_delegate,
            delegation=world.holy_see,
            reason="x",
            at=NOW,
        )


def test_an_objection_after_the_period_is_refused(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    with pytest.raises(DeadlinePassed, match="non-objection period"):
        object_to_accreditation(
            request,
            by=world.actors.delegate,
            delegation=world.brazil,
            reason="Too late",
            at=NOW + datetime.timedelta(days=15),
        )


def test_a_state_objects_only_once(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    object_to_accreditation(
        request, by=world.actors.delegate, delegation=world.brazil, reason="a", at=NOW
    )
    with pytest.raises(Conflict, match="already objected"):
        object_to_accreditation(
            request, by=world.actors.delegate, delegation=world.brazil, reason="b", at=NOW
        )


def test_the_secretariat_decides_a_held_request(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    object_to_accreditation(
        request, by=world.actors.delegate, delegation=world.brazil, reason="a", at=NOW
    )
    request.refresh_from_db()
    decide_accreditation(
        request,
        by=world.actors.secretariat,
        admit=True,
        note="Committee decision",
        expected_version=request.lock_version,
    )
    request.refresh_from_db()
    assert request.status == AccreditationStatus.ADMITTED
    assert request.decided_by == world.secretariat


def test_a_decision_on_an_out_of_date_copy_is_refused(world):
    request = request_accreditation(
        world.negotiation, world.organization, by=world.actors.stakeholder, at=NOW
    )
    stale_version = request.lock_version
    object_to_accreditation(
        request, by=world.actors.delegate, delegation=world.brazil, reason="a", at=NOW
    )
    with pytest.raises(StaleEdit, match="changed by someone else"):
        decide_accreditation(
            request, by=world.actors.chair, admit=False, note="x", expected_version=stale_version
        )


def test_a_delegation_cannot_decide(world):
    request = f.make_request(
        world.negotiation, world.organization, at=timezone.now(), status=AccreditationStatus.HELD
    )
    with pytest.raises(NotAllowed, match="secretariat or the chair"):
        decide_accreditation(request, by=world.actors.delegate, admit=True, note="x")


def test_a_stakeholder_asks_only_for_their_own_organization(world):
    other = f.make_organization()
    with pytest.raises(NotAllowed, match="your own organization"):
        request_accreditation(world.negotiation, other, by=world.actors.stakeholder)


def test_an_organization_asks_once(world):
    request_accreditation(world.negotiation, world.organization, by=world.actors.stakeholder)
    with pytest.raises(Conflict, match="already asked"):
        request_accreditation(world.negotiation, world.organization, by=world.actors.stakeholder)


def test_the_command_admits_lapsed_requests(world, capsys):
    from django.core.management import call_command

    request = f.make_request(
        world.negotiation, world.organization, at=timezone.now() - datetime.timedelta(days=15)
    )
    call_command("admit_lapsed_accreditations")
    request.refresh_from_db()
    assert request.status == AccreditationStatus.ADMITTED
    assert "1 admitted." in capsys.readouterr().out
