"""Re-assessment flags for 500 red lines across a new full version (target: at most 1 s).

A generated text of 70 articles (about 400 paragraphs, as bench/draft_page.py makes them) is
published, then a revised version in which about 15 % of the paragraphs are edited; 500 red
lines of 10 coalitions each link 1 to 3 paragraphs. Times flag_red_lines on the revised version
(reading both versions, finding the red lines whose paragraphs changed, the redline of each
changed paragraph, writing the flags and their audit entry; the followers are told afterwards,
by the outbox's worker) in a throw-away SQLite database,
against the baseline of the bare word-level redline of the same two versions (compare_drafts),
in the same run. Exits 1 when the target is missed.
Run: .venv/bin/python bench/red_lines.py
"""

import datetime
import random
import statistics
import sys
import time

from harness import migrate, negotiation_with_delegations, target

# isort: split
from django.test.utils import override_settings

from plenary.advocacy.models import Coalition, Reassessment, RedLine
from plenary.advocacy.services.red_lines import flag_red_lines
from plenary.process.actors import actor_of
from plenary.process.models import Role, User
from plenary.text.parsing import roman_numeral
from plenary.text.provisions import outline_of
from plenary.text.redline import compare_drafts
from plenary.text.services.versions import import_version
from plenary.text.structure import draft_text

ROUNDS = 15
RED_LINES = 500
WORDS = "each state party shall adopt measures to establish offences access data system"
TARGET = 1.0  # seconds


def draft_lines(rng: random.Random, articles: int) -> list[str]:
    words = WORDS.split(" ")
    lines = []
    for number in range(1, articles + 1):
        if number % 8 == 1:
            lines.append(f"Chapter {roman_numeral(number // 8 + 1)}. Part")
        lines.append(f"Article {number}. Title {number}")
        for paragraph in range(1, rng.randint(5, 8)):  # 4 to 7: ~400 in all
            text = " ".join(rng.choices(words, k=40))
            lines.append(f"{paragraph}. {text.capitalize()}.")
    return lines


def revise(rng: random.Random, lines: list[str]) -> list[str]:
    """About 15 % of the paragraphs edited as negotiators edit: a word replaced or added."""
    revised = []
    for line in lines:
        if line[:1].isdigit() and rng.random() < 0.15:
            words = line.split(" ")
            at = rng.randrange(2, len(words) - 1)
            words[at] = rng.choice(["may", "should", "shall endeavour to", "[access / data]"])
            line = " ".join(words)
        revised.append(line)
    return revised


def main() -> int:
    migrate()
    rng = random.Random(500)
    negotiation, _delegations = negotiation_with_delegations(0)
    staff = User.objects.create(username="secretariat", role=Role.SECRETARIAT)
    lines = draft_lines(rng, 70)
    old = import_version(
        negotiation,
        by=actor_of(staff),
        lines=lines,
        label="Draft",
        date=datetime.date(2024, 1, 1),
        published=True,
    )
    paragraphs = [p.provision for p in outline_of(old).paragraphs]
    coalitions = [
        Coalition.objects.create(negotiation=negotiation, slug=f"c{i}", name=f"Coalition {i}")
        for i in range(10)
    ]
    red_lines = RedLine.objects.bulk_create(
        RedLine(
            coalition=coalitions[i % len(coalitions)],
            title=f"Red line {i}",
            criterion="A criterion.",
        )
        for i in range(RED_LINES)
    )
    RedLine.provisions.through.objects.bulk_create(
        RedLine.provisions.through(redline_id=red_line.pk, provision_id=provision)
        for red_line in red_lines
        for provision in rng.sample(paragraphs, rng.randint(1, 3))
    )
    new = import_version(
        negotiation,
        by=actor_of(staff),
        lines=revise(rng, lines),
        label="Revised draft",
        date=datetime.date(2024, 2, 1),
        published=True,
    )
    old_text, new_text = draft_text(old.content), draft_text(new.content)
    changed = len(compare_drafts(old_text, new_text))
    print(
        f"text: 70 articles, {len(paragraphs)} paragraphs, {changed} changed in the revised "
        f"version; {RED_LINES} red lines"
    )

    baseline, flagging = [], []
    flagged = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        compare_drafts(draft_text(old.content), draft_text(new.content))
        baseline.append(time.perf_counter() - start)
        Reassessment.objects.all().delete()
        # Read afresh each round, as the receiver gets it: no content cached between rounds.
        fresh = type(new).objects.get(pk=new.pk)
        start = time.perf_counter()
        flagged = len(flag_red_lines(fresh))
        flagging.append(time.perf_counter() - start)
    assert flagged == Reassessment.objects.count() > 0
    print(f"{'':<44}{'median ms':>10}{'max ms':>9}{'ratio':>8}")
    for name, samples in (
        ("bare redline of the two versions (baseline)", baseline),
        (f"flags ({flagged} flagged)", flagging),
    ):
        print(
            f"{name:<44}{statistics.median(samples) * 1000:>10.1f}{max(samples) * 1000:>9.1f}"
            f"{statistics.median(samples) / statistics.median(baseline):>8.1f}"
        )
    met = target(f"flags for {RED_LINES} red lines at most {TARGET:.0f} s", max(flagging) <= TARGET)
    return 0 if met else 1


if __name__ == "__main__":
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        sys.exit(main())
