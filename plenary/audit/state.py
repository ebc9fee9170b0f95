"""The state of the whole record, as one counter that every change bumps in its own transaction.

Every write goes through a service that appends to the audit trail, so the database itself bumps
the counter whenever an audit entry is inserted (a trigger, written in migration
0004_record_state; the admin's change log bumps it too, for what operators change there). The
counter is therefore committed together with the change, or not at all: a page read after the
change finds a new state, and a change rolled back leaves the state as it was. On PostgreSQL the
trigger is deferred to the commit, so concurrent writers wait for the one row only while they
commit and never hold it while they take other locks.

Caches key what they keep by `current().token` (plenary/page_cache.py), so a change invalidates
them by itself, in every app server at once, with no timer. The table is not a Django model:
backups and test flushes leave it alone, so the counter only ever grows; its `epoch` is drawn
afresh for every new database, so a shared cache never confuses two databases' states.
"""

import logging
import threading
import time
from typing import Any, NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

TABLE = "audit_record_state"
# What the bump trigger notifies on PostgreSQL (migration 0004_record_state).
CHANNEL = "plenary_record_state"
# What changes the floor of a session and nothing else: pages that show no speakers' list, no
# item's status and no paragraph under discussion keep their state (RecordState.settled) across
# these. The database's trigger holds the same list (migrations 0005 and 0006).
FLOOR_ACTIONS = (
    "speakers.requested",
    "speakers.late_added",
    "speakers.withdrawn",
    "speakers.reordered",
    "speakers.given_floor",
    "speakers.finished",
    "floor.changed",
    "agenda.item_opened",
    "agenda.item_closed",
    "agenda.under_discussion",
)
# Those of them that change only a speakers' list (who asked, in what order, who has the floor):
# pages that show the agenda's items, their status and the paragraph under discussion, but no
# speakers' list, keep their state (RecordState.agenda) across these (migration 0006).
SPEAKERS_ACTIONS = FLOOR_ACTIONS[:7]
# The time now, as seconds since 1970, in each database's dialect.
NOW = {
    "postgresql": "extract(epoch from clock_timestamp())",
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
}


class RecordState(NamedTuple):
    changes: int
    epoch: str
    changed_at: float  # seconds since 1970 (UTC) of the latest change
    # Changes other than the floor's (FLOOR_ACTIONS): pages that show nothing of the floor are
    # kept under this count, so a chair calling the next speaker leaves them in the cache.
    settled: int
    # Changes other than the speakers' lists' (SPEAKERS_ACTIONS): the agenda is kept under it.
    agenda: int

    @property
    def token(self) -> str:
        """Different for every state the record has been in, in any database."""
        return f"{self.epoch}.{self.changes}"

    @property
    def settled_token(self) -> str:
        """Different for every state of the record apart from the floor (who has it, the
        speakers' lists, the items opened and closed and the paragraph under discussion)."""
        return f"{self.epoch}.settled.{self.settled}"

    @property
    def agenda_token(self) -> str:
        """Different for every state of the record apart from the speakers' lists."""
        return f"{self.epoch}.agenda.{self.agenda}"


COLUMNS = "changes, epoch, changed_at, settled, agenda"


def _read(row: Any) -> RecordState:
    changes, epoch, changed_at, settled, agenda = row
    return RecordState(int(changes), epoch, float(changed_at), int(settled), int(agenda))


def current(using: str = DEFAULT_DB_ALIAS) -> RecordState:
    """The state of the record as this connection sees it now, its own changes included."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # Inside a transaction that changed the record (a test's, never a request's: pages
            # read the state before anything else), its bump waits for the commit; run it now,
            # as SQLite's trigger runs at once.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(f"SELECT {COLUMNS} FROM {TABLE} WHERE id = 1")  # noqa: S608
        return _read(cursor.fetchone())


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the record changed by something that writes no audit entry (a migration, also one
    back to a schema from before the settled or the agenda count, as when restoring an older
    backup)."""
    connection = connections[using]
    now = NOW[connection.vendor]
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(cursor, TABLE)}
        counts = "".join(f", {c} = {c} + 1" for c in ("settled", "agenda") if c in columns)
        cursor.execute(
            f"UPDATE {TABLE} SET changes = changes + 1{counts}, changed_at = {now}"  # noqa: S608
        )
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])


class Watcher:
    """This process's copy of the state of the record, kept current by PostgreSQL: the trigger
    that bumps the state notifies CHANNEL, and PostgreSQL delivers the notification once the
    change is committed. Public pages served before Django's request handling read `current`
    rather than asking the database for every request (plenary/page_cache.py).

    A thread of its own listens on a connection of its own (outside the pool) and reads the
    state again at each notification, and every RECHECK seconds in any case. While it is not
    connected (it tries again every second), `current` is None and callers read the state from
    the database themselves, as on SQLite, which has no notifications.
    """

    RECHECK = 5.0

    def __init__(self, using: str = DEFAULT_DB_ALIAS) -> None:
        self.using = using
        self.current: RecordState | None = None
        self._thread = threading.Thread(target=self._watch, name="record-state", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        import psycopg

        params = connections[self.using].get_connection_params()
        # A database that stops answering is noticed within seconds, not at the TCP timeout.
        params |= {"autocommit": True, "keepalives_idle": 10, "tcp_user_timeout": 10_000}
        while True:
            try:
                with psycopg.connect(**params) as connection:
                    connection.execute(f"LISTEN {CHANNEL}")
                    while True:
                        # Read after LISTEN: a change committed meanwhile is never missed.
                        self.current = _read(
                            connection.execute(
                                f"SELECT {COLUMNS} FROM {TABLE} WHERE id = 1"  # noqa: S608
                            ).fetchone()
                        )
                        for _notification in connection.notifies(
                            timeout=self.RECHECK, stop_after=1
                        ):
                            pass
            except Exception:
                self.current = None
                logger.warning("Watching the state of the record: connection lost.", exc_info=True)
                time.sleep(1)
