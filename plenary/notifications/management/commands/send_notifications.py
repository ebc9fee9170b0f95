"""`plenary send-notifications`: email every notification not sent yet (run it from cron)."""

from django.core.management.base import BaseCommand, CommandError

from plenary.notifications.services import send_notifications


class Command(BaseCommand):
    help = "Email the notifications that are not sent yet; a failed send is kept for next time."

    def handle(self, *args, **options):
        sent, failed = send_notifications()
        self.stdout.write(f"{sent} sent, {failed} failed.")
        if failed:
            # A non-zero exit lets cron report it; the failed ones stay unsent for the next run.
            raise CommandError(f"{failed} could not be sent; they are kept for the next run.")
