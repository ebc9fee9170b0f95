"""Fifty delegations proposing on one paragraph at the same moment, each through its own
database connection: every proposal and every audit entry is kept."""

import datetime
import threading

import pytest
from django.db import connection, connections

from plenary.audit.models import AuditEntry
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.text.models import Proposal
from plenary.text.services.versions import import_version
from plenary.text.services.working import propose
from tests import factories as f
from tests.factories import provision_at

WRITERS = 50
EID = "art_1__para_1"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer at a time by design; concurrent writers are a PostgreSQL test",
)
def test_fifty_concurrent_proposals_on_one_paragraph_are_all_kept(transactional_db, world):
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Purposes", "1. To prevent cybercrime."],
    )
    writers = []
    for n in range(WRITERS):
        code = chr(ord("X") + n // 26) + chr(ord("A") + n % 26)  # XA … YX, none of the world's
        delegation = f.make_delegation(world.negotiation, code, f"State {code}")
        user = f.make_user(f"writer-{n}", Role.DELEGATION, delegation=delegation)
        writers.append((user, delegation))
    paragraph = provision_at(world.negotiation, EID)
    audit_before = AuditEntry.objects.count()
    start = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(user, delegation, n):
        try:
            start.wait()
            propose(
                world.negotiation,
                by=actor_of(user),
                delegation=delegation,
                provision=paragraph,
                kind="alternative",
                text=f"Wording number {n}.",
            )
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=write, args=(user, delegation, n))
        for n, (user, delegation) in enumerate(writers)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    texts = set(Proposal.objects.filter(provision=paragraph).values_list("text", flat=True))
    assert texts == {f"Wording number {n}." for n in range(WRITERS)}
    made = AuditEntry.objects.filter(action="proposal.made")
    assert AuditEntry.objects.count() - audit_before == WRITERS == made.count()
