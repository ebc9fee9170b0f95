"""`plenary send-notifications`: email every notification not sent yet (run it from cron)."""

from django.core.management.base import BaseCommand

from plenary.notifications.services import send_notifications


class Command(BaseCommand):
    help = "Email the notifications that are not sent yet; a failed send is kept for next time."

    def handle(self, *args, **options):
        sent, failed = send_notifications()
        self.stdout.write(f"{sent} sent, {failed} failed (kept for the next run).")
        if failed:
            raise SystemExit(1)
