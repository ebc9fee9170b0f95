"""A draft import killed halfway (SIGKILL of the real `plenary import-text` process, at several
moments) leaves everything or nothing: the version, its search index and its audit entry."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from django.db import connection

from plenary.audit.models import AuditEntry
from plenary.text.models import IndexedParagraph, Version
from tests import factories as f
from tests.resilience.conftest import REPORT
from tests.resilience.faults import ROOT

ARTICLES, PARAGRAPHS = 400, 40  # 16,400 lines: an import that takes a few seconds
KILL_AFTER = (0.5, 1.5, 2.5, 4.0)
TABLES = [Version, IndexedParagraph, AuditEntry]


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
    """The database URL the import runs against, and how to count its rows from here."""
    if connection.vendor == "postgresql":
        f.make_negotiation(slug="test-ahc")
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"

        def counts():
            return tuple(model.objects.count() for model in TABLES)

        return url, counts
    path = tmp_path / "plenary.sqlite3"
    url = f"sqlite:///{path}"
    run(url, "migrate", "--verbosity", "0")
    run(url, "shell", "-c", "from tests import factories as f; f.make_negotiation(slug='test-ahc')")

    def counts():
        with sqlite3.connect(path) as db:
            return tuple(
                db.execute(f"SELECT count(*) FROM {m._meta.db_table}").fetchone()[0]  # noqa: S608
                for m in TABLES
            )

    return url, counts


def environment(url):
    return {"PATH": os.environ.get("PATH", ""), "PLENARY_MODE": "test", "DATABASE_URL": url}


def run(url, *args):
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "plenary.cli", *args], cwd=ROOT, env=environment(url), check=True
    )


def test_an_import_killed_at_any_moment_leaves_all_or_nothing(database, draft):
    url, counts = database
    base = counts()
    killed_before_commit = 0
    for seconds in KILL_AFTER:
        before = counts()
        process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "plenary.cli",
                "import-text",
                "test-ahc",
                str(draft),
                "--label",
                f"killed after {seconds} s",
            ],
            cwd=ROOT,
            env=environment(url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(seconds)
        process.send_signal(signal.SIGKILL)
        killed = process.wait() == -signal.SIGKILL
        versions, index, audit = (now - then for now, then in zip(counts(), base, strict=True))
        # All or nothing: each version with its whole search index and its one audit entry.
        assert index == versions * ARTICLES * PARAGRAPHS, f"half an index after {seconds} s"
        assert audit == versions, f"a version without its audit entry after {seconds} s"
        if killed and counts() == before:
            killed_before_commit += 1
    REPORT.append(
        f"import-text killed {len(KILL_AFTER)} times ({connection.vendor}): "
        f"{killed_before_commit} before its commit, nothing half-written"
    )
    assert killed_before_commit >= 1, "no kill landed before the import committed"
