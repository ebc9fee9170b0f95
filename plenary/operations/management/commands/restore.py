from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.operations.backups import BackupRefused, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `plenary backup` into an empty database (after `plenary "
        "migrate`), in one transaction: all of it or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace everything in a database that is not empty (the audit trail too)",
        )

    def handle(self, *args, **options):
        source: Path = options["file"]
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        try:
            summary = restore_backup(source, replace=options["replace"])
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {summary.rows} rows in {len(summary.tables)} tables and "
            f"{len(summary.files)} uploaded files from {source}."
        )
