"""Public pages against a bare Django response, measured in the same run.

Loads the reference scenario into a throw-away SQLite database, then times each page through
Django's full request handling (middleware, URL resolution, templates) as someone who is not
signed in, and prints p50/p95, the ratio to a view that returns an empty HttpResponse and the
number of queries. Each page is timed twice: served from the page cache (warm: the record has
not changed since it was rendered) and computed (cold: the cache is emptied before every
request, so every cache the page uses is cold too).
Targets (docs/design.md): the vote, delegations, negotiation and treaty pages at most 5 times
the bare response at p95 with a warm cache, and at most 40 ms without one. The run exits with
status 1 when a target is missed, 0 otherwise.
Run: .venv/bin/python bench/pages.py
"""

import gc
import io
import statistics
import sys
import time

from harness import migrate, p95, timed

# isort: split
from django.core.cache import cache
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
TARGET_WARM_RATIO = 5.0
TARGET_COLD_MS = 40.0
# The four pages with targets, then others for comparison.
TARGETED = (
    "/votes/A/RES/74/247/",
    "/n/cybercrime-ahc/delegations/",
    "/n/cybercrime-ahc/",
    "/n/cybercrime-ahc/treaty/",
)
OTHERS = (
    "/n/cybercrime-ahc/consensus/",
    "/n/cybercrime-ahc/issues/",
    "/api/negotiations/cybercrime-ahc/sessions",
    "/api/votes/A%2FRES%2F74%2F247",
)


def bare(request):
    return HttpResponse(b"")


urlpatterns = [path("bare/", bare), *plenary.urls.urlpatterns]


def timed_cold(client: Client, url: str, rounds: int) -> list[float]:
    """Seconds per request with the cache emptied before each one (not timed)."""
    client.get(url)
    gc.collect()
    samples = []
    for _ in range(rounds):
        cache.clear()
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)  # read now: the next request resets the query log


def row(name: str, samples: list[float], baseline: list[float], count: int | str) -> None:
    print(
        f"{name:<52}{statistics.median(samples) * 1000:>9.2f}{p95(samples) * 1000:>9.2f}"
        f"{p95(samples) / p95(baseline):>11.1f}{count:>9}"
    )


def main() -> None:
    migrate()
    call_command("load_scenario", "cybercrime-ahc", stdout=io.StringIO())
    # The analysis pages are measured with the illustrative example positions, as before.
    load_example_positions(Negotiation.objects.get(slug="cybercrime-ahc"))
    client = Client()
    missed = []
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(client, "/bare/", ROUNDS)
        print(f"{'page':<52}{'p50 ms':>9}{'p95 ms':>9}{'p95 ratio':>11}{'queries':>9}")
        row("bare HttpResponse (baseline)", baseline, baseline, 0)
        for url in TARGETED + OTHERS:
            cache.clear()
            cold_queries = queries(client, url)
            warm = timed(client, url, ROUNDS)
            row(f"{url} (from the cache)", warm, baseline, queries(client, url))
            cold = timed_cold(client, url, ROUNDS // 4)
            row(f"{url} (computed)", cold, baseline, cold_queries)
            if url in TARGETED:
                if p95(warm) > TARGET_WARM_RATIO * p95(baseline):
                    missed.append(f"{url} from the cache: p95 over {TARGET_WARM_RATIO}× bare")
                if p95(cold) * 1000 > TARGET_COLD_MS:
                    missed.append(f"{url} computed: p95 over {TARGET_COLD_MS:.0f} ms")
    for miss in missed:
        print(f"MISSED: {miss}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
