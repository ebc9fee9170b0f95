"""The outbox under SIGKILL: the worker killed at any moment (after fixed times, inside the
transaction of a handler, in the middle of an SMTP conversation, at the final "." of a message)
and the app killed while it writes. Nothing is lost: every event is handled, every follower told
once; nothing is doubled: no notification twice, no email twice (the real SMTP server on
loopback counts each message by its Message-ID).

Real processes: `plenary worker` and uvicorn, against a SQLite file (or the PostgreSQL test
database), and an SMTP server (aiosmtpd) in this process."""

import collections
import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from tests.live.servers import app_server, server_env
from tests.resilience.conftest import REPORT
from tests.resilience.faults import (
    PLENARY,
    ROOT,
    WriteTransactionWatch,
    cli_environment,
    free_port,
    run_plenary,
)

FOLLOWERS = 60
VERSIONS = 8
# Seconds after the worker starts; then inside a transaction, in SMTP, at the final dot.
KILL_AFTER = (0.3, 1.0)
KILL_INSIDE = (0.0, 0.0, 0.01)
KILL_IN_SMTP = ("rcpt", "data", "data")

SEED = f"""
import datetime
from django.utils import timezone
from plenary.advocacy.services.coalitions import create_coalition
from plenary.advocacy.services.red_lines import create_red_line
from plenary.notifications.services import follow
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.text.services.versions import import_version
from tests import factories as f
negotiation = f.make_negotiation(slug="test-ahc")
secretariat = actor_of(f.make_user("secretariat", Role.SECRETARIAT))
organization = f.make_organization(slug="ngo", name="NGO")
f.make_request(negotiation, organization, at=timezone.now(), status="admitted")
founder = f.make_user("founder", Role.STAKEHOLDER, organization=organization)
import_version(negotiation, by=secretariat, lines=["Article 1. Purposes", "1. Wording 0."],
               label="Version 0", date=datetime.date(2023, 6, 1), published=True)
coalition = create_coalition(negotiation, by=actor_of(founder), name="Caucus")
red_line = create_red_line(coalition, by=actor_of(founder), title="Keep it", criterion="Keep it.",
                           provisions=[f.provision_at(negotiation, "art_1__para_1")])
for n in range({FOLLOWERS}):
    person = f.make_user(f"follower-{{n}}", Role.STAKEHOLDER, organization=organization,
                         email=f"follower-{{n}}@example.org")
    follow(actor_of(person), negotiation, "paragraph", "art_1__para_1")
follow(actor_of(founder), negotiation, "red_line", str(red_line.pk))
for v in range(1, {VERSIONS} + 1):
    import_version(negotiation, by=secretariat,
                   lines=["Article 1. Purposes", f"1. Wording {{v}}."], label=f"Version {{v}}",
                   date=datetime.date(2023, 6, 1 + v), published=True)
"""


class Mailbox:
    """An SMTP server's handler that keeps every message by its Message-ID and can kill the
    worker while it talks: at a recipient (mid-conversation) or at the final "." of a message
    (the server has it all)."""

    def __init__(self):
        self.ids: list[str] = []
        self.kill_at: str | None = None
        self.process: subprocess.Popen | None = None
        self.killed = threading.Event()
        self._lock = threading.Lock()

    def arm(self, moment: str, process: subprocess.Popen) -> None:
        self.killed.clear()
        self.kill_at, self.process = moment, process

    def _maybe_kill(self, moment: str) -> None:
        with self._lock:
            if self.kill_at == moment and self.process is not None:
                self.process.send_signal(signal.SIGKILL)
                self.kill_at = None
                self.killed.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._maybe_kill("rcpt")
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        # Whatever happens to the client now, the server has the message: it counts.
        for line in envelope.content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                self.ids.append(line.split(":", 1)[1].strip())
        self._maybe_kill("data")
        return "250 Message accepted for delivery"


@pytest.fixture
def mailbox():
    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


@pytest.fixture
def database(transactional_db, tmp_path):
    """The database URL the processes share, with the seed written, and a way to query it."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

        def query(sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()

    else:
        path = tmp_path / "plenary.sqlite3"
        url = f"sqlite:///{path}"
        run_plenary("migrate", "--verbosity", "0", DATABASE_URL=url)

        def query(sql):
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

    return url, query


@dataclass
class Kill:
    when: str
    killed: bool
    inside: bool


def _worker_env(url: str, port: int) -> dict[str, str]:
    return cli_environment(
        DATABASE_URL=url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        EMAIL_USE_TLS="0",
        # A killed worker's claim on an email is given up quickly here (ten minutes by default).
        EMAIL_CLAIM_SECONDS="1",
    )


def _start_worker(url: str, port: int, watch: WriteTransactionWatch) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603
        [*PLENARY, "worker", "--poll", "0.02"],
        cwd=ROOT,
        env=_worker_env(watch.process_url(), port),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _kill_worker(url, port, mailbox, moment) -> Kill:
    watch = WriteTransactionWatch(url, "plenary-worker")
    process = _start_worker(url, port, watch)
    inside = False
    if isinstance(moment, str):
        mailbox.arm(moment, process)
        mailbox.killed.wait(timeout=60)
        when = f"at SMTP {moment}"
        inside = mailbox.killed.is_set()
    elif moment in KILL_AFTER:
        time.sleep(moment)
        when = f"after {moment} s"
    else:
        inside = _stop_inside_a_transaction(process, watch, moment)
        when = f"{moment} s into a transaction"
    process.send_signal(signal.SIGKILL)
    killed = process.wait() == -signal.SIGKILL
    return Kill(when, killed, inside)


def _stop_inside_a_transaction(
    process: subprocess.Popen, watch: WriteTransactionWatch, moment: float
) -> bool:
    """Stop the worker `moment` seconds after it is seen inside a write transaction; if it has
    left it by then, let it go on and try again. Whether it is inside is read while it is
    stopped, so the kill that follows is known to land there."""
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if watch.inside():
            time.sleep(moment)
            process.send_signal(signal.SIGSTOP)
            _wait_until_stopped(process.pid)
            if watch.inside():
                return True
            process.send_signal(signal.SIGCONT)
        time.sleep(0.001)
    return False


def _wait_until_stopped(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open(f"/proc/{pid}/stat") as stat:
            if stat.read().rsplit(")", 1)[1].split()[0] in ("T", "t", "Z"):
                return
        time.sleep(0.001)


def _check_nothing_doubled(query, mailbox) -> None:
    twice = query(
        "SELECT user_id, subject, body, count(*) FROM notifications_notification "
        "GROUP BY user_id, subject, body HAVING count(*) > 1"
    )
    assert twice == [], "a follower told twice of one change"
    counted = collections.Counter(mailbox.ids)
    assert [mid for mid, n in counted.items() if n > 1] == [], "an email sent twice"


def test_the_worker_killed_at_any_moment_loses_nothing_and_sends_nothing_twice(
    database, mailbox
):
    url, query = database
    box, port = mailbox
    run_plenary("shell", "-c", SEED, DATABASE_URL=url)
    kills = []
    for moment in (*KILL_AFTER, *KILL_INSIDE, *KILL_IN_SMTP):
        kills.append(_kill_worker(url, port, box, moment))
        _check_nothing_doubled(query, box)
    time.sleep(1.1)  # the killed workers' claims on emails lapse
    run_plenary("worker", "--once", **_worker_env(url, port))

    _check_nothing_doubled(query, box)
    expected = FOLLOWERS * VERSIONS + VERSIONS  # the paragraph's followers, the red line's
    assert query("SELECT count(*) FROM notifications_notification")[0][0] == expected
    assert query("SELECT count(*) FROM advocacy_reassessment")[0][0] == VERSIONS
    sent = query("SELECT id FROM notifications_notification WHERE emailed_at IS NOT NULL")
    host = "127.0.0.1"
    assert sorted(box.ids) == sorted(f"<notification-{pk}@{host}>" for (pk,) in sent)
    assert len(sent) == FOLLOWERS * VERSIONS  # the founder has no address
    assert query("SELECT count(*) FROM outbox_event WHERE handled_at IS NULL")[0][0] == 0

    landed = sum(k.killed and k.inside for k in kills)
    in_smtp = sum(k.killed and k.when.startswith("at SMTP") for k in kills)
    REPORT.append(
        f"plenary worker killed {len(kills)} times ({connection.vendor}): {landed} inside a "
        f"transaction or an SMTP conversation ({in_smtp} in SMTP); afterwards {expected} "
        f"notifications, each once, and {len(sent)} emails, each sent once"
    )
    assert in_smtp >= 2 and landed == in_smtp + len(KILL_INSIDE), kills


APP_SEED = """
import datetime
from plenary.notifications.services import follow
from plenary.participation.models import AgendaItem
from plenary.participation.services.floor import open_item
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.text.services.versions import import_version
from tests import factories as f
negotiation = f.make_negotiation(slug="test-ahc")
secretariat = actor_of(f.make_user("secretariat", Role.SECRETARIAT))
chair = f.make_user("chair", Role.CHAIR)
brazil = f.make_delegation(negotiation, "BR", "Brazil")
delegate = f.make_user("delegate-br", Role.DELEGATION, delegation=brazil)
session = f.make_session(negotiation, title="First session", number=1)
item = AgendaItem.objects.create(session=session, number=1, title="General debate")
open_item(item, by=actor_of(chair))
import_version(negotiation, by=secretariat, lines=["Article 1. Purposes", "1. One.", "2. Two."],
               label="Zero draft", date=datetime.date(2023, 6, 1), published=True)
organization = f.make_organization(slug="ngo", name="NGO")
for n in range(20):
    person = f.make_user(f"follower-{n}", Role.STAKEHOLDER, organization=organization,
                         email=f"follower-{n}@example.org")
    follow(actor_of(person), negotiation, "session", str(session.pk))
print(session.pk, item.pk, f.token_for(delegate), f.token_for(chair))
"""
WRITERS = 4
ERRORS: list[str] = []
APP_KILLS = 3


def _request(url: str, method: str, token: str, body: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL we built)
        url,
        method=method,
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError as error:
        ERRORS.append(repr(error))
        return 0  # the server died under the request


def test_the_app_killed_while_it_writes_loses_no_event(database, mailbox):
    url, query = database
    box, port = mailbox
    printed = subprocess.run(  # noqa: S603
        [*PLENARY, "shell", "-c", APP_SEED],
        cwd=ROOT,
        env=cli_environment(DATABASE_URL=url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    session, item, delegate, chair = printed[-4:]
    base = f"/api/negotiations/test-ahc/sessions/{session}/agenda/{item}"
    answered = collections.Counter()
    watch = WriteTransactionWatch(url, "plenary-app")
    landed = 0
    opened = query("SELECT count(*) FROM outbox_event WHERE kind = 'floor.changed'")[0][0]
    for kill in range(APP_KILLS):
        stop = threading.Event()
        with app_server(server_env(DATABASE_URL=watch.process_url())) as (app_port, pid):

            def write(
                n: int, app_port: int = app_port, stop: threading.Event = stop, kill: int = kill
            ) -> None:
                count = 0
                while not stop.is_set():
                    count += 1
                    if n == 0:
                        status = _request(
                            f"http://127.0.0.1:{app_port}{base}/under-discussion",
                            "PUT",
                            chair,
                            {"eid": f"art_1__para_{1 + count % 2}"},
                        )
                    else:
                        status = _request(
                            f"http://127.0.0.1:{app_port}{base}/interventions",
                            "POST",
                            delegate,
                            {"text": f"Contribution {kill}-{n}-{count}."},
                        )
                    answered[status] += 1

            # Warm: the first request of a fresh server loads everything.
            urllib.request.urlopen(
                f"http://127.0.0.1:{app_port}/api/negotiations/test-ahc", timeout=60
            ).close()
            writers = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
            for writer in writers:
                writer.start()
            # Some writes first, then the kill as soon as a write transaction is open.
            time.sleep(1.0 + 0.5 * kill)
            deadline = time.monotonic() + 30
            while not watch.inside() and time.monotonic() < deadline:
                time.sleep(0.001)
            landed += watch.inside()
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            stop.set()
            for writer in writers:
                writer.join(timeout=30)
        # Everything committed carries its event: one per contribution, one per floor change.
        # (One statement, one snapshot: the killed server's last commit may still land.)
        contributions, told, named, changes = query(
            "SELECT (SELECT count(*) FROM participation_intervention), "
            "(SELECT count(*) FROM outbox_event WHERE kind = 'intervention.published'), "
            "(SELECT count(*) FROM audit_auditentry WHERE action = 'agenda.under_discussion'), "
            "(SELECT count(*) FROM outbox_event WHERE kind = 'floor.changed')"
        )[0]
        assert told == contributions
        assert named + opened == changes

    run_plenary("worker", "--once", **_worker_env(url, port))
    contributions = query("SELECT count(*) FROM participation_intervention")[0][0]
    assert answered[201] > 0 and contributions >= answered[201], (answered, ERRORS[:5])
    notifications = query("SELECT count(*) FROM notifications_notification")[0][0]
    assert notifications == 20 * contributions
    _check_nothing_doubled(query, box)
    assert len(box.ids) == notifications
    left = query("SELECT count(*) FROM outbox_event WHERE handled_at IS NULL")[0][0]
    assert left == 0
    assert landed >= 1
    REPORT.append(
        f"app server killed {APP_KILLS} times under {WRITERS} writers ({connection.vendor}), "
        f"{landed} inside a write transaction: {contributions} contributions committed "
        f"({answered[201]} answered 201), each with its event; {notifications} notifications "
        "and as many emails, each once"
    )
