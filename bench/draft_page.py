"""The full draft pages against a bare Django view of the same text, in the same run.

A generated text of 70 articles (about 400 paragraphs) with 2,000 open proposals is stored in a
throw-away SQLite database. Timed through Django's whole request handling: the public page of
the version, the working text (with proposals, as a delegation sees it), and, as the baseline,
a bare view that renders the same paragraphs with a one-line template. Also reports the query
count of the working text for half and for all of the text, which must not grow with size.
Target (DESIGN.md): p95 of the draft page at most 3 x the bare view.
Run: .venv/bin/python bench/draft_page.py
"""

import datetime
import os
import random
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
from django.template import engines  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import path  # noqa: E402

import plenary.urls  # noqa: E402
from plenary.process.models import Delegation, Negotiation, Role, User  # noqa: E402
from plenary.text.models import Proposal, Version  # noqa: E402
from plenary.text.parsing import roman_numeral  # noqa: E402
from plenary.text.services.versions import import_version  # noqa: E402
from plenary.text.structure import walk_paragraphs  # noqa: E402

ROUNDS = 30
WORDS = "each state party shall adopt measures to establish offences access data system"
BARE = engines["django"].from_string(
    "{% for p in paragraphs %}<p id='{{ p.eid }}'>{{ p.text }}</p>{% endfor %}"
)


def bare(request, pk):
    paragraphs = list(walk_paragraphs(Version.objects.get(pk=pk).content))
    return HttpResponse(BARE.render({"paragraphs": paragraphs}))


urlpatterns = [path("bare/<int:pk>/", bare), *plenary.urls.urlpatterns]


def draft_lines(rng: random.Random, articles: int) -> list[str]:
    words = WORDS.split(" ")
    lines = []
    for number in range(1, articles + 1):
        if number % 8 == 1:
            lines.append(f"Chapter {roman_numeral(number // 8 + 1)}. Part")
        lines.append(f"Article {number}. Title {number}")
        for paragraph in range(1, rng.randint(4, 7)):
            text = " ".join(rng.choices(words, k=40))
            if rng.random() < 0.3:
                text += f" [{rng.choice(words)} / {rng.choice(words)}]"
            lines.append(f"{paragraph}. {text.capitalize()}.")
    return lines


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def timed(client: Client, url: str) -> list[float]:
    client.get(url)
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(70)
    negotiation = Negotiation.objects.create(
        slug="bench",
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
        for i in range(60)
    ]
    staff = User.objects.create(username="secretariat", role=Role.SECRETARIAT)
    delegate = User.objects.create(
        username="delegate", role=Role.DELEGATION, delegation=delegations[0]
    )
    version = import_version(
        negotiation,
        by=staff,
        lines=draft_lines(rng, 70),
        label="Draft",
        date=datetime.date(2024, 1, 1),
        published=True,
    )
    eids = [p["eid"] for p in walk_paragraphs(version.content)]
    proposals = Proposal.objects.bulk_create(
        Proposal(
            negotiation=negotiation,
            eid=rng.choice(eids),
            kind=rng.choice(["alternative", "comment", "delete"]),
            text="An alternative wording for this paragraph.",
            delegation=rng.choice(delegations),
        )
        for _ in range(2000)
    )
    for proposal in proposals[:300]:
        proposal.cosponsors.add(rng.choice(delegations))
    print(
        f"text: {len(version.content['chapters'])} chapters, 70 articles, {len(eids)} paragraphs, "
        f"{len(proposals)} proposals"
    )

    client = Client()
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(client, f"/bare/{version.pk}/")
        public = timed(client, f"/n/bench/versions/{version.pk}/")
        client.force_login(delegate)
        with CaptureQueriesContext(connection) as queries:
            client.get("/n/bench/draft/")
        working_queries = len(queries)
        working = timed(client, "/n/bench/draft/")
    print(f"{'page':<34}{'p50 ms':>9}{'p95 ms':>9}{'p95 / bare':>12}")
    for name, samples in (
        ("bare view (baseline)", baseline),
        ("version page (public)", public),
        ("working text (with proposals)", working),
    ):
        print(
            f"{name:<34}{statistics.median(samples) * 1000:>9.1f}{p95(samples) * 1000:>9.1f}"
            f"{p95(samples) / p95(baseline):>12.1f}"
        )
    print(f"queries for the working text: {working_queries}")
    verdict = "meets" if p95(public) <= 3 * p95(baseline) else "MISSES"
    print(f"target: version page p95 at most 3 x the bare view -> {verdict}")


if __name__ == "__main__":
    main()
