"""A draft as stored in a version: plain JSON-able data with stable eIds (Akoma Ntoso style).

Every version keeps its whole text this way, so a version never changes once published and any
two versions can be compared.
"""

from collections.abc import Iterator
from typing import Any

from plenary.text.parsing import (
    Bracket,
    ParsedArticle,
    ParsedChapter,
    ParsedDraft,
    ParsedParagraph,
    Segment,
)
from plenary.text.redline import ArticleText, ChapterText, DraftText, ParagraphText

Content = dict[str, Any]


def content_from_parsed(draft: ParsedDraft) -> Content:
    """Turn a parsed draft into version content with an eId on every part."""
    chapters = []
    for position, chapter in enumerate(draft.chapters, start=1):
        articles = [
            {
                "eid": f"art_{article.number}",
                "number": str(article.number),
                "title": article.title,
                "paragraphs": _paragraphs(article.paragraphs, f"art_{article.number}"),
            }
            for article in chapter.articles
        ]
        chapters.append(
            {
                "eid": f"chp_{position}",
                "number": chapter.number,
                "title": chapter.title,
                "articles": articles,
            }
        )
    return {
        "preamble": _paragraphs(draft.preamble, "preamble"),
        "chapters": chapters,
        "footnotes": dict(draft.footnotes),
    }


def _paragraphs(paragraphs: list[ParsedParagraph], parent: str) -> list[dict[str, Any]]:
    result = []
    unnumbered = 0
    for paragraph in paragraphs:
        if paragraph.number.isdigit():
            eid = f"{parent}__para_{paragraph.number}"
        elif paragraph.number:
            eid = f"{parent}__point_{paragraph.number.strip('()')}"
        else:
            unnumbered += 1
            eid = f"{parent}__p_{unnumbered}"
        result.append(
            {
                "eid": eid,
                "number": paragraph.number,
                "text": paragraph.text,
                "segments": [_segment(s) for s in paragraph.segments],
                "footnotes": paragraph.footnotes,
                "status": "open",
                "attribution": paragraph.attribution,
                "children": _paragraphs(paragraph.children, eid),
            }
        )
    return result


def _segment(segment: Segment) -> dict[str, Any]:
    if not isinstance(segment, Bracket):
        return {"text": segment}
    if segment.sponsors:
        return {"alternatives": segment.alternatives, "sponsors": segment.sponsors}
    return {"alternatives": segment.alternatives}


def walk(paragraphs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """These paragraphs and all their sub-paragraphs, in reading order."""
    for paragraph in paragraphs:
        yield paragraph
        yield from walk(paragraph["children"])


def walk_paragraphs(content: Content) -> Iterator[dict[str, Any]]:
    """Every paragraph and sub-paragraph of a version, preamble first, in reading order."""
    yield from walk(content["preamble"])
    for chapter in content["chapters"]:
        for article in chapter["articles"]:
            yield from walk(article["paragraphs"])


def article_heading(article: dict[str, Any]) -> str:
    return f"Article {article['number']}. {article['title']}".strip(". ")


def find_paragraph(content: Content, eid: str) -> tuple[str, dict[str, Any]] | None:
    """A paragraph and the heading of where it stands (its article, or the preamble)."""
    for paragraph in walk(content["preamble"]):
        if paragraph["eid"] == eid:
            return "Preamble", paragraph
    for chapter in content["chapters"]:
        for article in chapter["articles"]:
            for paragraph in walk(article["paragraphs"]):
                if paragraph["eid"] == eid:
                    return article_heading(article), paragraph
    return None


def open_brackets(content: Content) -> int:
    """How many brackets remain anywhere in the text."""
    return sum(1 for p in walk_paragraphs(content) for s in p["segments"] if "alternatives" in s)


def parsed_from_content(content: Content) -> ParsedDraft:
    """The inverse of content_from_parsed, to rework a stored text (eIds are made anew)."""
    return ParsedDraft(
        preamble=[_parsed_paragraph(p) for p in content["preamble"]],
        chapters=[
            ParsedChapter(
                chapter["number"],
                chapter["title"],
                0,
                [
                    ParsedArticle(
                        int(article["number"]),
                        article["title"],
                        0,
                        [_parsed_paragraph(p) for p in article["paragraphs"]],
                    )
                    for article in chapter["articles"]
                ],
            )
            for chapter in content["chapters"]
        ],
        footnotes=dict(content["footnotes"]),
    )


def _parsed_paragraph(paragraph: dict[str, Any]) -> ParsedParagraph:
    return ParsedParagraph(
        number=paragraph["number"],
        text=paragraph["text"],
        line=0,
        segments=[
            Bracket(s["alternatives"], s.get("sponsors", [])) if "alternatives" in s else s["text"]
            for s in paragraph["segments"]
        ],
        footnotes=list(paragraph["footnotes"]),
        children=[_parsed_paragraph(c) for c in paragraph["children"]],
        attribution=list(paragraph["attribution"]),
    )


def draft_text(content: Content) -> DraftText:
    """A version as the redline compares it: sub-paragraphs in their article, in reading order."""

    def flat(paragraphs: list[dict[str, Any]]) -> list[ParagraphText]:
        return [ParagraphText(p["eid"], p["number"], p["text"]) for p in walk(paragraphs)]

    return DraftText(
        chapters=[
            ChapterText(
                chapter["eid"],
                chapter["number"],
                chapter["title"],
                [
                    ArticleText(a["eid"], a["number"], a["title"], flat(a["paragraphs"]))
                    for a in chapter["articles"]
                ],
            )
            for chapter in content["chapters"]
        ],
        preamble=flat(content["preamble"]),
    )
