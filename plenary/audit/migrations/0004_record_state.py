"""The state of the record: one counter that the database bumps whenever an audit entry (or an
entry of the admin's change log) is inserted, in the same transaction (plenary/audit/state.py).
Not a Django model, so that backups and test flushes leave the counter alone."""

import secrets

from django.db import migrations

WATCHED = ("audit_auditentry", "django_admin_log")
CHANNEL = "plenary_record_state"
NOW = {
    "postgresql": "extract(epoch from clock_timestamp())",
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
}


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    now = NOW[vendor]
    # Only our own constants go into these statements.
    bump = f"UPDATE audit_record_state SET changes = changes + 1, changed_at = {now} WHERE id = 1"  # noqa: S608
    statements = [
        "CREATE TABLE audit_record_state (id integer PRIMARY KEY CHECK (id = 1), "
        "changes bigint NOT NULL, epoch varchar(32) NOT NULL, "
        "changed_at double precision NOT NULL)",
        # A new epoch for every new database: a cache shared with another database (or with this
        # one before it was recreated) never takes one's state for the other's.
        "INSERT INTO audit_record_state (id, changes, epoch, changed_at) "  # noqa: S608
        f"VALUES (1, 0, '{secrets.token_hex(8)}', {now})",
    ]
    if vendor == "postgresql":
        # Deferred to the commit: a writer holds the row only while it commits, after every other
        # lock it takes, so writers can never deadlock on it. The notification reaches the app
        # servers once the change is committed (plenary/audit/state.py, Watcher).
        statements.append(
            "CREATE FUNCTION audit_record_state_bump() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {bump}; PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
        )
        statements += [
            f"CREATE CONSTRAINT TRIGGER {table}_bumps_record_state AFTER INSERT ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_record_state_bump()"
            for table in WATCHED
        ]
    else:
        statements += [
            f"CREATE TRIGGER {table}_bumps_record_state AFTER INSERT ON {table} BEGIN {bump}; END"
            for table in WATCHED
        ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    on = {table: f" ON {table}" if vendor == "postgresql" else "" for table in WATCHED}
    statements = [f"DROP TRIGGER {table}_bumps_record_state{on[table]}" for table in WATCHED]
    if vendor == "postgresql":
        statements.append("DROP FUNCTION audit_record_state_bump()")
    statements.append("DROP TABLE audit_record_state")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_audit_actor_protected"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create, drop)]
