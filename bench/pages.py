"""Public pages against a bare Django response, measured in the same run.

Loads the reference scenario into a throw-away SQLite database, then times each page through
Django's full request handling (middleware, URL resolution, templates) and prints p50/p95 and
the ratio to a view that returns an empty HttpResponse. Run: .venv/bin/python bench/pages.py
"""

import io
import statistics

from harness import migrate, p95, timed

# isort: split
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path

import plenary.urls
from plenary.process.models import Negotiation
from plenary.scenarios.example_positions import load_example_positions

ROUNDS = 200


def bare(request):
    return HttpResponse(b"")


urlpatterns = [path("bare/", bare), *plenary.urls.urlpatterns]


def main() -> None:
    migrate()
    call_command("load_scenario", "cybercrime-ahc", stdout=io.StringIO())
    # The analysis pages are measured with the illustrative example positions, as before.
    load_example_positions(Negotiation.objects.get(slug="cybercrime-ahc"))
    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(client, "/bare/", ROUNDS)
        print(f"{'page':<40}{'p50 ms':>9}{'p95 ms':>9}{'p95 ratio':>11}{'queries':>9}")
        print(
            f"{'bare HttpResponse (baseline)':<40}"
            f"{statistics.median(baseline) * 1000:>9.2f}{p95(baseline) * 1000:>9.2f}"
            f"{1.0:>11.1f}{0:>9}"
        )
        for url in (
            "/n/cybercrime-ahc/",
            "/votes/A/RES/74/247/",
            "/n/cybercrime-ahc/delegations/",
            "/api/negotiations/cybercrime-ahc/sessions",
            "/api/votes/A%2FRES%2F74%2F247",
        ):
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_count = len(queries)  # read now: the next request resets the query log
            samples = timed(client, url, ROUNDS)
            print(
                f"{url:<40}{statistics.median(samples) * 1000:>9.2f}"
                f"{p95(samples) * 1000:>9.2f}{p95(samples) / p95(baseline):>11.1f}"
                f"{query_count:>9}"
            )


if __name__ == "__main__":
    main()
