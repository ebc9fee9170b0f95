"""`plenary send-notifications`: email every notification not sent yet now (the worker does it
all the time; this is for an operator, and reports what was given up)."""

from django.core.management.base import BaseCommand, CommandError

from plenary.notifications.mail import (
    MAX_ATTEMPTS,
    given_up,
    retry_given_up,
    send_notifications,
)


class Command(BaseCommand):
    help = (
        "Email the notifications that are not sent yet; a failed send is kept for next time, "
        f"up to {MAX_ATTEMPTS} tries. Exits non-zero while a send failed or was given up."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-given-up",
            action="store_true",
            help=f"try again the notifications given up after {MAX_ATTEMPTS} failed sends",
        )

    def handle(self, *args, **options):
        if options["retry_given_up"]:
            self.stdout.write(f"{retry_given_up()} given-up notifications will be tried again.")
        sent, failed = send_notifications(waiting_too=True)
        abandoned = list(given_up().select_related("user")[:20])
        count = given_up().count()
        self.stdout.write(f"{sent} sent, {failed} failed, {count} given up.")
        for notification in abandoned:
            self.stdout.write(
                f"  given up: #{notification.pk} to {notification.user.email} "
                f"({notification.created_at:%Y-%m-%d %H:%M} UTC): {notification.email_error}"
            )
        problems = []
        if failed:
            problems.append(f"{failed} could not be sent; they are kept for the next run")
        if count:
            problems.append(
                f"{count} were given up after {MAX_ATTEMPTS} failed sends and are no longer "
                "retried (fix the mail server, then run with --retry-given-up)"
            )
        if problems:
            # A non-zero exit lets cron report it.
            raise CommandError("; ".join(problems) + ".")
