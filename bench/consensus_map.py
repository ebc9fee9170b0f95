"""The consensus map of 193 delegations x 60 provisions, end to end, against a bare view.

A generated text of 60 paragraphs and a stance of each of 193 delegations on each paragraph
(11,580 stances, with objections) are stored in a throw-away SQLite database. Timed through
Django's whole request handling: the consensus map page (the consensus core, the grouping of
delegations by opinion, the SVG and the table), once with nothing cached (as after a change of
stances) and once with the record unchanged (the map and the groups come from the cache), and,
as the baseline, a bare view that reads the same stances and writes them out as they come.
Also times the analysis core alone.
Target (docs/design.md): the consensus map of 193 x 60 in at most 200 ms.
Run: .venv/bin/python bench/consensus_map.py
"""

import datetime
import random
import statistics
import time

from harness import migrate, negotiation_with_delegations, p95, report, timed

# isort: split
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.test.utils import override_settings
from django.urls import path

import plenary.urls
from plenary.analysis import DelegationStance, consensus_map
from plenary.positions.models import Objection, Stance
from plenary.process.models import Role, User
from plenary.text.services.versions import import_version
from plenary.text.structure import walk_paragraphs

ROUNDS = 30
STANCES = ["support", "support", "support", "amend", "oppose", "reservation", "silent"]


def bare(request, slug):
    """The least a page of the same data costs: read the stances and write them out."""
    rows = Stance.objects.filter(negotiation__slug=slug).values_list("delegation", "eid", "stance")
    return HttpResponse("".join(f"<td>{d} {e} {s}</td>" for d, e, s in rows))


urlpatterns = [path("bare/<slug:slug>/", bare), *plenary.urls.urlpatterns]


def main() -> None:
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
        by=staff,
        lines=lines,
        label="Draft",
        date=datetime.date(2024, 1, 1),
        published=True,
    )
    eids = [p["eid"] for p in walk_paragraphs(version.content)]
    # Five camps, each with its own leaning per paragraph, so that blocks exist to be found.
    leaning = [[rng.choice(STANCES) for _ in eids] for _camp in range(5)]
    Stance.objects.bulk_create(
        Stance(
            negotiation=negotiation,
            delegation=delegation,
            eid=eid,
            stance=leaning[d % 5][e] if rng.random() < 0.8 else rng.choice(STANCES),
            sources=[{"title": "Generated for the benchmark"}],
        )
        for d, delegation in enumerate(delegations)
        for e, eid in enumerate(eids)
    )
    Objection.objects.bulk_create(
        Objection(negotiation=negotiation, delegation=rng.choice(delegations), eid=eid, reason="-")
        for eid in rng.sample(eids, 12)
    )
    print(
        f"map: {len(delegations)} delegations x {len(eids)} provisions, "
        f"{Stance.objects.count()} stances"
    )

    stances = [
        DelegationStance(str(d), eid, stance)
        for d, eid, stance in Stance.objects.values_list("delegation", "eid", "stance")
    ]
    core = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        consensus_map(eids, stances, [])
        core.append(time.perf_counter() - start)

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
    for name, samples in (("after a change", cold), ("unchanged", warm)):
        verdict = "meets" if p95(samples) <= 0.2 else "MISSES"
        print(f"target: consensus map page ({name}) p95 at most 200 ms -> {verdict}")


if __name__ == "__main__":
    main()
