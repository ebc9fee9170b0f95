"""Compiling delegations' submissions for a chapter into the consolidated negotiating text.
Pure Python.

Faithful, because who proposed what *is* the text for negotiators:
- Articles from different submissions are the same article when their titles are the same
  (case, spacing and final punctuation aside). Within an article, paragraphs are compared place
  by place. Wordings are merged, with all their proposers, only when they are the same once
  spacing and punctuation are set aside; every other difference becomes a bracketed
  alternative attributed to its sponsors, so every submitted wording appears in the text.
- The consolidated chapter takes the place of the chapter of that title in the text and
  changes nothing else. A consolidated article that is an article of that chapter (the same
  title, or the secretariat's choice) takes its provision and its number; what the
  submissions say of its paragraph 1 replaces paragraph 1 (paragraphs are matched by number,
  never by a guess at their meaning), new paragraphs follow, and paragraphs no submission
  addresses stay. Articles of the chapter that no submission addresses stay as they
  are. New articles follow the chapter's last article, numbered "22 bis", "22 ter", ... so
  that no other article is renumbered (the chair renumbers when issuing a version).
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from plenary.text.parsing import (
    Bracket,
    ParsedArticle,
    ParsedChapter,
    ParsedDraft,
    ParsedParagraph,
    article_order,
    inserted_after,
    roman_numeral,
)

PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


@dataclass(frozen=True)
class SubmittedChapter:
    """One delegation's submission for a chapter, already read."""

    delegation: str  # as shown in attribution, e.g. "BR" or "EU"
    articles: Sequence[ParsedArticle]


@dataclass
class _Wording:
    key: str
    paragraph: ParsedParagraph
    sponsors: list[str] = field(default_factory=list)


def title_key(title: str) -> str:
    """The form of an article title used to recognise the same article."""
    return " ".join(title.casefold().split()).rstrip(" .:;")


def wording_key(text: str) -> str:
    """The form of a wording used to recognise the same wording: spacing and punctuation set
    aside, every word and its case kept."""
    return " ".join(PUNCTUATION.sub(" ", text).split())


def consolidate_chapter(
    number: str,
    title: str,
    submissions: Sequence[SubmittedChapter],
    *,
    first_article: int = 1,
) -> ParsedChapter:
    """Compile the submissions into one chapter; articles are numbered from `first_article`
    (place_chapter gives them their numbers in a text)."""
    articles: dict[str, list[tuple[str, ParsedArticle]]] = {}
    titles: dict[str, str] = {}
    for submission in submissions:
        for article in submission.articles:
            key = title_key(article.title)
            titles.setdefault(key, article.title)
            articles.setdefault(key, []).append((submission.delegation, article))
    chapter = ParsedChapter(number, title, 0)
    for offset, (key, versions) in enumerate(articles.items()):
        consolidated = ParsedArticle(str(first_article + offset), titles[key], 0)
        consolidated.paragraphs = _paragraphs(
            [(delegation, article.paragraphs) for delegation, article in versions]
        )
        chapter.articles.append(consolidated)
    return chapter


def _paragraphs(proposals: list[tuple[str, list[ParsedParagraph]]]) -> list[ParsedParagraph]:
    longest = max((len(paragraphs) for _, paragraphs in proposals), default=0)
    result = []
    for position in range(longest):
        at_position = [(d, ps[position]) for d, ps in proposals if position < len(ps)]
        result.append(_merge(at_position))
    return result


def _merge(proposals: list[tuple[str, ParsedParagraph]]) -> ParsedParagraph:
    """One paragraph from the wordings proposed at the same place."""
    wordings: list[_Wording] = []
    for delegation, paragraph in proposals:
        key = wording_key(paragraph.text)
        match = next((w for w in wordings if w.key == key), None)
        if match is None:
            wordings.append(_Wording(key, paragraph, [delegation]))
        elif delegation not in match.sponsors:
            match.sponsors.append(delegation)
    attribution = _unique(d for d, _ in proposals)
    first = wordings[0].paragraph
    numbered = all(p.number for _, p in proposals)
    number = first.number if numbered else ""
    children = _paragraphs([(d, p.children) for d, p in proposals])
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


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- placing a consolidated chapter in the text --------------------------------------------------


def chapter_index(draft: ParsedDraft, title: str) -> int | None:
    """Where the chapter of that title stands in the text, if it does."""
    return next(
        (i for i, c in enumerate(draft.chapters) if title_key(c.title) == title_key(title)), None
    )


def proposed_matches(draft: ParsedDraft, title: str, chapter: ParsedChapter) -> list[int | None]:
    """For each consolidated article, the provision of the chapter's article of the same title
    (the k-th bearer of a title matches the k-th), or None for a new article."""
    index = chapter_index(draft, title)
    existing = draft.chapters[index].articles if index is not None else []
    free: dict[str, list[int]] = {}
    for article in existing:
        if article.provision is not None:
            free.setdefault(title_key(article.title), []).append(article.provision)
    matches: list[int | None] = []
    for article in chapter.articles:
        candidates = free.get(title_key(article.title), [])
        matches.append(candidates.pop(0) if candidates else None)
    return matches


def place_chapter(
    draft: ParsedDraft, title: str, chapter: ParsedChapter, matches: Sequence[int | None]
) -> None:
    """Put the consolidated chapter in the text in place of the chapter of that title (or at the
    end), each article taking the provision `matches` gives it (None: a new article); see the
    module's docstring for what stays."""
    articles = {a.provision: a for c in draft.chapters for a in c.articles if a.provision}
    taken = {a.number for a in draft.articles}
    index = chapter_index(draft, title)
    if index is None:
        numbered = any(c.number for c in draft.chapters) or not draft.chapters
        number = roman_numeral(len(draft.chapters) + 1) if numbered else ""
        draft.chapters.append(ParsedChapter(number, title, 0))
        index = len(draft.chapters) - 1
    target = draft.chapters[index]
    new: list[ParsedArticle] = []
    for article, provision in zip(chapter.articles, matches, strict=True):
        existing = articles.get(provision) if provision is not None else None
        if existing is None:
            new.append(article)
            continue
        existing.title = article.title
        existing.paragraphs = _onto(existing.paragraphs, article.paragraphs)
        if existing not in target.articles:
            # The secretariat chose an article of another chapter: it moves here.
            for other in draft.chapters:
                if existing in other.articles:
                    other.articles.remove(existing)
            taken.discard(existing.number)
            new.append(existing)
    for article in new:
        article.number = _next_number(draft, index, taken)
        taken.add(article.number)
        target.articles.append(article)


def _onto(
    existing: list[ParsedParagraph], consolidated: list[ParsedParagraph]
) -> list[ParsedParagraph]:
    """The consolidated paragraphs in an article of the text: each takes the place (and the
    provision) of the paragraph of the same number ("1." is paragraph 1; unnumbered ones by
    their order among the unnumbered), or follows the article's paragraphs when it has none;
    paragraphs no submission addresses stay where they are."""
    result = list(existing)
    unnumbered = [p for p in existing if not p.number]
    taken = 0
    for paragraph in consolidated:
        if paragraph.number:
            match = next((p for p in existing if p.number == paragraph.number), None)
        else:
            match = unnumbered[taken] if taken < len(unnumbered) else None
            taken += 1
        if match is None or match not in result:
            result.append(paragraph)
            continue
        paragraph.provision = match.provision
        paragraph.children = _onto(match.children, paragraph.children)
        result[result.index(match)] = paragraph
    return result


def _next_number(draft: ParsedDraft, index: int, taken: set[str]) -> str:
    """A new article's number: after the chapter's last article ("22 bis" when 23 follows),
    or the next whole number at the end of the text."""
    before = [a.number for c in draft.chapters[: index + 1] for a in c.articles]
    after = [a.number for c in draft.chapters[index + 1 :] for a in c.articles]
    last = max(before, key=article_order) if before else "0"
    following = str(article_order(last)[0] + 1)
    if following not in taken and all(
        article_order(number) > article_order(following) for number in after
    ):
        return following
    return inserted_after(last, taken)
