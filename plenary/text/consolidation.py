"""Compiling delegations' submissions for a chapter into the consolidated negotiating text.

Articles from different submissions are the same article when their titles are the same (case,
spacing and final punctuation aside). Within an article, paragraphs are compared position by
position: wordings that are identical or nearly so (by default 90 % of their words in the same
order) become one paragraph attributed to every delegation that proposed them; competing
wordings become one paragraph of bracketed alternatives, each with its sponsors. Pure Python.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from plenary.text.parsing import Bracket, ParsedArticle, ParsedChapter, ParsedParagraph

NEAR_IDENTICAL = 0.9
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SubmittedChapter:
    """One delegation's submission for a chapter, already read."""

    delegation: str  # as shown in attribution, e.g. "BR" or "EU"
    articles: Sequence[ParsedArticle]


@dataclass
class _Wording:
    words: list[str]
    word_set: frozenset[str]
    paragraph: ParsedParagraph
    sponsors: list[str]


def title_key(title: str) -> str:
    """The form of an article title used to recognise the same article."""
    return " ".join(title.casefold().split()).rstrip(" .:;")


def consolidate_chapter(
    number: str,
    title: str,
    submissions: Sequence[SubmittedChapter],
    *,
    first_article: int = 1,
    similarity: float = NEAR_IDENTICAL,
) -> ParsedChapter:
    """Compile the submissions into one chapter; articles are numbered from `first_article`."""
    articles: dict[str, list[tuple[str, ParsedArticle]]] = {}
    titles: dict[str, str] = {}
    for submission in submissions:
        for article in submission.articles:
            key = title_key(article.title)
            titles.setdefault(key, article.title)
            articles.setdefault(key, []).append((submission.delegation, article))
    chapter = ParsedChapter(number, title, 0)
    for offset, (key, versions) in enumerate(articles.items()):
        consolidated = ParsedArticle(first_article + offset, titles[key], 0)
        consolidated.paragraphs = _paragraphs(
            [(delegation, article.paragraphs) for delegation, article in versions], similarity
        )
        chapter.articles.append(consolidated)
    return chapter


def _paragraphs(
    proposals: list[tuple[str, list[ParsedParagraph]]], similarity: float
) -> list[ParsedParagraph]:
    longest = max((len(paragraphs) for _, paragraphs in proposals), default=0)
    result = []
    for position in range(longest):
        at_position = [(d, ps[position]) for d, ps in proposals if position < len(ps)]
        result.append(_merge(at_position, similarity))
    return result


def _merge(proposals: list[tuple[str, ParsedParagraph]], similarity: float) -> ParsedParagraph:
    """One paragraph from the wordings proposed at the same place."""
    wordings: list[_Wording] = []
    for delegation, paragraph in proposals:
        words = WORD.findall(paragraph.text.casefold())
        match = next((w for w in wordings if _near(words, w, similarity)), None)
        if match is None:
            wordings.append(_Wording(words, frozenset(words), paragraph, [delegation]))
        elif delegation not in match.sponsors:
            match.sponsors.append(delegation)
    attribution = _unique(d for d, _ in proposals)
    first = wordings[0].paragraph
    numbered = all(p.number for _, p in proposals)
    number = first.number if numbered else ""
    children = _paragraphs([(d, p.children) for d, p in proposals], similarity)
    if len(wordings) == 1:
        merged = ParsedParagraph(
            number, first.text, first.line, list(first.segments), list(first.footnotes)
        )
    else:
        alternatives = [w.paragraph.text for w in wordings]
        bracket = Bracket(alternatives, [list(w.sponsors) for w in wordings])
        merged = ParsedParagraph(
            number, "[" + " / ".join(alternatives) + "]", first.line, [bracket]
        )
    merged.children = children
    merged.attribution = attribution
    return merged


def _near(words: list[str], wording: _Wording, similarity: float) -> bool:
    if words == wording.words:
        return True
    if not words or not wording.words:
        return False
    # Cheap bounds first: most pairs of different wordings are told apart without a full diff.
    shared = len(wording.word_set & set(words)) / len(wording.word_set | set(words))
    if shared < similarity - 0.2:
        return False
    matcher = SequenceMatcher(None, wording.words, words, autojunk=False)
    return matcher.quick_ratio() >= similarity and matcher.ratio() >= similarity


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
