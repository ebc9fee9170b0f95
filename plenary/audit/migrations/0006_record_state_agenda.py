"""The state of the record apart from the speakers' lists: a third count, bumped by every change
but those that only change a speakers' list (plenary/audit/state.py, SPEAKERS_ACTIONS), so that
the agenda, which shows the items' status and the paragraph under discussion but nobody's turn,
stays in the cache while the chair gives the floor."""

from django.db import migrations

# As in plenary/audit/state.py when this migration was written; a later change to these lists
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
SPEAKERS_ACTIONS = FLOOR_ACTIONS[:7]
CHANNEL = "plenary_record_state"
NOW = {
    "postgresql": "extract(epoch from clock_timestamp())",
    "sqlite": "(julianday('now') - 2440587.5) * 86400.0",
}


def _unless(actions: tuple[str, ...]) -> str:
    """1 for an audit entry of none of `actions`, else 0."""
    listed = ", ".join(f"'{action}'" for action in actions)
    return f"(CASE WHEN NEW.action IN ({listed}) THEN 0 ELSE 1 END)"


def _triggers(vendor: str, *, agenda: bool) -> list[str]:
    """The triggers that bump the state: with `agenda`, the agenda count as well (else as
    migration 0005 left them)."""
    counts = {"settled": (_unless(FLOOR_ACTIONS), "1")}
    if agenda:
        counts["agenda"] = (_unless(SPEAKERS_ACTIONS), "1")
    now = NOW[vendor]
    # Only our own constants go into these statements.
    entry, admin = (
        "UPDATE audit_record_state SET changes = changes + 1, "  # noqa: S608
        + "".join(f"{name} = {name} + {by[i]}, " for name, by in counts.items())
        + f"changed_at = {now} WHERE id = 1"
        for i in (0, 1)
    )
    if vendor == "postgresql":
        notify = f"PERFORM pg_notify('{CHANNEL}', '')"
        # The triggers call these functions already (migration 0005).
        return [
            "CREATE OR REPLACE FUNCTION audit_record_state_bump() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {admin}; {notify}; RETURN NULL; END $$",
            "CREATE OR REPLACE FUNCTION audit_record_state_bump_entry() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ BEGIN {entry}; {notify}; RETURN NULL; END $$",
        ]
    return [
        "DROP TRIGGER audit_auditentry_bumps_record_state",
        "DROP TRIGGER django_admin_log_bumps_record_state",
        f"CREATE TRIGGER audit_auditentry_bumps_record_state AFTER INSERT ON audit_auditentry "
        f"BEGIN {entry}; END",
        f"CREATE TRIGGER django_admin_log_bumps_record_state AFTER INSERT ON django_admin_log "
        f"BEGIN {admin}; END",
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [
        "ALTER TABLE audit_record_state ADD COLUMN agenda bigint NOT NULL DEFAULT 0",
        "UPDATE audit_record_state SET agenda = changes",
        *_triggers(vendor, agenda=True),
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = [
        *_triggers(vendor, agenda=False),
        "ALTER TABLE audit_record_state DROP COLUMN agenda",
    ]
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_record_state_floor")]

    operations = [migrations.RunPython(forward, backward)]
