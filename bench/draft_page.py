"""The full draft pages against a bare Django view of the same text, in the same run.

A generated text of 70 articles (about 400 paragraphs) with 2,000 open proposals is stored in a
throw-away SQLite database. Timed through Django's whole request handling: the public page of
the version, the working text (with proposals, as a delegation sees it), and, as the baseline,
a bare view that renders the same paragraphs with a one-line template. Also reports the query
count of the working text for half and for all of the text, which must not grow with size.
Target (docs/design.md): p95 of the draft page at most 3 x the bare view.
Run: .venv/bin/python bench/draft_page.py
"""

import datetime
import random

from harness import migrate, negotiation_with_delegations, p95, report, timed

# isort: split

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path

import plenary.urls
from plenary.process.models import Role, User
from plenary.text.models import Proposal, Version
from plenary.text.parsing import roman_numeral
from plenary.text.services.versions import import_version
from plenary.text.structure import walk_paragraphs

ROUNDS = 100
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


def main() -> None:
    migrate()
    rng = random.Random(70)
    negotiation, delegations = negotiation_with_delegations(60)
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
        baseline = timed(client, f"/bare/{version.pk}/", ROUNDS)
        public = timed(client, f"/n/bench/versions/{version.pk}/", ROUNDS)
        client.force_login(delegate)
        with CaptureQueriesContext(connection) as queries:
            client.get("/n/bench/draft/")
        working_queries = len(queries)
        working = timed(client, "/n/bench/draft/", ROUNDS)
    report(
        [
            ("bare view (baseline)", baseline),
            ("version page (public)", public),
            ("working text (with proposals)", working),
        ],
        baseline,
    )
    print(f"queries for the working text: {working_queries}")
    verdict = "meets" if p95(public) <= 3 * p95(baseline) else "MISSES"
    print(f"target: version page p95 at most 3 x the bare view -> {verdict}")


if __name__ == "__main__":
    main()
