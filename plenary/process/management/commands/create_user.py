import getpass

from django.core.management.base import BaseCommand, CommandError

from plenary.errors import PlenaryError
from plenary.process.models import Delegation, Negotiation, Organization, Role
from plenary.process.services.people import create_user, issue_api_token_with_expiry


class Command(BaseCommand):
    help = "Create an account with one role; --token prints a new API token for it."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--delegation", metavar="ISO2", help="the member's state (ISO code)")
        who.add_argument("--organization", metavar="SLUG", help="the stakeholder's organization")
        parser.add_argument(
            "--negotiation", metavar="SLUG", help="needed with --delegation if several exist"
        )
        parser.add_argument("--email", default="")
        parser.add_argument("--token", action="store_true", help="print a new API token")
        parser.add_argument(
            "--password", action="store_true", help="ask for a password (else none: token only)"
        )

    def handle(self, *args, **options):
        delegation = organization = None
        if options["delegation"]:
            negotiations = Negotiation.objects.all()
            if options["negotiation"]:
                negotiations = negotiations.filter(slug=options["negotiation"])
            if negotiations.count() != 1:
                raise CommandError("Name the negotiation with --negotiation SLUG.")
            delegation = Delegation.objects.filter(
                negotiation=negotiations.get(), iso2=options["delegation"].upper()
            ).first()
            if delegation is None:
                raise CommandError(f"No delegation with the code {options['delegation']!r}.")
        if options["organization"]:
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(f"No organization {options['organization']!r}.")
        password = getpass.getpass("Password: ") if options["password"] else None
        try:
            user = create_user(
                options["username"],
                role=options["role"],
                delegation=delegation,
                organization=organization,
                password=password,
                email=options["email"],
            )
        except PlenaryError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}).")
        if options["token"]:
            key, token = issue_api_token_with_expiry(user, label="created from the command line")
            # The token stays the last line, for scripts that read it.
            self.stdout.write(
                f"API token, which expires on {token.expires_at:%Y-%m-%d %H:%M} UTC "
                f"(revoke it with: plenary revoke-token {token.prefix}):"
            )
            self.stdout.write(key)
