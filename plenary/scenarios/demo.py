"""Demo accounts: the scenario's illustrative people get a password so visitors can sign in."""

from django.db import transaction

from plenary.process.models import Role, User


def create_demo_accounts(password: str) -> list[tuple[str, str]]:
    """Give every illustrative person the demo password; return who they are."""
    people = User.objects.filter(illustrative=True).select_related("delegation", "organization")
    shown = []
    with transaction.atomic():
        for person in people.order_by("role", "username"):
            person.set_password(password)
            person.save(update_fields=["password"])
            where = person.delegation or person.organization or ""
            shown.append((person.username, f"{Role(person.role).label} {where}".strip()))
    return shown
