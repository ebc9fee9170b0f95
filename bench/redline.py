"""The word-level redline of two full drafts (targets: at most 100 ms, at least 10x difflib).

Generates, from a fixed seed, a draft convention of 70 articles in 9 chapters (~400 paragraphs of
~60 words, some with bracketed alternatives) and a revised draft of it in which ~15 % of the
paragraphs are edited the way negotiators edit (a word replaced, a phrase bracketed or struck, a
clause added), two paragraphs are inserted and one deleted, one article is deleted, one added, one
moved to another chapter, and the articles are renumbered. Every chapter, article and paragraph
is a provision that keeps its identity from one draft to the other, as stored versions do.
Times compare_drafts as versions are compared (parts paired by provision) and on the same drafts
without their provisions (a text from outside, lined up by its look), against the baseline,
difflib.HtmlDiff().make_table over the same two drafts as lines, in the same run.
No Django. Exits 1 when a target is missed. Run: .venv/bin/python bench/redline.py
"""

import difflib
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from plenary.text import word_diff
from plenary.text.redline import (
    ArticleText,
    ChapterText,
    DraftText,
    ParagraphText,
    compare_drafts,
)

CHAPTERS = [
    "General provisions",
    "Criminalization",
    "Jurisdiction",
    "Procedural measures and law enforcement",
    "International cooperation",
    "Preventive measures",
    "Technical assistance and information exchange",
    "Mechanism of implementation",
    "Final provisions",
]
ARTICLES_PER_CHAPTER = [4, 15, 3, 14, 17, 4, 5, 2, 6]  # 70, as in the cybercrime convention
PHRASE = (
    "each state party shall adopt such legislative and other measures as may be necessary to "
    "establish as criminal offences under its domestic law when committed intentionally and "
    "without right the access to the whole or any part of an information and communications "
    "technology system including by infringing security measures with the intent of obtaining "
    "electronic data or other dishonest or criminal intent in accordance with the fundamental "
    "principles of its legal system and subject to conditions and safeguards provided for under "
    "its domestic law which shall provide for the protection of human rights and liberties"
)
VOCABULARY = PHRASE.split()
EDITED = 0.15  # share of paragraphs edited between the two drafts
TOPIC_WORDS = (
    "illegal access interception interference data systems misuse devices forgery fraud "
    "offences preservation production search seizure collection traffic content extradition "
    "transfer assistance cooperation training prevention review amendment signature "
    "ratification reservations depositary languages entry force scope terms sovereignty"
)
TOPICS = TOPIC_WORDS.split()
PROVISIONS = itertools.count(1)  # each new chapter, article or paragraph is a new provision

# A draft: chapters of articles of paragraphs, each part with its provision's id.
Paragraph = tuple[int, str]
Article = tuple[int, str, list[Paragraph]]
Draft = list[tuple[int, str, list[Article]]]


def paragraph(rng: random.Random) -> Paragraph:
    return next(PROVISIONS), paragraph_text(rng)


def paragraph_text(rng: random.Random) -> str:
    words = rng.choices(VOCABULARY, k=rng.randint(45, 75))
    words[0] = words[0].capitalize()
    for _ in range(rng.randint(0, 3)):
        words[rng.randrange(1, len(words))] += ","
    if rng.random() < 0.2:  # an alternative left open in brackets
        at = rng.randrange(1, len(words) - 4)
        words[at] = f"[{words[at]}"
        words[at + 2] += f"/{rng.choice(VOCABULARY)}]"
    return " ".join(words) + rng.choice([".", ".", ";"])


def article_title(rng: random.Random, taken: set[str]) -> str:
    while True:
        title = " ".join(rng.sample(TOPICS, 3)).capitalize()
        if title not in taken:
            taken.add(title)
            return title


def zero_draft(rng: random.Random) -> Draft:
    taken: set[str] = set()
    return [
        (
            next(PROVISIONS),
            chapter,
            [
                (
                    next(PROVISIONS),
                    article_title(rng, taken),
                    [paragraph(rng) for _ in range(rng.randint(4, 7) + (rng.random() < 0.25))],
                )
                for _ in range(count)
            ],
        )
        for chapter, count in zip(CHAPTERS, ARTICLES_PER_CHAPTER, strict=True)
    ]


def edited(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(1, len(words) - 5)
        edit = rng.random()
        if edit < 0.4:
            words[at] = rng.choice(VOCABULARY)
        elif edit < 0.6:
            words[at] = f"[{words[at]}"
            words[at + 3] += "]"
        elif edit < 0.8:
            del words[at : at + rng.randint(1, 4)]
        else:
            words[at:at] = rng.choices(VOCABULARY, k=rng.randint(3, 8))
    return " ".join(words)


def revised_draft(zero: Draft, rng: random.Random) -> Draft:
    """The next draft: the same provisions, edited, plus new ones and without struck ones."""
    revised = [
        (chapter_id, chapter, [(pk, title, list(texts)) for pk, title, texts in articles])
        for chapter_id, chapter, articles in zero
    ]
    places = [
        (texts, index)
        for _, _, articles in revised
        for _, _, texts in articles
        for index in range(len(texts))
    ]
    for texts, index in rng.sample(places, round(EDITED * len(places))):
        pk, text = texts[index]
        texts[index] = (pk, edited(text, rng))
    revised[1][2][3][2].insert(1, paragraph(rng))  # a new paragraph 2
    revised[4][2][6][2].insert(3, paragraph(rng))
    del revised[3][2][2][2][2]  # a paragraph struck
    del revised[1][2][9]  # an article struck: every later one in the chapter renumbered
    revised[3][2].insert(5, (next(PROVISIONS), "Protection of security research", [paragraph(rng)]))
    revised[4][2].append(revised[3][2].pop(11))  # an article moved to another chapter
    return revised


def draft_text(draft: Draft, *, provisions: bool) -> DraftText:
    """The draft as the redline reads it, each part numbered and named (eId) as it stands, and
    keyed by its provision (or not: a text from outside)."""

    def key(pk: int) -> str:
        return str(pk) if provisions else ""

    chapters = []
    number = 0
    for position, (chapter_id, chapter, articles) in enumerate(draft, start=1):
        built = []
        for article_id, title, texts in articles:
            number += 1
            eid = f"chp_{position}__art_{number}"
            paragraphs = [
                ParagraphText(f"{eid}__para_{n}", str(n), text, key(pk))
                for n, (pk, text) in enumerate(texts, start=1)
            ]
            built.append(ArticleText(eid, str(number), title, paragraphs, key(article_id)))
        chapters.append(
            ChapterText(f"chp_{position}", str(position), chapter, built, key(chapter_id))
        )
    return DraftText(chapters)


def as_lines(draft: DraftText) -> list[str]:
    lines = []
    for chapter in draft.chapters:
        lines.append(f"Chapter {chapter.number}. {chapter.title}")
        for article in chapter.articles:
            lines.append(f"Article {article.number}. {article.title}")
            lines.extend(f"{p.number}. {p.text}" for p in article.paragraphs)
    return lines


def timed(function: Callable[[], object], repeat: int = 7) -> float:
    samples = []
    for _ in range(repeat):
        word_diff._tokens.cache_clear()  # measure cold: no tokens kept from the previous run
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def target(description: str, met: bool) -> bool:
    """As harness.target, without Django."""
    print(f"target: {description} -> {'meets' if met else 'MISSES'}")
    return met


def main() -> int:
    rng = random.Random(2022)
    zero = zero_draft(rng)
    revised = revised_draft(zero, rng)
    old, new = draft_text(zero, provisions=True), draft_text(revised, provisions=True)
    old_lines, new_lines = as_lines(old), as_lines(new)
    paragraphs = sum(len(a.paragraphs) for c in old.chapters for a in c.articles)
    words = sum(len(p.text.split()) for c in old.chapters for a in c.articles for p in a.paragraphs)

    print(
        f"drafts: 70 articles, {paragraphs} paragraphs of {words / paragraphs:.0f} words, "
        f"{EDITED:.0%} of them edited, plus paragraphs and articles inserted, struck and moved"
    )
    baseline = timed(lambda: difflib.HtmlDiff().make_table(old_lines, new_lines), repeat=5)
    print(f"{'difflib.HtmlDiff().make_table (baseline)':<48}{baseline * 1000:8.1f} ms")
    met = []
    for name, (was, now) in {
        "compare_drafts, by provision (versions)": (old, new),
        "compare_drafts, by look (text from outside)": (
            draft_text(zero, provisions=False),
            draft_text(revised, provisions=False),
        ),
    }.items():
        redlining = timed(lambda was=was, now=now: compare_drafts(was, now))
        changes = compare_drafts(was, now)
        kinds = ", ".join(
            f"{sum(c.change == kind for c in changes)} {kind}"
            for kind in sorted({c.change for c in changes})
        )
        print(
            f"{name:<48}{redlining * 1000:8.1f} ms {baseline / redlining:6.1f}x faster   ({kinds})"
        )
        met.append(target(f"{name} at most 100 ms", redlining <= 0.100))
        met.append(target(f"{name} at least 10x faster than HtmlDiff", baseline / redlining >= 10))
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
