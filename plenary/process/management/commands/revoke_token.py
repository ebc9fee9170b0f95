from django.core.management.base import BaseCommand, CommandError

from plenary.errors import PlenaryError
from plenary.process.models import ApiToken
from plenary.process.services.people import revoke_api_token


class Command(BaseCommand):
    help = "Revoke API tokens: by the first characters create-user printed, or all of a user's."

    def add_arguments(self, parser):
        who = parser.add_mutually_exclusive_group(required=True)
        who.add_argument("prefix", nargs="?", help="the token's first 8 characters")
        who.add_argument("--user", metavar="USERNAME", help="revoke every live token of a user")

    def handle(self, *args, **options):
        tokens = ApiToken.objects.filter(revoked_at__isnull=True).select_related("user")
        if options["user"]:
            tokens = tokens.filter(user__username=options["user"])
        else:
            tokens = tokens.filter(prefix=options["prefix"][:8])
        if not tokens:
            raise CommandError("No live API token matches; nothing was revoked.")
        for token in tokens:
            try:
                revoke_api_token(token)
            except PlenaryError as error:
                raise CommandError(error.message) from error
            self.stdout.write(f"Revoked {token}.")
