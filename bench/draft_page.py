"""The full draft pages against a bare Django view of the same text, in the same run.

A generated text of 70 articles (about 400 provisions) with 2,000 open proposals is stored in a
throw-away SQLite database. Timed through Django's whole request handling: the public page of
the version, the working text (with proposals, as a delegation sees it), the same two texts
and the proposals through the API, and, as the baseline, a bare view that renders the same
paragraphs with a one-line template. A series that takes more than BUDGET seconds stops early
(the number of requests it made is printed). Also reports the queries each page makes for half
of the text (35 articles, 1,000 proposals, in another negotiation) and for all of it, which
must not grow with size. Exits 1 when a target is missed.
Target (docs/design.md): p95 of the full draft page (2,000 proposals) at most 3 x the bare view.
Run: .venv/bin/python bench/draft_page.py
"""

import datetime
import random
import sys

from harness import migrate, negotiation_with_delegations, p95, report, target, timed

# isort: split

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import path

import plenary.urls
from plenary.process.actors import actor_of
from plenary.process.models import Negotiation, Role, User
from plenary.text.models import Proposal, Version
from plenary.text.parsing import roman_numeral
from plenary.text.provisions import outline_of
from plenary.text.services.versions import import_version

ROUNDS = 100
BUDGET = 60.0  # seconds a series may take
WORDS = "each state party shall adopt measures to establish offences access data system"
BARE = engines["django"].from_string(
    "{% for p in paragraphs %}<p id='{{ p.eid }}'>{{ p.text }}</p>{% endfor %}"
)


def bare(request, pk):
    paragraphs = outline_of(Version.objects.get(pk=pk)).paragraphs
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


def table(
    rng: random.Random, slug: str, articles: int, proposals: int
) -> tuple[Negotiation, Version, User, int]:
    """A negotiation with a published text of that many articles, that many open proposals on
    its paragraphs (300 of every 2,000 co-sponsored), and a delegate who sees the working text;
    and how many provisions the text has."""
    negotiation, delegations = negotiation_with_delegations(60, slug=slug)
    staff = User.objects.create(username=f"secretariat-{slug}", role=Role.SECRETARIAT)
    delegate = User.objects.create(
        username=f"delegate-{slug}", role=Role.DELEGATION, delegation=delegations[0]
    )
    version = import_version(
        negotiation,
        by=actor_of(staff),
        lines=draft_lines(rng, articles),
        label="Draft",
        date=datetime.date(2024, 1, 1),
        published=True,
    )
    outline = outline_of(version)
    paragraphs = [p.provision for p in outline.paragraphs]
    made = Proposal.objects.bulk_create(
        Proposal(
            negotiation=negotiation,
            provision_id=rng.choice(paragraphs),
            made_on=version,
            kind=rng.choice(["alternative", "comment", "delete"]),
            text="An alternative wording for this paragraph.",
            delegation=rng.choice(delegations),
        )
        for _ in range(proposals)
    )
    for proposal in made[: proposals * 3 // 20]:
        proposal.cosponsors.add(rng.choice(delegations))
    print(
        f"{slug}: {len(version.content['chapters'])} chapters, {articles} articles, "
        f"{len(paragraphs)} paragraphs, {len(outline.parts)} provisions, {len(made)} proposals"
    )
    return negotiation, version, delegate, len(outline.parts)


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def main() -> int:
    migrate()
    rng = random.Random(70)
    _negotiation, version, delegate, _provisions = table(rng, "bench", 70, 2000)
    _half, half_version, half_delegate, _ = table(random.Random(35), "half", 35, 1000)

    pages = {
        "version page (public)": ("/n/{slug}/versions/{pk}/", False),
        "working text (with proposals)": ("/n/{slug}/draft/", True),
        "API: version text (public)": ("/api/negotiations/{slug}/versions/{pk}", False),
        "API: working text": ("/api/negotiations/{slug}/draft", True),
        "API: proposals": ("/api/negotiations/{slug}/proposals", True),
    }
    counted: dict[str, tuple[int, int]] = {}
    samples: dict[str, list[float]] = {}
    public, member = Client(), Client()
    member.force_login(delegate)
    half_member = Client()
    half_member.force_login(half_delegate)
    with override_settings(ROOT_URLCONF=__name__):
        baseline = timed(public, f"/bare/{version.pk}/", ROUNDS)
        for name, (url, at_the_table) in pages.items():
            full = url.format(slug="bench", pk=version.pk)
            half = url.format(slug="half", pk=half_version.pk)
            counted[name] = (
                queries(half_member if at_the_table else public, half),
                queries(member if at_the_table else public, full),
            )
            samples[name] = timed(member if at_the_table else public, full, ROUNDS, BUDGET)
    report(
        [("bare view (baseline)", baseline), *samples.items()],
        baseline,
    )
    for name, series in samples.items():
        if len(series) < ROUNDS:
            print(f"{name}: only {len(series)} requests within the {BUDGET:.0f} s budget")
    print(f"{'queries':<34}{'half':>9}{'all':>9}")
    for name, (half_count, full_count) in counted.items():
        print(f"{name:<34}{half_count:>9}{full_count:>9}")
    met = [
        target(
            f"{name} p95 at most 3 x the bare view",
            p95(samples[name]) <= 3 * p95(baseline),
        )
        for name in ("version page (public)", "working text (with proposals)")
    ]
    met += [
        target(
            "queries of the pages do not grow with the text",
            all(half == full for half, full in counted.values()),
        )
    ]
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
