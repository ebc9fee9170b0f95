"""`plenary worker`: handle the outbox's events and run the periodic jobs (run it beside the
app servers; several may run at once)."""

from django.core.management.base import BaseCommand, CommandError

from plenary.outbox.events import drain, failing, given_up, retry_given_up
from plenary.outbox.worker import Worker


class Command(BaseCommand):
    help = (
        "Handle the events the app writes (red-line flags, notifications, emails, the live "
        "room) and run the periodic jobs, until stopped (SIGTERM). Several may run at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="handle what is waiting now, then exit (non-zero while an event fails)",
        )
        parser.add_argument(
            "--retry-given-up",
            action="store_true",
            help="try again the events given up after repeated failures",
        )
        parser.add_argument(
            "--poll", type=float, default=None, help="seconds between looks when idle"
        )

    def handle(self, *args, **options):
        if options["retry_given_up"]:
            self.stdout.write(f"{retry_given_up()} given-up events will be tried again.")
        if not options["once"]:
            Worker(poll=options["poll"]).run()
            return
        handled = drain()
        waiting, abandoned = failing().count(), given_up().count()
        self.stdout.write(f"{handled} handled, {waiting} failing, {abandoned} given up.")
        for event in given_up()[:20]:
            self.stdout.write(
                f"  given up: #{event.pk} {event.kind} → {event.handler}: {event.error}"
            )
        if waiting or abandoned:
            raise CommandError(
                "Some events could not be handled; they are kept (see the log, fix the cause, "
                "then run with --retry-given-up)."
            )
