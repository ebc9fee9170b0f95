"""`plenary backup` and `plenary restore`: every table and every uploaded file, in one file;
restored into an empty database, table by table identical (the tables the database itself
lists, not the backup's own list, so a table the backup forgot would show); from SQLite into
PostgreSQL too; refused with a clear message when the file is not a backup, is newer than the
schema, or the database is not empty; never half."""

import json
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection

from plenary.decisions.models import Decision
from plenary.operations.backups import backed_up_models
from plenary.process.models import Negotiation
from tests.factories import make_vote
from tests.resilience.faults import run_plenary

# What the backup leaves out on purpose: which migrations ran is the schema, made by `migrate`.
# The state of the record (plenary/audit/state.py) is a counter for caches, not part of the
# record: it only ever grows, and a restore's audit entries move it on.
NOT_BACKED_UP = {"django_migrations", "audit_record_state"}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def committed_world(transactional_db, world, media):
    """The small test world, committed (a restore runs its own transaction), with an upload."""
    default_storage.save("drafts/zero-draft.docx", ContentFile(b"PK\x03\x04 a Word file"))
    return world


@pytest.fixture
def ahc(transactional_db, media):
    """The reference scenario with the example positions (thousands of rows), and an uploaded
    file."""
    from plenary.scenarios.example_positions import load_example_positions
    from plenary.scenarios.loader import load_scenario

    negotiation = load_scenario("cybercrime-ahc")
    load_example_positions(negotiation)
    default_storage.save("drafts/zero-draft.docx", ContentFile(b"PK\x03\x04 a Word file"))
    return negotiation


def every_table() -> dict[str, list[tuple]]:
    """Every row of every table the database has (as it lists them), in a stable order."""
    tables = set(connection.introspection.table_names()) - NOT_BACKED_UP
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        rows = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def test_the_backup_covers_every_table_the_database_has(transactional_db):
    backed_up = {model._meta.db_table for model in backed_up_models()}
    assert set(connection.introspection.table_names()) - NOT_BACKED_UP == backed_up


def empty_the_database() -> None:
    """As a fresh database after `plenary migrate`: no rows but those migrate makes."""
    call_command("flush", interactive=False, verbosity=0)


def test_a_restored_backup_is_identical_table_by_table_with_its_uploads(
    ahc, media, tmp_path, client
):
    before = every_table()
    call_command("backup", tmp_path / "plenary.zip")
    empty_the_database()
    (media / "drafts" / "zero-draft.docx").unlink()
    assert not Negotiation.objects.exists()

    call_command("restore", tmp_path / "plenary.zip")

    after = every_table()
    assert sum(len(rows) for rows in before.values()) > 3000  # the whole scenario
    for table, rows in before.items():
        assert after[table] == rows, f"{table} differs after the restore"
    assert (media / "drafts" / "zero-draft.docx").read_bytes() == b"PK\x03\x04 a Word file"

    # The restored record works: pages read it, and new rows continue after the restored ids.
    assert client.get("/api/votes/A%2FRES%2F74%2F247").json()["counts"]["yes"] == 79
    later = Negotiation.objects.create(slug="later", title="Later")
    assert later.pk > ahc.pk


def refused(path, message, **options) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("restore", path, **options)


def test_a_file_that_is_not_a_backup_is_refused(transactional_db, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("minutes of the first session")
    refused(text, "notes.txt is not a Plenary backup")
    other_zip = tmp_path / "drafts.zip"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("zero-draft.txt", "Article 1. Purposes")
    refused(other_zip, "drafts.zip is not a Plenary backup")


def rewrite(source, target, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "manifest.json":
                data = json.dumps(change(json.loads(data))).encode()
            new.writestr(item, data)


def test_a_backup_from_a_newer_schema_is_refused(committed_world, tmp_path):
    call_command("backup", tmp_path / "plenary.zip")
    empty_the_database()
    rewrite(
        tmp_path / "plenary.zip",
        tmp_path / "newer.zip",
        lambda m: m | {"migrations": [*m["migrations"], ["text", "0099_future"]]},
    )
    refused(tmp_path / "newer.zip", r"made by a newer Plenary \(its schema has text.0099_future")
    assert not Negotiation.objects.exists()


def test_a_database_that_is_not_empty_is_replaced_only_when_asked(committed_world, media, tmp_path):
    call_command("backup", tmp_path / "plenary.zip")
    before = every_table()
    Negotiation.objects.create(slug="since", title="Created after the backup")
    default_storage.save("since.txt", ContentFile(b"uploaded after the backup"))

    refused(tmp_path / "plenary.zip", "The database is not empty: .*--replace")
    assert Negotiation.objects.filter(slug="since").exists()

    call_command("restore", tmp_path / "plenary.zip", replace=True)
    assert every_table() == before
    assert not (media / "since.txt").exists()
    kept_aside = list(media.parent.glob("media.replaced-*/since.txt"))
    assert [p.read_bytes() for p in kept_aside] == [b"uploaded after the backup"]


def test_a_damaged_backup_restores_nothing(committed_world, media, tmp_path):
    call_command("backup", tmp_path / "plenary.zip")
    empty_the_database()
    (media / "drafts" / "zero-draft.docx").unlink()
    # Sessions refer to their negotiation; drop the negotiation from the file (and from its
    # manifest's counts), so that only the references between rows tell.
    with (
        zipfile.ZipFile(tmp_path / "plenary.zip") as old,
        zipfile.ZipFile(tmp_path / "damaged.zip", "w") as new,
    ):
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "data/process.negotiation.jsonl":
                data = b""
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["tables"]["process.negotiation"] = 0
                data = json.dumps(manifest).encode()
            new.writestr(item, data)

    refused(tmp_path / "damaged.zip", "damaged.zip does not hold together")
    left = {table for table, rows in every_table().items() if rows}
    assert left <= {"django_content_type", "auth_permission"}
    assert not (media / "drafts" / "zero-draft.docx").exists()


def test_a_backup_naming_files_outside_the_uploads_is_refused(committed_world, media, tmp_path):
    call_command("backup", tmp_path / "plenary.zip")
    empty_the_database()
    with zipfile.ZipFile(tmp_path / "plenary.zip", "a") as archive:
        archive.writestr("media/../../outside.txt", "planted")
    refused(tmp_path / "plenary.zip", "names a file outside the uploads")
    assert not (tmp_path / "outside.txt").exists()


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="restores a SQLite backup into PostgreSQL"
)
def test_a_sqlite_backup_restores_into_postgresql_identically(
    transactional_db, media, tmp_path, client
):
    """The demo's SQLite record moves to PostgreSQL: the backup PostgreSQL makes after the
    restore holds the same rows, table by table, and the same uploads."""
    source = tmp_path / "sqlite"
    (source / "media" / "drafts").mkdir(parents=True)
    (source / "media" / "drafts" / "zero-draft.docx").write_bytes(b"PK\x03\x04 a Word file")
    environment = {
        "PLENARY_DATA_DIR": str(source),
        "DATABASE_URL": f"sqlite:///{source / 'plenary.sqlite3'}",
    }
    for command in (
        ["migrate", "--verbosity", "0"],
        ["load-scenario", "cybercrime-ahc"],
        ["backup", str(tmp_path / "from-sqlite.zip")],
    ):
        run_plenary(*command, **environment)

    call_command("restore", tmp_path / "from-sqlite.zip", replace=True)
    call_command("backup", tmp_path / "from-postgresql.zip")

    sqlite_tables, postgresql_tables = (
        backed_up_rows(tmp_path / name) for name in ("from-sqlite.zip", "from-postgresql.zip")
    )
    # The whole reference scenario: two negotiations' delegations, the roll call, the record.
    assert sum(len(rows) for rows in sqlite_tables.values()) > 1500
    assert sqlite_tables.keys() == postgresql_tables.keys()
    for table, rows in sqlite_tables.items():
        assert postgresql_tables[table] == rows, f"{table} differs in PostgreSQL"
    assert (media / "drafts" / "zero-draft.docx").read_bytes() == b"PK\x03\x04 a Word file"
    # PostgreSQL's sequences continue after the restored ids, and the pages read the record.
    assert client.get("/api/votes/A%2FRES%2F74%2F247").json()["counts"]["yes"] == 79
    latest = Negotiation.objects.order_by("-pk").first()
    assert Negotiation.objects.create(slug="later", title="Later").pk > latest.pk


def backed_up_rows(path) -> dict[str, list]:
    """The rows of each table in a backup file, in a stable order."""
    with zipfile.ZipFile(path) as archive:
        return {
            name: sorted(
                (json.loads(line) for line in archive.read(name).splitlines()),
                key=lambda row: json.dumps(row, sort_keys=True),
            )
            for name in archive.namelist()
            if name.startswith("data/")
        }


def test_a_backup_made_before_decisions_had_an_app_of_their_own_restores(
    committed_world, media, tmp_path
):
    """Decisions and recorded votes were kept under the positions app: a backup of that time
    names their tables and rows positions.decision and positions.votecast."""
    make_vote(committed_world.negotiation, "A/RES/1", {committed_world.brazil: "yes"})
    call_command("backup", tmp_path / "plenary.zip")
    before = every_table()
    moved = {"decisions.decision": "positions.decision", "decisions.votecast": "positions.votecast"}
    with (
        zipfile.ZipFile(tmp_path / "plenary.zip") as new,
        zipfile.ZipFile(tmp_path / "before.zip", "w") as old,
    ):
        for item in new.infolist():
            data, name = new.read(item), item.filename
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["tables"] = {moved.get(k, k): n for k, n in manifest["tables"].items()}
                data = json.dumps(manifest).encode()
            label = name.removeprefix("data/").removesuffix(".jsonl")
            if label in moved:
                name = f"data/{moved[label]}.jsonl"
                data = data.replace(f'"{label}"'.encode(), f'"{moved[label]}"'.encode())
                assert moved[label].encode() in data
            old.writestr(name, data)
    empty_the_database()

    call_command("restore", tmp_path / "before.zip")

    assert every_table() == before
    assert Decision.objects.get(symbol="A/RES/1").votes.get().vote == "yes"
