import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotSignedIn, StaleEdit
from plenary.process.actors import PUBLIC
from plenary.process.models import Session
from plenary.process.services.sessions import (
    conclude_session,
    create_session,
    postpone_session,
    reconvene_session,
    reschedule_session,
    suspend_session,
    update_session,
)

D = datetime.date


def new_session(world, **changes):
    fields = {
        "kind": "concluding",
        "title": "Concluding session",
        "start": D(2024, 1, 29),
        "end": D(2024, 2, 9),
        "city": "New York",
        "mode": "in_person",
        "openness": "open",
    } | changes
    return create_session(world.negotiation, by=world.actors.secretariat, **fields)


def test_the_secretariat_creates_a_session_in_the_citys_time_zone(world):
    session = new_session(world, city="Vienna")
    assert session.timezone == "Europe/Vienna"
    entry = AuditEntry.objects.get(action="session.created")
    assert entry.actor == world.secretariat and entry.after["title"] == "Concluding session"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end": D(2024, 1, 1)}, "before the first day"),
        ({"mode": "remote"}, "remote session has no city"),
        ({"city": ""}, "needs a city"),
        ({"kind": "substantive"}, "needs its number"),
        ({"kind": "informal"}, "closed to stakeholders"),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"mode": "teleport"}, "Mode must be one of"),
    ],
)
def test_it_refuses_an_invalid_session_and_writes_nothing(world, changes, message):
    before = Session.objects.count()
    with pytest.raises(InvalidInput, match=message):
        new_session(world, **changes)
    assert Session.objects.count() == before
    assert not AuditEntry.objects.filter(action="session.created").exists()


def test_a_session_number_is_used_once(world):
    with pytest.raises(Conflict, match="already a substantive session number 1"):
        new_session(world, kind="substantive", number=1)


def test_stakeholders_and_the_public_cannot_create_sessions(world):
    with pytest.raises(NotAllowed):
        create_session(world.negotiation, by=world.actors.stakeholder, kind="concluding")
    with pytest.raises(NotSignedIn):
        create_session(world.negotiation, by=PUBLIC, kind="concluding")


def test_it_suspends_and_reconvenes_a_session_and_the_history_shows_both(world):
    session = new_session(world)
    suspend_session(session, by=world.actors.chair, on=D(2024, 2, 9), note="No agreement yet")
    resumed = reconvene_session(
        session,
        by=world.actors.secretariat,
        start=D(2024, 7, 29),
        end=D(2024, 8, 9),
        mode="in_person",
        city="New York",
        sources=[{"symbol": "A/DEC/78/549"}],
    )
    session.refresh_from_db()
    assert session.status == "suspended"
    assert [(e.kind, e.date) for e in session.events.all()] == [
        ("suspended", D(2024, 2, 9)),
        ("reconvened", D(2024, 7, 29)),
    ]
    assert resumed.kind == "resumed" and resumed.resumes == session
    assert resumed.title == "Concluding session (reconvened)"
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["session.suspended", "session.reconvened"]


def test_a_session_is_suspended_only_during_its_dates(world):
    session = new_session(world)
    with pytest.raises(InvalidInput, match="during its dates"):
        suspend_session(session, by=world.actors.chair, on=D(2024, 3, 1))


def test_only_a_suspended_session_can_be_reconvened(world):
    session = new_session(world)
    with pytest.raises(Conflict, match="Only a suspended session"):
        reconvene_session(
            session,
            by=world.actors.chair,
            start=D(2024, 7, 29),
            end=D(2024, 8, 9),
            mode="in_person",
            city="New York",
        )


def test_a_session_reconvenes_after_its_suspension(world):
    session = new_session(world)
    suspend_session(session, by=world.actors.chair, on=D(2024, 2, 9))
    with pytest.raises(InvalidInput, match="after the suspension"):
        reconvene_session(
            session,
            by=world.actors.chair,
            start=D(2024, 2, 1),
            end=D(2024, 2, 5),
            mode="in_person",
            city="New York",
        )


def test_a_postponed_session_is_rescheduled_with_its_history(world):
    session = new_session(world, kind="organizational", start=D(2020, 8, 3), end=D(2020, 8, 5))
    postpone_session(session, by=world.actors.secretariat, on=D(2020, 8, 1), note="COVID-19")
    reschedule_session(
        session,
        by=world.actors.secretariat,
        on=D(2021, 2, 1),
        start=D(2021, 5, 10),
        end=D(2021, 5, 12),
    )
    session.refresh_from_db()
    assert (session.start, session.status) == (D(2021, 5, 10), "scheduled")
    assert [e.kind for e in session.events.all()] == ["postponed", "rescheduled"]


def test_a_concluded_session_cannot_be_suspended(world):
    session = new_session(world)
    conclude_session(session, by=world.actors.chair, on=D(2024, 2, 9))
    with pytest.raises(Conflict, match="Only a scheduled session"):
        suspend_session(session, by=world.actors.chair, on=D(2024, 2, 9))


def test_an_edit_on_an_out_of_date_copy_is_refused_and_loses_nothing(world):
    session = new_session(world)
    opened_at = session.lock_version
    update_session(
        session, by=world.actors.secretariat, expected_version=opened_at, title="First edit"
    )
    stale = Session.objects.get(pk=session.pk)
    stale.lock_version = opened_at
    with pytest.raises(StaleEdit, match="changed by someone else"):
        update_session(
            stale, by=world.actors.chair, expected_version=opened_at, title="Second edit"
        )
    session.refresh_from_db()
    assert session.title == "First edit"
    entry = AuditEntry.objects.get(action="session.updated")
    assert entry.before["title"] == "Concluding session" and entry.after["title"] == "First edit"
