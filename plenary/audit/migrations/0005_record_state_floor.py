"""The state of the record apart from the floor: a second count, bumped by every change but
those of a session's floor (plenary/audit/state.py, FLOOR_ACTIONS), so that pages showing
nothing of the floor stay in the cache while the chair gives the floor."""

from django.db import migrations

# As in plenary/audit/state.py when this migration was written; a later change to that list
# needs a migration of its own.
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
WATCHED = ("audit_auditentry", "django_admin_log")
CHANNEL = "plenary_record_state"
NOW = {
    "postgresql": "extract(epoch from clock_timestamp())",
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
}


def _bump(vendor: str, settled: str) -> str:
    # Only our own constants go into these statements.
    return (
        "UPDATE audit_record_state SET changes = changes + 1, "  # noqa: S608
        f"settled = settled + {settled}, changed_at = {NOW[vendor]} WHERE id = 1"
    )


def _triggers(vendor: str, *, floor: bool) -> list[str]:
    """The triggers that bump the state: with `floor`, an audit entry of FLOOR_ACTIONS leaves
    the settled count as it is; without, as before this migration (changes only)."""
    listed = ", ".join(f"'{action}'" for action in FLOOR_ACTIONS)
    if floor:
        entry = _bump(vendor, f"(CASE WHEN NEW.action IN ({listed}) THEN 0 ELSE 1 END)")
        admin = _bump(vendor, "1")
    else:
        entry = admin = (
            "UPDATE audit_record_state SET changes = changes + 1, "  # noqa: S608
            f"changed_at = {NOW[vendor]} WHERE id = 1"
        )
    if vendor == "postgresql":
        notify = f"PERFORM pg_notify('{CHANNEL}', '')"
        return [
            "CREATE OR REPLACE FUNCTION audit_record_state_bump() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {admin}; {notify}; RETURN NULL; END $$",
            "CREATE OR REPLACE FUNCTION audit_record_state_bump_entry() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {entry}; {notify}; RETURN NULL; END $$",
            "DROP TRIGGER audit_auditentry_bumps_record_state ON audit_auditentry",
            "CREATE CONSTRAINT TRIGGER audit_auditentry_bumps_record_state AFTER INSERT ON "
            "audit_auditentry DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "
            + ("audit_record_state_bump_entry()" if floor else "audit_record_state_bump()"),
        ]
    return [
        f"DROP TRIGGER {table}_bumps_record_state" for table in WATCHED
    ] + [
        f"CREATE TRIGGER audit_auditentry_bumps_record_state AFTER INSERT ON audit_auditentry "
        f"BEGIN {entry}; END",
        f"CREATE TRIGGER django_admin_log_bumps_record_state AFTER INSERT ON django_admin_log "
        f"BEGIN {admin}; END",
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [
        "ALTER TABLE audit_record_state ADD COLUMN settled bigint NOT NULL DEFAULT 0",
        "UPDATE audit_record_state SET settled = changes",
        *_triggers(vendor, floor=True),
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = _triggers(vendor, floor=False)
    if vendor == "postgresql":
        statements.append("DROP FUNCTION audit_record_state_bump_entry()")
    statements.append("ALTER TABLE audit_record_state DROP COLUMN settled")
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_record_state")]

    operations = [migrations.RunPython(forward, backward)]
