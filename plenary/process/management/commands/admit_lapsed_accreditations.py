from django.core.management.base import BaseCommand

from plenary.process.services.accreditation import admit_lapsed_requests


class Command(BaseCommand):
    help = (
        "Write down the admission of every listed organization whose non-objection period "
        "passed without objection (the worker does it every five minutes; pages and the API "
        "show such an organization admitted from the end of the period, without writing)."
    )

    def handle(self, *args, **options):
        admitted = admit_lapsed_requests()
        for request in admitted:
            self.stdout.write(f"Admitted {request.organization} ({request.negotiation.slug}).")
        self.stdout.write(f"{len(admitted)} admitted.")
