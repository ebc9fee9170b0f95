from django.core.management.base import BaseCommand, CommandError

from plenary.scenarios.loader import ScenarioError, available, load_scenario


class Command(BaseCommand):
    help = "Load (or reload) a reference scenario, e.g. cybercrime-ahc."

    def add_arguments(self, parser):
        parser.add_argument("slug", help=f"one of: {', '.join(available())}")

    def handle(self, *args, slug: str, **options):
        try:
            negotiation = load_scenario(slug)
        except ScenarioError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Loaded {slug}: {negotiation.sessions.count()} sessions, "
            f"{negotiation.delegations.count()} delegations, {negotiation.blocs.count()} blocs."
        )
