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

from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections

TABLE = "audit_record_state"
# The time now, as seconds since 1970, in each database's dialect.
NOW = {
    "postgresql": "extract(epoch from clock_timestamp())",
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
}


class RecordState(NamedTuple):
    changes: int
    epoch: str
    changed_at: float  # seconds since 1970 (UTC) of the latest change

    @property
    def token(self) -> str:
        """Different for every state the record has been in, in any database."""
        return f"{self.epoch}.{self.changes}"


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
        cursor.execute(f"SELECT changes, epoch, changed_at FROM {TABLE} WHERE id = 1")  # noqa: S608
        changes, epoch, changed_at = cursor.fetchone()
    return RecordState(int(changes), epoch, float(changed_at))


def bump(using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the record changed by something that writes no audit entry (a migration)."""
    connection = connections[using]
    now = NOW[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET changes = changes + 1, changed_at = {now}")  # noqa: S608
