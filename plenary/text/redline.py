"""The word-level redline: what changed between two versions of the draft text.

Pure Python, no Django: the web layer builds a `DraftText` from each stored version (sub-paragraphs
flattened into their article's paragraphs, in reading order) and renders the `ParagraphChange`s.

How two drafts are lined up, and why:
- Articles are the same article when their titles are the same (case, spacing and final
  punctuation aside: `consolidation.title_key`, the rule consolidation uses): negotiators
  renumber and move articles between versions, and a renumbered article is not a change.
  Chapters are recognised the same way, or by eid when renamed.
- A matched article is *moved* when it now stands in another chapter, or out of order with the
  other articles (it is not on the longest run of articles that kept their relative order; an
  article inserted before others shifts their numbers but does not move them).
- Within a matched article, paragraphs are lined up by a sequence diff of their texts, so an
  inserted paragraph 2 shows as one insertion and not as paragraphs 2..n changed. Paragraphs left
  over on both sides of a gap are paired when their words are similar enough (one paragraph
  replaced by one other in the same place always is: it was rewritten).
- Every paragraph of a moved article is reported: "moved" when its text is unchanged, otherwise
  what happened to its text ("changed", "inserted", "deleted"); all of them carry the `move`.
  Unchanged paragraphs of articles that stayed in place are left out.
- Within a paragraph, the words are diffed by plenary.text.word_diff.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from plenary.text.consolidation import title_key
from plenary.text.word_diff import Run, diff_words

Change = Literal["changed", "inserted", "deleted", "moved"]

PREAMBLE = "Preamble"
# Leftover paragraphs are paired as one changed paragraph from this share of common words (Dice).
PAIRING_SIMILARITY = 0.4

WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ParagraphText:
    eid: str  # stable Akoma Ntoso-style id, e.g. "chp_2__art_7__para_1"
    number: str  # as shown: "1", "(a)"
    text: str


@dataclass(frozen=True, slots=True)
class ArticleText:
    eid: str
    number: str
    title: str
    paragraphs: list[ParagraphText]


@dataclass(frozen=True, slots=True)
class ChapterText:
    eid: str
    number: str
    title: str
    articles: list[ArticleText]


@dataclass(frozen=True, slots=True)
class DraftText:
    chapters: list[ChapterText]
    preamble: list[ParagraphText] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticlePlace:
    """Where an article stands in one version."""

    chapter_eid: str
    chapter_number: str
    chapter_title: str
    article_eid: str
    article_number: str


@dataclass(frozen=True, slots=True)
class ArticleMove:
    old: ArticlePlace
    new: ArticlePlace


@dataclass(frozen=True, slots=True)
class ParagraphChange:
    article_title: str  # the new title for a matched article, "Preamble" for the preamble
    old_number: str | None
    new_number: str | None
    eid_old: str | None
    eid_new: str | None
    change: Change
    runs: list[Run]
    move: ArticleMove | None = None  # set on every paragraph of a moved article


# --- paragraphs ----------------------------------------------------------------------------------


def _words(text: str) -> Counter[str]:
    return Counter(WORD.findall(text.casefold()))


def _similarity(old: Counter[str], new: Counter[str]) -> float:
    """The share of words two paragraphs have in common (Dice coefficient on word counts)."""
    total = old.total() + new.total()
    return 2 * (old & new).total() / total if total else 1.0


def _pair_leftovers(
    olds: Sequence[ParagraphText], news: Sequence[ParagraphText]
) -> list[tuple[ParagraphText | None, ParagraphText | None]]:
    """Pair the paragraphs replaced in one gap, in order, where their words are alike."""
    if len(olds) == 1 and len(news) == 1:  # the same place, rewritten
        return [(olds[0], news[0])]
    # Best total similarity of an in-order pairing (a small alignment; gaps are a few paragraphs).
    rows, cols = len(olds), len(news)
    old_words, new_words = [_words(p.text) for p in olds], [_words(p.text) for p in news]
    alike = [[_similarity(old, new) for new in new_words] for old in old_words]
    score = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            best = max(score[i + 1][j], score[i][j + 1])
            if alike[i][j] >= PAIRING_SIMILARITY:
                best = max(best, alike[i][j] + score[i + 1][j + 1])
            score[i][j] = best
    pairs: list[tuple[ParagraphText | None, ParagraphText | None]] = []
    i = j = 0
    while i < rows and j < cols:
        if alike[i][j] >= PAIRING_SIMILARITY and score[i][j] == alike[i][j] + score[i + 1][j + 1]:
            pairs.append((olds[i], news[j]))
            i, j = i + 1, j + 1
        elif score[i][j] == score[i + 1][j]:
            pairs.append((olds[i], None))
            i += 1
        else:
            pairs.append((None, news[j]))
            j += 1
    pairs.extend((old, None) for old in olds[i:])
    pairs.extend((None, new) for new in news[j:])
    return pairs


def _paragraph_change(
    title: str, old: ParagraphText | None, new: ParagraphText | None, move: ArticleMove | None
) -> ParagraphChange | None:
    if old is not None and new is not None:
        if old.text == new.text:
            if move is None:
                return None
            change: Change = "moved"
        else:
            change = "changed"
        runs = diff_words(old.text, new.text)
    elif old is not None:
        change, runs = "deleted", diff_words(old.text, "")
    else:
        change, runs = "inserted", diff_words("", new.text if new else "")
    return ParagraphChange(
        article_title=title,
        old_number=old.number if old else None,
        new_number=new.number if new else None,
        eid_old=old.eid if old else None,
        eid_new=new.eid if new else None,
        change=change,
        runs=runs,
        move=move,
    )


def _compare_paragraphs(
    title: str,
    olds: Sequence[ParagraphText],
    news: Sequence[ParagraphText],
    move: ArticleMove | None = None,
) -> list[ParagraphChange]:
    old_texts, new_texts = [p.text for p in olds], [p.text for p in news]
    if old_texts == new_texts and move is None:
        return []
    pairs: list[tuple[ParagraphText | None, ParagraphText | None]] = []
    matcher = SequenceMatcher(None, old_texts, new_texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(olds[i1:i2], news[j1:j2], strict=True))
        elif tag == "delete":
            pairs.extend((old, None) for old in olds[i1:i2])
        elif tag == "insert":
            pairs.extend((None, new) for new in news[j1:j2])
        else:
            pairs.extend(_pair_leftovers(olds[i1:i2], news[j1:j2]))
    changes = (_paragraph_change(title, old, new, move) for old, new in pairs)
    return [change for change in changes if change is not None]


# --- articles ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Located:
    article: ArticleText
    chapter: ChapterText
    chapter_index: int

    @property
    def place(self) -> ArticlePlace:
        return ArticlePlace(
            chapter_eid=self.chapter.eid,
            chapter_number=self.chapter.number,
            chapter_title=self.chapter.title,
            article_eid=self.article.eid,
            article_number=self.article.number,
        )


def _articles(draft: DraftText) -> list[_Located]:
    located: list[_Located] = []
    for chapter_index, chapter in enumerate(draft.chapters):
        for article in chapter.articles:
            located.append(_Located(article, chapter, chapter_index))
    return located


def _match(old_keys: list[str], new_keys: list[str]) -> dict[int, int]:
    """Old index -> new index; the k-th bearer of a key in one version is the k-th in the other."""
    new_by_key: dict[str, list[int]] = {}
    for index, key in enumerate(new_keys):
        new_by_key.setdefault(key, []).append(index)
    seen: Counter[str] = Counter()
    matched: dict[int, int] = {}
    for index, key in enumerate(old_keys):
        candidates = new_by_key.get(key, [])
        if seen[key] < len(candidates):
            matched[index] = candidates[seen[key]]
        seen[key] += 1
    return matched


def _chapters_matched(old: DraftText, new: DraftText) -> dict[int, int]:
    """Chapters are the same by title or, when renamed, by eid."""
    matched = _match(
        [title_key(c.title) for c in old.chapters], [title_key(c.title) for c in new.chapters]
    )
    taken = set(matched.values())
    new_by_eid = {c.eid: index for index, c in enumerate(new.chapters)}
    for index, chapter in enumerate(old.chapters):
        other = new_by_eid.get(chapter.eid)
        if index not in matched and other is not None and other not in taken:
            matched[index] = other
            taken.add(other)
    return matched


def _in_order(positions: list[int]) -> set[int]:
    """Indices of one longest increasing run of `positions` (patience sorting)."""
    tails: list[int] = []  # index into positions of the smallest tail of each length
    previous: list[int] = [-1] * len(positions)
    for index, value in enumerate(positions):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if positions[tails[middle]] < value:
                low = middle + 1
            else:
                high = middle
        previous[index] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    kept: set[int] = set()
    index = tails[-1] if tails else -1
    while index != -1:
        kept.add(index)
        index = previous[index]
    return kept


def compare_drafts(old: DraftText, new: DraftText) -> list[ParagraphChange]:
    """The changed paragraphs between two versions, in the new version's reading order."""
    olds, news = _articles(old), _articles(new)
    matched = _match(
        [title_key(a.article.title) for a in olds], [title_key(a.article.title) for a in news]
    )
    chapters = _chapters_matched(old, new)
    # Articles that stayed in their chapter and kept their order relative to one another.
    stayed = [
        index
        for index in sorted(matched)
        if chapters.get(olds[index].chapter_index) == news[matched[index]].chapter_index
    ]
    kept = _in_order([matched[index] for index in stayed])
    in_place = {stayed[k] for k in kept}

    moves: dict[int, ArticleMove] = {}  # new index -> move
    for old_index, new_index in matched.items():
        if old_index not in in_place:
            moves[new_index] = ArticleMove(olds[old_index].place, news[new_index].place)
    # A deleted article is shown after the article that preceded it and is still in place.
    deleted_after: dict[int, list[_Located]] = {}
    anchor = -1
    for index, located in enumerate(olds):
        if index in in_place:
            anchor = matched[index]
        elif index not in matched:
            deleted_after.setdefault(anchor, []).append(located)
    old_of = {new_index: old_index for old_index, new_index in matched.items()}

    changes = _compare_paragraphs(PREAMBLE, old.preamble, new.preamble)

    def deleted(position: int) -> None:
        for located in deleted_after.get(position, []):
            changes.extend(
                _compare_paragraphs(located.article.title, located.article.paragraphs, [])
            )

    deleted(-1)
    for index, located in enumerate(news):
        article = located.article
        if index in old_of:
            was = olds[old_of[index]].article
            changes.extend(
                _compare_paragraphs(
                    article.title, was.paragraphs, article.paragraphs, moves.get(index)
                )
            )
        else:
            changes.extend(_compare_paragraphs(article.title, [], article.paragraphs))
        deleted(index)
    return changes
