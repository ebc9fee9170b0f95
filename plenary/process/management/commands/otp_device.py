import base64

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.audit.services import record
from plenary.process.models import User


class Command(BaseCommand):
    help = (
        "Issue a TOTP device for a member of the secretariat or the chair (replacing any they "
        "had) and print its secret and otpauth:// URL for their authenticator app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="Plenary", confirmed=True)
            record("otp_device.issued", user, after={"user": user.username})
        self.stdout.write(f"Secret: {base64.b32encode(device.bin_key).decode()}")
        self.stdout.write(f"URL: {device.config_url}")
        if not user.runs_process:
            self.stdout.write(
                "Note: outside the secretariat and the chair, the code is asked only by the admin."
            )
