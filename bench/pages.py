"""Public pages against a bare Django response, measured in the same run.

Loads the reference scenario into a throw-away SQLite database, then times each page through
Django's full request handling (middleware, URL resolution, templates) and prints p50/p95 and
the ratio to a view that returns an empty HttpResponse. Run: .venv/bin/python bench/pages.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["PLENARY_MODE"] = "test"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "plenary.settings"

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

import plenary.urls  # noqa: E402

ROUNDS = 200


def bare(request):
    return HttpResponse(b"")


urlpatterns = [path("bare/", bare), *plenary.urls.urlpatterns]


def timings(client: Client, url: str) -> list[float]:
    client.get(url)  # warm caches (templates, URL resolver)
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_scenario", "cybercrime-ahc", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timings(client, "/bare/")
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
            samples = timings(client, url)
            print(
                f"{url:<40}{statistics.median(samples) * 1000:>9.2f}"
                f"{p95(samples) * 1000:>9.2f}{p95(samples) / p95(baseline):>11.1f}"
                f"{query_count:>9}"
            )


if __name__ == "__main__":
    main()
