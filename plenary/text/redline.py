"""The word-level redline: what changed between two versions of the draft text.

Pure Python, no Django: the web layer builds a `DraftText` from each stored version (sub-paragraphs
flattened into their article's paragraphs, in reading order) and renders the `ParagraphChange`s.

How two drafts are lined up, and why:
- Parts are the same when they are the same provision (their `key`): negotiators renumber,
  move and reword articles between versions, and a renumbered article is not a change. Drafts
  that do not know their provisions (a text from outside) are lined up by `align`: articles
  by title (case, spacing and final punctuation aside: `consolidation.title_key`), chapters
  the same way or by eid when renamed, paragraphs by their wording.
- A matched article is *moved* when it now stands in another chapter, or out of order with the
  other articles (it is not on the longest run of articles that kept their relative order; an
  article inserted before others shifts their numbers but does not move them).
- Within a matched article, paragraphs are paired by identity, so an inserted paragraph 2
  shows as one insertion and not as paragraphs 2..n changed. (`align` lines them up by a
  sequence diff of their texts; paragraphs left over on both sides of a gap are paired when
  their words are similar enough, and one paragraph replaced by one other in the same place
  always is: it was rewritten.)
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
    eid: str  # the Akoma Ntoso-style name it has in this version, e.g. "art_7__para_1"
    number: str  # as shown: "1", "(a)"
    text: str
    key: str = ""  # its identity across versions (its provision); "" when unknown


@dataclass(frozen=True, slots=True)
class ArticleText:
    eid: str
    number: str
    title: str
    paragraphs: list[ParagraphText]
    key: str = ""


@dataclass(frozen=True, slots=True)
class ChapterText:
    eid: str
    number: str
    title: str
    articles: list[ArticleText]
    key: str = ""


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
    key: str = ""  # the paragraph's identity (its provision), when the versions know it


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
        key=new.key if new is not None else old.key if old is not None else "",
    )


def _pair_by_wording(
    olds: Sequence[ParagraphText], news: Sequence[ParagraphText]
) -> list[tuple[ParagraphText | None, ParagraphText | None]]:
    """Paragraphs of two wordings of one article lined up by a sequence diff of their texts,
    leftovers in a gap paired where alike."""
    old_texts, new_texts = [p.text for p in olds], [p.text for p in news]
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
    return pairs


def _pair_by_identity(
    olds: Sequence[ParagraphText], news: Sequence[ParagraphText], same: dict[str, str]
) -> list[tuple[ParagraphText | None, ParagraphText | None]]:
    """Paragraphs paired when they are the same provision, in the new reading order; a
    paragraph no longer there is shown after the one that preceded it."""
    old_of = {_key(new): same[_key(new)] for new in news if _key(new) in same}
    kept = set(old_of.values())
    old_keys = [_key(p) for p in olds]
    by_key = {_key(p): p for p in olds}
    pairs: list[tuple[ParagraphText | None, ParagraphText | None]] = []
    matcher = SequenceMatcher(
        None, old_keys, [old_of.get(_key(p), "") for p in news], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.extend(zip(olds[i1:i2], news[j1:j2], strict=True))
            continue
        pairs.extend((old, None) for old in olds[i1:i2] if _key(old) not in kept)
        for new in news[j1:j2]:
            was = old_of.get(_key(new))
            pairs.append((by_key.get(was) if was else None, new))
    return pairs


def _compare_paragraphs(
    title: str,
    pairs: list[tuple[ParagraphText | None, ParagraphText | None]],
    move: ArticleMove | None = None,
) -> list[ParagraphChange]:
    changes = (_paragraph_change(title, old, new, move) for old, new in pairs)
    return [change for change in changes if change is not None]


def _key(part: ParagraphText | ArticleText | ChapterText) -> str:
    return part.key or part.eid


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


def align(old: DraftText, new: DraftText) -> dict[str, str]:
    """Which parts of `new` are parts of `old`, by their look alone (for a text that comes from
    outside, such as a Word file): new key → old key. Chapters are the same by title (or eid
    when renamed); articles by title (the k-th bearer of a title in one text is the k-th in the
    other), or by number within the same chapter when retitled; paragraphs of a matched article
    by a sequence diff of their wordings, leftovers paired when alike."""
    same: dict[str, str] = {}
    for old_index, new_index in _chapters_matched(old, new).items():
        same[_key(new.chapters[new_index])] = _key(old.chapters[old_index])
    olds, news = _articles(old), _articles(new)
    matched = _match(
        [title_key(a.article.title) for a in olds], [title_key(a.article.title) for a in news]
    )
    taken = set(matched.values())
    new_by_place = {
        (same.get(_key(n.chapter)), n.article.number): index
        for index, n in enumerate(news)
        if index not in taken
    }
    for index, located in enumerate(olds):
        if index in matched:
            continue
        other = new_by_place.get((_key(located.chapter), located.article.number))
        if other is not None and other not in taken:
            matched[index] = other
            taken.add(other)
    for old_index, new_index in matched.items():
        was, now = olds[old_index].article, news[new_index].article
        same[_key(now)] = _key(was)
        pairs = _pair_by_wording(was.paragraphs, now.paragraphs)
        same.update({_key(n): _key(o) for o, n in pairs if o is not None and n is not None})
    pairs = _pair_by_wording(old.preamble, new.preamble)
    same.update({_key(n): _key(o) for o, n in pairs if o is not None and n is not None})
    return same


def _identities(old: DraftText, new: DraftText) -> dict[str, str]:
    """new key → old key: the same provisions when both texts know their provisions, otherwise
    what align() recognises."""

    def keys(draft: DraftText) -> list[str]:
        parts: list[ParagraphText | ArticleText | ChapterText] = [*draft.preamble]
        for chapter in draft.chapters:
            parts.append(chapter)
            for article in chapter.articles:
                parts.append(article)
                parts.extend(article.paragraphs)
        return [part.key for part in parts]

    old_keys, new_keys = keys(old), keys(new)
    if all(old_keys) and all(new_keys):
        return {key: key for key in set(new_keys) & set(old_keys)}
    return align(old, new)


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
    same = _identities(old, new)
    olds, news = _articles(old), _articles(new)
    old_index = {_key(a.article): index for index, a in enumerate(olds)}
    matched = {
        old_index[same[_key(a.article)]]: index
        for index, a in enumerate(news)
        if same.get(_key(a.article)) in old_index
    }
    old_chapter = {_key(c): index for index, c in enumerate(old.chapters)}
    chapters = {
        old_chapter[same[_key(c)]]: index
        for index, c in enumerate(new.chapters)
        if same.get(_key(c)) in old_chapter
    }
    # Articles that stayed in their chapter and kept their order relative to one another.
    stayed = [
        index
        for index in sorted(matched)
        if chapters.get(olds[index].chapter_index) == news[matched[index]].chapter_index
    ]
    kept = _in_order([matched[index] for index in stayed])
    in_place = {stayed[k] for k in kept}

    moves: dict[int, ArticleMove] = {}  # new index -> move
    for was, now in matched.items():
        if was not in in_place:
            moves[now] = ArticleMove(olds[was].place, news[now].place)
    # A deleted article is shown after the article that preceded it and is still in place.
    deleted_after: dict[int, list[_Located]] = {}
    anchor = -1
    for index, located in enumerate(olds):
        if index in in_place:
            anchor = matched[index]
        elif index not in matched:
            deleted_after.setdefault(anchor, []).append(located)
    old_of = {now: was for was, now in matched.items()}

    changes = _compare_paragraphs(PREAMBLE, _pair_by_identity(old.preamble, new.preamble, same))

    def deleted(position: int) -> None:
        for located in deleted_after.get(position, []):
            pairs: list[tuple[ParagraphText | None, ParagraphText | None]] = [
                (p, None) for p in located.article.paragraphs
            ]
            changes.extend(_compare_paragraphs(located.article.title, pairs))

    deleted(-1)
    for index, located in enumerate(news):
        article = located.article
        was_paragraphs = olds[old_of[index]].article.paragraphs if index in old_of else []
        pairs = _pair_by_identity(was_paragraphs, article.paragraphs, same)
        changes.extend(_compare_paragraphs(article.title, pairs, moves.get(index)))
        deleted(index)
    return changes
