from django.core.management.base import BaseCommand

from plenary.process.services.accreditation import admit_lapsed_requests


class Command(BaseCommand):
    help = (
        "Admit every listed organization whose non-objection period passed without objection "
        "(run it from cron; pages and the API also do it when they show the list)."
    )

    def handle(self, *args, **options):
        admitted = admit_lapsed_requests()
        for request in admitted:
            self.stdout.write(f"Admitted {request.organization} ({request.negotiation.slug}).")
        self.stdout.write(f"{len(admitted)} admitted.")
