"""What the page benchmarks share: Django on a throw-away SQLite database, timing through the
whole request handling, and a negotiation with generated delegations. Import it first."""

import gc
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
from django.test import Client  # noqa: E402

from plenary.process.models import Delegation, Negotiation  # noqa: E402


def migrate() -> None:
    call_command("migrate", verbosity=0)


def timed(client: Client, url: str, rounds: int, budget: float | None = None) -> list[float]:
    """Seconds per request, after one request to warm templates and the URL resolver and a
    full collection, so that no series pays for garbage another one left behind. With a
    budget (seconds), a slow series stops once it has spent it (after at least two requests)."""
    client.get(url)
    gc.collect()
    samples: list[float] = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        if budget is not None and len(samples) >= 2 and sum(samples) > budget:
            break
    return samples


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def report(rows: list[tuple[str, list[float]]], baseline: list[float]) -> None:
    """A table of p50, p95 and the p95 ratio to the baseline, one row per page."""
    print(f"{'page':<34}{'p50 ms':>9}{'p95 ms':>9}{'p95 / bare':>12}")
    for name, samples in rows:
        print(
            f"{name:<34}{statistics.median(samples) * 1000:>9.1f}{p95(samples) * 1000:>9.1f}"
            f"{p95(samples) / p95(baseline):>12.1f}"
        )


def target(description: str, met: bool) -> bool:
    """Print whether a target of docs/design.md is met; the script exits 1 when one is not."""
    print(f"target: {description} -> {'meets' if met else 'MISSES'}")
    return met


def negotiation_with_delegations(
    count: int, slug: str = "bench"
) -> tuple[Negotiation, list[Delegation]]:
    negotiation = Negotiation.objects.create(
        slug=slug,
        title="Bench",
        short_title="Bench",
        mandate="A/RES/0/0",
        body="Committee",
        secretariat="Secretariat",
        decision_rule="Consensus",
    )
    delegations = [
        Delegation.objects.create(
            negotiation=negotiation,
            name=f"State {i}",
            iso2=f"{chr(65 + i // 26)}{chr(65 + i % 26)}",
            kind="member_state",
        )
        for i in range(count)
    ]
    return negotiation, delegations
