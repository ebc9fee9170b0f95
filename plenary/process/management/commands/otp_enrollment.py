from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from plenary.errors import PlenaryError
from plenary.process.models import User
from plenary.process.services.people import issue_otp_enrollment


class Command(BaseCommand):
    help = (
        "Issue an enrollment code with which a member of the secretariat or the chair adds an "
        "authenticator app at their next sign-in (after their password). It works once, for "
        "OTP_ENROLLMENT_HOURS hours, and not after they change their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['username']!r}.")
        try:
            code = issue_otp_enrollment(user)
        except PlenaryError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Enrollment code for {user.username}: {code}")
        self.stdout.write(
            f"Give it to them in person or by a channel other than their email; it works once, "
            f"within {settings.OTP_ENROLLMENT_HOURS} hours, after their password."
        )
