import pytest
from django.db import transaction
from django.db.models import ProtectedError

from plenary.audit.models import AppendOnly, AuditEntry
from plenary.audit.services import record


def test_the_audit_trail_cannot_be_changed_or_deleted(world):
    entry = record("session.created", world.open_session, by=world.secretariat)
    entry.note = "rewritten"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(note="rewritten")
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).note == ""


def test_an_account_that_acted_cannot_be_deleted_so_its_entries_never_change(world):
    entry = record("session.created", world.open_session, by=world.chair)
    before = AuditEntry.objects.filter(pk=entry.pk).values().get()
    with pytest.raises(ProtectedError), transaction.atomic():
        world.chair.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).values().get() == before
    # Deactivating is the way to remove someone; the entry still names them.
    world.chair.is_active = False
    world.chair.save()
    entry.refresh_from_db()
    assert entry.actor == world.chair and entry.actor_label == "chair"


def test_an_account_that_never_acted_can_still_be_deleted(world):
    world.stakeholder.delete()
    assert not type(world.stakeholder).objects.filter(pk=world.stakeholder.pk).exists()


def test_the_audit_page_is_for_the_secretariat(client, world):
    record(
        "session.created", world.open_session, by=world.secretariat, negotiation=world.negotiation
    )
    client.force_login(world.secretariat)
    page = client.get("/n/test-ahc/manage/audit/").content.decode()
    assert "secretariat created the session" in page and "First session" in page


def test_no_queryset_path_rewrites_the_audit_trail(world):
    entry = record("session.created", world.open_session, by=world.secretariat)
    entry_again = AuditEntry.objects.get(pk=entry.pk)
    entry_again.note = "rewritten"
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEntry.objects.bulk_update([entry_again], ["note"])
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEntry.objects.filter(action="session.created").order_by("pk").update(note="x")
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEntry.objects.exclude(pk=None).filter(pk=entry.pk).delete()
    with pytest.raises(AppendOnly), transaction.atomic():
        AuditEntry.objects.update_or_create(pk=entry.pk, defaults={"note": "rewritten"})
    assert AuditEntry.objects.get(pk=entry.pk).note == ""
