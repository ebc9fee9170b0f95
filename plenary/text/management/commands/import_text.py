import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.errors import PlenaryError
from plenary.process.actors import Actor, actor_of
from plenary.process.models import Negotiation, Role, User
from plenary.text.services.versions import draft_of_upload, import_version


class Command(BaseCommand):
    help = (
        "Import a whole draft (Word .docx, Akoma Ntoso .xml, or plain text with one paragraph "
        "per line)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the negotiation")
        parser.add_argument("file", type=Path)
        parser.add_argument("--label", required=True, help='e.g. "zero draft"')
        parser.add_argument("--date", type=datetime.date.fromisoformat, help="default: today")
        parser.add_argument("--publish", action="store_true", help="public at once")
        parser.add_argument("--illustrative", action="store_true", help="not the official text")

    def handle(self, *args, **options):
        negotiation = Negotiation.objects.filter(slug=options["slug"]).first()
        if negotiation is None:
            raise CommandError(f"There is no negotiation called {options['slug']!r}.")
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            draft = draft_of_upload(negotiation, path.name, path.read_bytes())
        except PlenaryError as error:
            raise CommandError(error.message) from error
        operator = _operator()
        try:
            version = import_version(
                negotiation,
                by=operator,
                draft=draft,
                label=options["label"],
                date=options["date"] or datetime.date.today(),  # noqa: DTZ011
                published=options["publish"],
                imported_from=path.name,
                illustrative=options["illustrative"],
            )
        except PlenaryError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Imported {version} as version {version.position} (id {version.pk}).")


def _operator() -> Actor:
    """The command line acts with the secretariat's powers; the audit trail names it."""
    operator, _ = User.objects.get_or_create(
        username="command-line", defaults={"role": Role.SECRETARIAT, "is_active": False}
    )
    return actor_of(operator)
