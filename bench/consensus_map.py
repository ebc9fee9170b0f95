"""The consensus map of 193 delegations x 60 provisions, end to end, against a bare view.

A generated text of 60 paragraphs and a stance of each of 193 delegations on each paragraph
(11,580 stances, with objections) are stored in a throw-away SQLite database. Timed through
Django's whole request handling: the consensus map page (the consensus core, the grouping of
delegations by opinion, the SVG and the table), once with nothing cached (as after a change of
stances) and once with the record unchanged (the map and the groups come from the cache), and,
as the baseline, a bare view that reads the same stances and writes them out as they come.
Also times the analysis core alone, and the consensus service (reading the latest stances and
the open objections on the provisions, then the core). Exits 1 when a target is missed.
Target (docs/design.md): the consensus map of 193 x 60 in at most 200 ms.
Run: .venv/bin/python bench/consensus_map.py
"""

import datetime
import random
import statistics
import sys
import time

from harness import migrate, negotiation_with_delegations, p95, report, target, timed

# isort: split
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path

import plenary.urls
from plenary.analysis import DelegationStance, consensus_map
from plenary.positions.models import Objection, Stance
from plenary.positions.services import consensus_on, provision_key
from plenary.process.actors import actor_of
from plenary.process.models import Role, User
from plenary.text.provisions import outline_of
from plenary.text.services.versions import import_version

ROUNDS = 30
STANCES = ["support", "support", "support", "amend", "oppose", "reservation", "silent"]


def bare(request, slug):
    """The least a page of the same data costs: read the stances and write them out."""
    rows = Stance.objects.filter(negotiation__slug=slug).values_list(
        "delegation", "provision", "stance"
    )
    return HttpResponse("".join(f"<td>{d} {p} {s}</td>" for d, p, s in rows))


urlpatterns = [path("bare/<slug:slug>/", bare), *plenary.urls.urlpatterns]


def main() -> int:
    migrate()
    rng = random.Random(193)
    negotiation, delegations = negotiation_with_delegations(193)
    staff = User.objects.create(username="secretariat", role=Role.SECRETARIAT)
    lines = []
    for article in range(1, 16):
        lines.append(f"Article {article}. Title {article}")
        lines += [f"{p}. Each State Party shall adopt measures {article}.{p}." for p in range(1, 5)]
    version = import_version(
        negotiation,
        by=actor_of(staff),
        lines=lines,
        label="Draft",
        date=datetime.date(2024, 1, 1),
        published=True,
    )
    provisions = [p.provision for p in outline_of(version).paragraphs]
    keys = [provision_key(p) for p in provisions]
    # Five camps, each with its own leaning per paragraph, so that blocks exist to be found.
    leaning = [[rng.choice(STANCES) for _ in provisions] for _camp in range(5)]
    Stance.objects.bulk_create(
        Stance(
            negotiation=negotiation,
            delegation=delegation,
            provision_id=provision,
            made_on=version,
            stance=leaning[d % 5][p] if rng.random() < 0.8 else rng.choice(STANCES),
            sources=[{"title": "Generated for the benchmark"}],
        )
        for d, delegation in enumerate(delegations)
        for p, provision in enumerate(provisions)
    )
    Objection.objects.bulk_create(
        Objection(
            negotiation=negotiation,
            delegation=rng.choice(delegations),
            provision_id=provision,
            made_on=version,
            reason="-",
        )
        for provision in rng.sample(provisions, 12)
    )
    print(
        f"map: {len(delegations)} delegations x {len(provisions)} provisions, "
        f"{Stance.objects.count()} stances"
    )

    stances = [
        DelegationStance(str(d), provision_key(p), stance)
        for d, p, stance in Stance.objects.values_list("delegation", "provision", "stance")
    ]
    core, service = [], []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        consensus_map(keys, stances, [])
        core.append(time.perf_counter() - start)
        start = time.perf_counter()
        consensus_on(negotiation, keys)
        service.append(time.perf_counter() - start)

    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(client, "/bare/bench/", ROUNDS)
        cold = []
        for _ in range(ROUNDS):
            cache.clear()  # as after a new stance: read, compute and group everything again
            start = time.perf_counter()
            assert client.get("/n/bench/consensus/").status_code == 200
            cold.append(time.perf_counter() - start)
        warm = timed(client, "/n/bench/consensus/", ROUNDS)
    report(
        [
            ("bare view (baseline)", baseline),
            ("consensus map, after a change", cold),
            ("consensus map, unchanged record", warm),
        ],
        baseline,
    )
    print(f"analysis core alone: p50 {statistics.median(core) * 1000:.1f} ms")
    print(
        f"consensus service (stances read + core): p50 {statistics.median(service) * 1000:.1f} ms"
    )
    met = [
        target(f"consensus map page ({name}) p95 at most 200 ms", p95(samples) <= 0.2)
        for name, samples in (("after a change", cold), ("unchanged", warm))
    ]
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
