"""The outbox and its worker: events are written with the change and handled afterwards, once;
a failing handler is retried without holding up the others; the worker runs as its own process,
several at once, and stops when told."""

import datetime
import signal
import subprocess
import threading
import time

import pytest
from django.core.checks import run_checks
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from plenary.notifications.models import Notification
from plenary.notifications.services import follow
from plenary.outbox.events import drain, emit, handle_next, handles
from plenary.outbox.models import Event
from plenary.process.actors import actor_of
from plenary.process.models import Role
from tests import factories as f
from tests.advocacy.factories import publish, revised
from tests.resilience.faults import PLENARY, ROOT, cli_environment, run_plenary

HEARD: list[str] = []


@handles("test.happened")
def steady(event: Event) -> None:
    HEARD.append(f"steady {event.payload['n']}")


@handles("test.happened")
def flaky(event: Event) -> None:
    if event.attempts == 0:
        raise RuntimeError("the first try fails")
    HEARD.append(f"flaky {event.payload['n']}")


@pytest.fixture
def heard():
    HEARD.clear()
    yield HEARD
    HEARD.clear()


def test_a_failing_handler_is_retried_later_and_holds_up_no_other(db, heard):
    with transaction.atomic():
        emit("test.happened", n=1)
    assert drain() == 1
    assert heard == ["steady 1"]
    failed = Event.objects.get(handler__endswith="flaky")
    assert failed.handled_at is None and failed.attempts == 1
    assert "the first try fails" in failed.error
    assert failed.due_at > timezone.now()  # it waits before the next try
    drain()
    assert heard == ["steady 1"]  # not before it is due

    Event.objects.filter(pk=failed.pk).update(due_at=timezone.now())
    drain()
    assert heard == ["steady 1", "flaky 1"]
    assert not Event.objects.filter(handled_at=None).exists()
    drain()
    assert heard == ["steady 1", "flaky 1"]  # handled once


def test_the_once_command_says_what_it_could_not_handle(db, heard, capsys):
    emit("test.happened", n=2)
    with pytest.raises(CommandError, match="could not be handled"):
        call_command("worker", once=True)
    assert "1 handled, 1 failing, 0 given up." in capsys.readouterr().out
    Event.objects.filter(handled_at=None).update(due_at=timezone.now())
    call_command("worker", once=True)
    assert heard == ["steady 2", "flaky 2"]


def test_nothing_is_written_for_an_event_nobody_handles(db):
    assert emit("test.nobody-listens", n=3) == []
    assert not Event.objects.exists()


def test_production_needs_the_site_address_for_the_links_in_emails(settings):
    settings.MODE = "production"
    for missing in ("", "plenary.example.org", "ftp://plenary.example.org"):
        settings.SITE_URL = missing
        assert [e.id for e in run_checks()] == ["plenary.E001"]
    settings.SITE_URL = "https://plenary.example.org"
    assert run_checks() == []


@pytest.mark.django_db(transaction=True)
def test_emails_link_to_the_site_address(world, smtp, settings):
    settings.SITE_URL = "https://plenary.example.org"
    world.delegate.email = "delegate@example.org"
    world.delegate.save(update_fields=["email"])
    publish(world)
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    second = publish(world, revised({1: "1. To combat cybercrime only."}), label="Rev", day=2)
    drain()
    (mail,) = smtp.messages
    first = second.negotiation.versions.get(label="Zero draft")
    link = f"https://plenary.example.org/n/test-ahc/compare/?from={first.pk}&to={second.pk}"
    assert link.encode() in mail.content


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite writes one transaction at a time; several workers at once is a PostgreSQL test",
)
def test_several_workers_at_once_handle_each_event_once(transactional_db, world):
    publish(world)
    followers = [
        f.make_user(f"follower-{n}", Role.STAKEHOLDER, organization=world.organization)
        for n in range(20)
    ]
    for person in followers:
        follow(actor_of(person), world.negotiation, "paragraph", "art_1__para_1")
    drain()
    for day in range(2, 12):
        publish(world, revised({1: f"1. Wording of day {day}."}), label=f"Rev {day}", day=day)
    events = Event.objects.filter(handled_at=None).count()
    assert events == 20  # ten versions, two handlers each
    start = threading.Barrier(8)
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            start.wait()
            while handle_next(f"worker {n}") is not None:
                pass
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert not Event.objects.filter(handled_at=None).exists()
    assert len(set(Event.objects.values_list("handled_by", flat=True))) > 1
    # Each follower once per version: ten each, none twice.
    for person in followers:
        assert Notification.objects.filter(user=person).count() == 10


def test_the_worker_runs_as_its_own_process_and_stops_when_told(tmp_path):
    url = f"sqlite:///{tmp_path / 'plenary.sqlite3'}"
    run_plenary("migrate", "--verbosity", "0", DATABASE_URL=url)
    run_plenary("shell", "-c", SEED, DATABASE_URL=url)
    worker = subprocess.Popen(  # noqa: S603
        [*PLENARY, "worker", "--poll", "0.05"],
        cwd=ROOT,
        env=cli_environment(DATABASE_URL=url),
    )
    try:
        run_plenary("shell", "-c", CHANGE, DATABASE_URL=url)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _told(tmp_path) == 0:
            time.sleep(0.1)
        assert _told(tmp_path) == 1
    finally:
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=20) == 0


SEED = """
import datetime
from plenary.notifications.services import follow
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.text.services.versions import import_version
from tests import factories as f
negotiation = f.make_negotiation(slug="test-ahc")
secretariat = actor_of(f.make_user("secretariat", Role.SECRETARIAT))
organization = f.make_organization(slug="ngo", name="NGO")
follower = f.make_user("follower", Role.STAKEHOLDER, organization=organization)
import_version(negotiation, by=secretariat, lines=["Article 1. Purposes", "1. To prevent."],
               label="Zero draft", date=datetime.date(2023, 6, 1), published=True)
follow(actor_of(follower), negotiation, "paragraph", "art_1__para_1")
"""
CHANGE = """
import datetime
from plenary.process.actors import actor_of
from plenary.process.models import Negotiation, User
from plenary.text.services.versions import import_version
secretariat = actor_of(User.objects.get(username="secretariat"))
import_version(Negotiation.objects.get(), by=secretariat,
               lines=["Article 1. Purposes", "1. To prevent and combat."], label="Revised",
               date=datetime.date(2023, 6, 2), published=True)
"""


def _told(tmp_path) -> int:
    import sqlite3

    with sqlite3.connect(tmp_path / "plenary.sqlite3") as db:
        return db.execute("SELECT count(*) FROM notifications_notification").fetchone()[0]


def test_a_handled_event_is_kept_a_while_then_pruned(db, settings, heard):
    from plenary.outbox.worker import prune_handled_events

    emit("test.happened", n=4)
    drain()
    old = timezone.now() - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS + 1)
    Event.objects.filter(handled_at__isnull=False).update(handled_at=old)
    prune_handled_events()
    assert list(Event.objects.values_list("handler", flat=True)) == [
        "tests.outbox.test_worker.flaky"
    ]
