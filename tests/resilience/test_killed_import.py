"""A draft import or a consolidation killed halfway (SIGKILL of the real process) leaves all
or nothing: the version, its search index and its audit entry.

Each is killed at fixed moments (before, during or after its work) and, to be sure the kill
lands inside the transaction, again as soon as the database shows that the process is inside
it (on SQLite it holds the write lock; on PostgreSQL its connection has a transaction that
has written) and a little later. At least one kill must have landed while the transaction was
open, and after every kill nothing may be half written."""

import json
import signal
import sqlite3
import subprocess
import time
from dataclasses import dataclass

import pytest
from django.db import connection

from plenary.audit.models import AuditEntry
from plenary.text.models import ProvisionText, Version
from plenary.text.structure import walk_parts
from tests import factories as f
from tests.resilience.conftest import REPORT
from tests.resilience.faults import (
    PLENARY,
    ROOT,
    WriteTransactionWatch,
    cli_environment,
    run_plenary,
)

ARTICLES, PARAGRAPHS = 400, 40  # 16,400 lines: an import that takes a few seconds
KILL_AFTER = (0.5, 2.5)
# Seconds after the transaction is seen open; the first kills at once.
KILL_INSIDE = (0.0, 0.05, 0.2)
TABLES = [Version, ProvisionText, AuditEntry]
DELEGATIONS = 30

SEED_OPERATOR = "from plenary.text.management.commands.import_text import _operator; _operator()"
SEED_CONSOLIDATION = f"""
import datetime
from plenary.process.actors import actor_of
from plenary.process.models import Negotiation, Role
from plenary.text.services.submissions import submit_text
from plenary.text.services.versions import import_version
from tests import factories as f
negotiation = Negotiation.objects.get(slug="test-ahc")
secretariat = actor_of(f.make_user("killed-secretariat", Role.SECRETARIAT))
deadline = f.make_deadline(negotiation, date=datetime.date(2099, 4, 8))
lines = []
for a in range(1, {ARTICLES} + 1):
    lines.append(f"Article {{a}}. Title {{a}}")
    lines += [f"{{p}}. Paragraph {{p}} of article {{a}}." for p in range(1, {PARAGRAPHS} + 1)]
import_version(negotiation, by=secretariat, lines=lines, label="zero draft",
               date=datetime.date(2022, 1, 1))
for i in range({DELEGATIONS}):
    code = chr(65 + i // 26) + chr(65 + i % 26)
    delegation = f.make_delegation(negotiation, code, f"State {{code}}")
    delegate = actor_of(
        f.make_user(f"killed-delegate-{{i}}", Role.DELEGATION, delegation=delegation)
    )
    text = "\\n".join(
        f"Article {{a}}. Offence {{a}}\\n1. Each State Party shall establish offence {{a}} "
        f"as proposed by delegation {{i}}.\\n2. [Option {{i}}: wording / other wording]"
        for a in range(1, 11)
    )
    submit_text(deadline, by=delegate, delegation=delegation, chapter="Criminalization", text=text)
"""
CONSOLIDATE = """
import datetime
from plenary.process.actors import actor_of
from plenary.process.models import RoadmapDeadline, User
from plenary.text.services.submissions import consolidate_submissions
consolidate_submissions(
    RoadmapDeadline.objects.get(date=datetime.date(2099, 4, 8)),
    by=actor_of(User.objects.get(username="killed-secretariat")),
    chapter="Criminalization",
    label="{label}",
    date=datetime.date(2022, 5, 1),
)
"""


@dataclass
class Kill:
    when: str
    killed: bool  # the process was still running and died of the signal
    inside: bool  # the transaction was open when the signal was sent
    wrote: bool  # a version (with everything that belongs to it) was written


@pytest.fixture
def draft(tmp_path):
    lines = []
    for a in range(1, ARTICLES + 1):
        lines.append(f"Article {a}. Title {a}")
        lines += [f"{p}. Paragraph {p} of article {a} on cooperation." for p in range(1, 41)]
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(lines))
    return path


@pytest.fixture
def database(transactional_db, tmp_path):
    """The database URL the processes use, and how to read its rows from here."""
    if connection.vendor == "postgresql":
        f.make_negotiation(slug="test-ahc")
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

        def query(sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchall()

    else:
        path = tmp_path / "plenary.sqlite3"
        url = f"sqlite:///{path}"
        run(url, "migrate", "--verbosity", "0")
        run(
            url,
            "shell",
            "-c",
            "from tests import factories as f; f.make_negotiation(slug='test-ahc')",
        )

        def query(sql):
            with sqlite3.connect(path) as db:
                return db.execute(sql).fetchall()

    # The command line's operator exists beforehand, so the only write is the import's.
    run(url, "shell", "-c", SEED_OPERATOR)
    return url, Record(query)


class Record:
    """What the database holds, read from outside the killed process."""

    def __init__(self, query):
        self.query = query

    def counts(self) -> tuple[int, ...]:
        return tuple(
            self.query(f"SELECT count(*) FROM {m._meta.db_table}")[0][0]  # noqa: S608
            for m in TABLES
        )

    def half_indexed(self) -> list[str]:
        """Versions that lack the rows of any of their provisions."""
        version, index = Version._meta.db_table, ProvisionText._meta.db_table
        rows = self.query(
            f"SELECT v.id, v.content, (SELECT count(*) FROM {index} i "  # noqa: S608
            f"WHERE i.version_id = v.id) FROM {version} v"
        )
        return [
            f"version {pk}: {indexed} of {parts} provisions recorded"
            for pk, content, indexed in rows
            if indexed != (parts := sum(1 for _ in walk_parts(_json(content))))
        ]


def _json(content):
    return json.loads(content) if isinstance(content, str) else content


def run(url, *args):
    run_plenary(*args, DATABASE_URL=url)


def kill(url, arguments, record, *, after=None, inside_after=None) -> Kill:
    """Start `plenary ARGUMENTS`, SIGKILL it `after` seconds, or `inside_after` seconds after
    its transaction is seen open; say where the kill landed and what it left."""
    watch = WriteTransactionWatch(url, "plenary-killed")
    before = record.counts()
    process = subprocess.Popen(  # noqa: S603
        [*PLENARY, *arguments],
        cwd=ROOT,
        env=cli_environment(DATABASE_URL=watch.process_url()),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if after is not None:
        time.sleep(after)
        when = f"after {after} s"
    else:
        deadline = time.monotonic() + 120
        while process.poll() is None and not watch.inside() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(inside_after)
        when = f"{inside_after} s into the transaction"
    inside = process.poll() is None and watch.inside()
    process.send_signal(signal.SIGKILL)
    killed = process.wait() == -signal.SIGKILL
    versions, index, audit = (now - then for now, then in zip(record.counts(), before, strict=True))
    # All or nothing: a version with its whole search index and its one audit entry.
    assert versions in (0, 1), when
    assert audit == versions, f"a version without its audit entry, killed {when}"
    assert (index > 0) == (versions > 0), f"an index without its version, killed {when}"
    assert record.half_indexed() == [], f"killed {when}"
    return Kill(when, killed, inside, bool(versions))


def kill_at_every_moment(url, record, arguments, label: str) -> list[Kill]:
    """Kill `plenary ARGUMENTS(LABEL N)` once at each moment: after fixed times, then inside
    its transaction."""
    kills = []
    for number, moment in enumerate([*KILL_AFTER, *KILL_INSIDE]):
        command = arguments(f"{label} {number}")
        if number < len(KILL_AFTER):
            kills.append(kill(url, command, record, after=moment))
        else:
            kills.append(kill(url, command, record, inside_after=moment))
    return kills


def completed(url, record, arguments) -> int:
    """Run once to the end: the whole version, its index and its audit entry are there."""
    before = record.counts()
    run(url, *arguments)
    versions, index, audit = (now - then for now, then in zip(record.counts(), before, strict=True))
    assert (versions, audit) == (1, 1) and index > 0
    assert record.half_indexed() == []
    return index


def report(what: str, kills: list[Kill], indexed: int) -> None:
    inside = sum(k.killed and k.inside and not k.wrote for k in kills)
    REPORT.append(
        f"{what} killed {len(kills)} times ({connection.vendor}): {inside} inside its "
        f"transaction, {sum(k.wrote for k in kills)} after its commit, nothing half-written; "
        f"run to the end: one version, {indexed} paragraphs indexed, one audit entry"
    )
    assert inside >= 1, f"no kill landed inside the transaction: {kills}"


def test_an_import_killed_at_any_moment_leaves_all_or_nothing(database, draft):
    url, record = database

    def arguments(label):
        return ["import-text", "test-ahc", str(draft), "--label", label]

    kills = kill_at_every_moment(url, record, arguments, "killed")
    report("import-text", kills, completed(url, record, arguments("finished")))


def test_a_consolidation_killed_halfway_leaves_all_or_nothing(database):
    url, record = database
    run(url, "shell", "-c", SEED_CONSOLIDATION)

    def arguments(label):
        return ["shell", "-c", CONSOLIDATE.format(label=label)]

    kills = kill_at_every_moment(url, record, arguments, "consolidated")
    report("consolidation", kills, completed(url, record, arguments("finished")))
