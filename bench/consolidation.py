"""Consolidating 150 submissions for one chapter (target: at most 2 s).

Generates, from a fixed seed, 150 delegations' submissions of a ten-article chapter in which
wordings repeat with small edits (as real submissions do), then times reading them (the
baseline: work any consolidation must do) and consolidating them. No Django.
Run: .venv/bin/python bench/consolidation.py
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plenary.text.consolidation import SubmittedChapter, consolidate_chapter
from plenary.text.parsing import parse_draft

PHRASE = (
    "each state party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law when committed intentionally the "
    "access to the whole or any part of an information and communications technology system "
    "without right including by infringing security measures with dishonest intent"
)
VOCABULARY = PHRASE.split(" ")


def submissions(count: int, rng: random.Random) -> list[list[str]]:
    base = [
        [" ".join(rng.choices(VOCABULARY, k=40)) for _ in range(3)]  # three wordings a paragraph
        for _ in range(40)
    ]
    drafts = []
    for _ in range(count):
        lines = []
        for article in range(10):
            lines.append(f"Article {article + 1}. Offence number {article + 1}")
            for paragraph in range(4):
                words = rng.choice(base[article * 4 + paragraph]).split()
                if rng.random() < 0.3:  # a small edit keeps it near-identical
                    words[rng.randrange(len(words))] = rng.choice(VOCABULARY)
                lines.append(f"{paragraph + 1}. {' '.join(words).capitalize()}.")
        drafts.append(lines)
    return drafts


def timed(function, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    drafts = submissions(150, random.Random(2022))
    parsed = [
        SubmittedChapter(f"D{i}", parse_draft(lines).articles) for i, lines in enumerate(drafts)
    ]
    reading = timed(lambda: [parse_draft(lines) for lines in drafts])
    consolidating = timed(lambda: consolidate_chapter("II", "Criminalization", parsed))
    chapter = consolidate_chapter("II", "Criminalization", parsed)
    brackets = sum(p.has_brackets for a in chapter.articles for p in a.paragraphs)
    print(f"reading 150 submissions (baseline)  {reading * 1000:8.1f} ms   1.0x")
    print(
        f"consolidating them                   {consolidating * 1000:8.1f} ms "
        f"{consolidating / reading:5.1f}x   ({len(chapter.articles)} articles, "
        f"{brackets} bracketed paragraphs)"
    )
    verdict = "meets" if consolidating <= 2.0 else "MISSES"
    print(f"target: consolidation at most 2 s -> {verdict}")


if __name__ == "__main__":
    main()
