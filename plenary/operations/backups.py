"""Backups of the whole record: every table's rows and the uploaded files in one file, and
their restoration into an empty database in one transaction.

A backup is a zip file:
  manifest.json                  format and version, the schema (every applied migration),
                                 the database it came from, the rows per table, the files
  data/<app_label>.<model>.jsonl each table's rows, one per line in Django's serialized form,
                                 primary keys kept, times to the microsecond
  media/<path>                   the files under MEDIA_ROOT

Django's serialization is portable between SQLite and PostgreSQL, readable with any unzip tool,
and keeps primary keys, so ids in addresses (/versions/12) and every reference between rows
hold after a restore; a file per table keeps memory bounded on a large record.
"""

import datetime
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from plenary.audit.models import FORMER_LABELS

FORMAT = "plenary-backup"
VERSION = 1
# Filled by `migrate` itself: a fresh database has these rows and is still empty.
MIGRATE_FILLS = {"contenttypes.contenttype", "auth.permission"}


class BackupRefused(Exception):
    """A backup that cannot be made or restored, with a sentence that says why."""


@dataclass
class Summary:
    tables: dict[str, int] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


def backed_up_models() -> list[type[models.Model]]:
    """Every table Django manages, including the many-to-many link tables."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[list[str]]:
    return sorted(
        [app, name] for app, name in MigrationRecorder(connections[using]).applied_migrations()
    )


def _media_files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


def make_backup(target: Path, using: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write every table and every uploaded file to `target`, as one consistent snapshot."""
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    summary = Summary()
    partial = target.with_name(target.name + ".partial")
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if connection.vendor == "postgresql" and outermost:
            # One snapshot for all tables: a change committed meanwhile is in none or all.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for model in backed_up_models():
                summary.tables[_label(model)] = _write_table(archive, model, using)
            for path in _media_files(media_root):
                name = path.relative_to(media_root).as_posix()
                archive.write(path, f"media/{name}")
                summary.files.append(name)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database": connection.vendor,
                "migrations": applied_migrations(using),
                "tables": summary.tables,
                "media": summary.files,
            }
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    # A backup cut short never looks like a finished one.
    os.replace(partial, target)
    return summary


class _ExactEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it rounds to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _write_table(archive: zipfile.ZipFile, model: type[models.Model], using: str) -> int:
    """One JSON object per line (Django's serialized form), so neither side holds a table."""
    fields = [f.name for f in model._meta.local_fields if not f.primary_key]
    rows = model._base_manager.using(using).order_by("pk").iterator(chunk_size=2000)
    count = 0
    with archive.open(f"data/{_label(model)}.jsonl", "w") as raw:
        for row in rows:
            (serialized,) = serializers.serialize("python", [row], fields=fields)
            raw.write(json.dumps(serialized, cls=_ExactEncoder).encode() + b"\n")
            count += 1
    return count


def read_manifest(archive: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupRefused(f"{name} is not a Plenary backup (it has no manifest).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupRefused(f"{name} is not a Plenary backup.")
    if manifest.get("version") != VERSION:
        raise BackupRefused(
            f"{name} is a backup in format version {manifest.get('version')!r}; this Plenary "
            f"reads version {VERSION}. Restore it with the Plenary that made it."
        )
    return manifest


def _check_schema(manifest: dict[str, Any], using: str) -> None:
    theirs = {tuple(m) for m in manifest.get("migrations", [])}
    ours = {tuple(m) for m in applied_migrations(using)}
    if not ours:
        raise BackupRefused("The database has no tables yet: run `plenary migrate` first.")
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = sorted(theirs - known)
    if unknown:
        raise BackupRefused(
            "The backup was made by a newer Plenary (its schema has "
            + ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            + "); upgrade Plenary, run `plenary migrate`, then restore."
        )
    if theirs - ours:
        raise BackupRefused(
            "The database's schema is older than the backup's: run `plenary migrate`, then restore."
        )
    if ours - theirs:
        raise BackupRefused(
            "The backup's schema is older than the database's (it lacks "
            + ", ".join(f"{app}.{name}" for app, name in sorted(ours - theirs)[:5])
            + "). Restore it into a database migrated to the backup's schema "
            "(`plenary migrate APP MIGRATION`), then run `plenary migrate`."
        )


def rows_present(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """The tables that hold rows a fresh, migrated database would not have."""
    present = {}
    for model in backed_up_models():
        if _label(model) in MIGRATE_FILLS:
            continue
        count = model._base_manager.using(using).count()
        if count:
            present[_label(model)] = count
    return present


def _media_members(archive: zipfile.ZipFile, name: str) -> list[tuple[zipfile.ZipInfo, str]]:
    members = []
    for info in archive.infolist():
        if not info.filename.startswith("media/") or info.is_dir():
            continue
        relative = PurePosixPath(info.filename[len("media/") :])
        # A hostile file could name a path outside the media folder.
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BackupRefused(f"{name} names a file outside the uploads: {info.filename!r}.")
        members.append((info, relative.as_posix()))
    return members


def restore_backup(
    source: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS
) -> Summary:
    """Restore a backup into an empty database (or, with `replace`, instead of everything in
    it) in one transaction; the uploads are swapped in only once the rows are committed."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise BackupRefused(f"{source.name} is not a Plenary backup (not a zip file).") from error
    with archive:
        manifest = read_manifest(archive, source.name)
        _check_schema(manifest, using)
        present = rows_present(using)
        if present and not replace:
            shown = ", ".join(f"{label} ({count})" for label, count in sorted(present.items())[:5])
            raise BackupRefused(
                f"The database is not empty: {shown}. Restore into an empty database, or add "
                "--replace to replace everything in it with the backup."
            )
        media = _media_members(archive, source.name)
        staging = _stage_media(archive, media)
        try:
            summary = _restore_rows(archive, manifest, source.name, using)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    summary.files = _swap_media(staging)
    return summary


def _stage_media(archive: zipfile.ZipFile, media: list[tuple[zipfile.ZipInfo, str]]) -> Path:
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    staging = root.with_name(f".{root.name}.restoring-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for info, relative in media:
        path = staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(info) as packed, path.open("wb") as unpacked:
            shutil.copyfileobj(packed, unpacked)
    return staging


def _swap_media(staging: Path) -> list[str]:
    """Put the restored uploads in place; uploads already there are kept aside, not deleted."""
    root = Path(settings.MEDIA_ROOT)
    if root.exists():
        if any(root.iterdir()):
            stamp = timezone.now().strftime("%Y%m%d%H%M%S")
            root.rename(root.with_name(f"{root.name}.replaced-{stamp}"))
        else:
            root.rmdir()
    staging.rename(root)
    return [p.relative_to(root).as_posix() for p in _media_files(root)]


def _restore_rows(
    archive: zipfile.ZipFile, manifest: dict[str, Any], name: str, using: str
) -> Summary:
    connection = connections[using]
    targets = backed_up_models()
    # A backup made before a model moved to another app names its table by the former label.
    tables = manifest.get("tables", {})
    expected = {FORMER_LABELS.get(label, label): count for label, count in tables.items()}
    missing = sorted(set(expected) - {_label(m) for m in targets})
    if missing:
        raise BackupRefused(
            f"{name} holds tables this Plenary does not have: {', '.join(missing)}."
        )
    summary = Summary()
    with transaction.atomic(using=using):
        tables = [m._meta.db_table for m in targets]
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
        )
        with connection.constraint_checks_disabled():
            for model in targets:
                summary.tables[_label(model)] = _read_table(archive, model, name, using)
        try:
            connection.check_constraints(table_names=tables)
        except Exception as error:
            raise BackupRefused(f"{name} does not hold together: {error}") from error
        wrong = {
            label: (count, summary.tables.get(label, 0))
            for label, count in expected.items()
            if summary.tables.get(label, 0) != count
        }
        if wrong:
            raise BackupRefused(f"{name} is damaged: rows expected and found {wrong}.")
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), targets):
                cursor.execute(statement)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    return summary


def _read_table(archive: zipfile.ZipFile, model: type[models.Model], name: str, using: str) -> int:
    label = _label(model)
    former = [old for old, now in FORMER_LABELS.items() if now == label]
    names = set(archive.namelist())
    members = [f"data/{one}.jsonl" for one in [label, *former]]
    member = next((m for m in members if m in names), None)
    if member is None:
        return 0
    count = 0
    with archive.open(member) as raw:
        for line in raw:
            try:
                fields = json.loads(line)
                if isinstance(fields, dict) and fields.get("model") in former:
                    fields["model"] = label
                (row,) = serializers.deserialize("python", [fields], using=using)
            except (ValueError, serializers.base.DeserializationError) as error:
                raise BackupRefused(f"{name}: {member} does not read: {error}") from error
            if type(row.object) is not model:
                raise BackupRefused(f"{name}: {member} holds rows of another table.")
            row.save(using=using)
            count += 1
    return count
