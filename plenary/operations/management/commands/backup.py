from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.operations.backups import BackupRefused, make_backup


class Command(BaseCommand):
    help = "Write every table and every uploaded file to one backup file (a zip)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="e.g. plenary-2026-11-23.zip")

    def handle(self, *args, **options):
        target: Path = options["file"]
        if not target.parent.is_dir():
            raise CommandError(f"{target.parent} is not a folder.")
        try:
            summary = make_backup(target)
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {summary.rows} rows in {len(summary.tables)} tables and "
            f"{len(summary.files)} uploaded files to {target}."
        )
