"""The text as a version stores it, and every question about its parts. Pure Python.

A version keeps its whole text as plain JSON-able data: the preamble's paragraphs, then chapters
of articles of paragraphs (with their sub-paragraphs as `children`). Every chapter, article and
paragraph carries two names, as Akoma Ntoso's do:

- `provision`: its identity within the negotiation (a `Provision` row's id; the `wId` idea). It
  stays the same when the part is renumbered, moved to another chapter or reworded, so
  everything said about a provision (stances, objections, proposals, red lines, ...) stays on it
  from version to version.
- `eid`: the name that follows its number in this version (`art_7__para_2__point_a`), unique
  within the version; it changes when the part is renumbered.

Chapters are numbered by their place (I, II, ...). Articles keep the number they were given
(an article inserted after 22 is "22 bis") until the chair renumbers them. Paragraphs and
sub-paragraphs of the working text are numbered by their place in their article.

`Outline` answers the questions other parts of Plenary ask (where is this provision, what is
it called, what is in this chapter, how many brackets does it hold) without their walking the
stored data; the Django side is `plenary/text/provisions.py`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plenary.text.messages import gettext as _
from plenary.text.parsing import (
    Bracket,
    ParsedArticle,
    ParsedChapter,
    ParsedDraft,
    ParsedParagraph,
    Segment,
    roman_numeral,
)
from plenary.text.redline import ArticleText, ChapterText, DraftText, ParagraphText

Content = dict[str, Any]
Node = dict[str, Any]

CHAPTER = "chapter"
ARTICLE = "article"
PARAGRAPH = "paragraph"

LETTERS = "abcdefghijklmnopqrstuvwxyz"
ROMAN_LOWER = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii"]


# --- from a parsed draft, and back ---------------------------------------------------------------


def content_from_parsed(draft: ParsedDraft) -> Content:
    """A parsed draft as version content, with eIds; provisions are those the draft carries
    (None for parts not yet identified: see plenary.text.provisions.identify)."""
    content: Content = {
        "preamble": [_paragraph(p) for p in draft.preamble],
        "chapters": [
            {
                "provision": chapter.provision,
                "eid": "",
                "number": chapter.number,
                "title": chapter.title,
                "articles": [
                    {
                        "provision": article.provision,
                        "eid": "",
                        "number": article.number,
                        "title": article.title,
                        "paragraphs": [_paragraph(p) for p in article.paragraphs],
                    }
                    for article in chapter.articles
                ],
            }
            for chapter in draft.chapters
        ],
        "footnotes": dict(draft.footnotes),
    }
    name_parts(content)
    return content


def _paragraph(paragraph: ParsedParagraph) -> Node:
    return {
        "provision": paragraph.provision,
        "eid": "",
        "number": paragraph.number,
        "text": paragraph.text,
        "segments": [segment_data(s) for s in paragraph.segments],
        "footnotes": list(paragraph.footnotes),
        "status": "open",
        "attribution": list(paragraph.attribution),
        "children": [_paragraph(c) for c in paragraph.children],
    }


def segment_data(segment: Segment) -> dict[str, Any]:
    if not isinstance(segment, Bracket):
        return {"text": segment}
    if segment.sponsors:
        return {"alternatives": list(segment.alternatives), "sponsors": segment.sponsors}
    return {"alternatives": list(segment.alternatives)}


def parsed_from_content(content: Content) -> ParsedDraft:
    """The inverse of content_from_parsed, provisions included, to rework a stored text."""
    return ParsedDraft(
        preamble=[_parsed_paragraph(p) for p in content["preamble"]],
        chapters=[
            ParsedChapter(
                chapter["number"],
                chapter["title"],
                0,
                [
                    ParsedArticle(
                        str(article["number"]),
                        article["title"],
                        0,
                        [_parsed_paragraph(p) for p in article["paragraphs"]],
                        provision=article.get("provision"),
                    )
                    for article in chapter["articles"]
                ],
                provision=chapter.get("provision"),
            )
            for chapter in content["chapters"]
        ],
        footnotes=dict(content["footnotes"]),
    )


def _parsed_paragraph(paragraph: Node) -> ParsedParagraph:
    return ParsedParagraph(
        number=paragraph["number"],
        text=paragraph["text"],
        line=0,
        segments=[
            Bracket(list(s["alternatives"]), [list(n) for n in s.get("sponsors", [])])
            if "alternatives" in s
            else s["text"]
            for s in paragraph["segments"]
        ],
        footnotes=list(paragraph["footnotes"]),
        children=[_parsed_paragraph(c) for c in paragraph["children"]],
        attribution=list(paragraph["attribution"]),
        provision=paragraph.get("provision"),
    )


# --- names that follow numbers ------------------------------------------------------------------


def article_eid(number: str) -> str:
    """`art_22`, `art_22bis`: an article's eId from its number."""
    return "art_" + re.sub(r"\W+", "", str(number).lower())


def name_parts(content: Content) -> None:
    """Give every part the eId its number gives it in this text, unique within the text."""
    used: set[str] = set()

    def unique(wanted: str) -> str:
        eid, suffix = wanted, 1
        while eid in used:
            suffix += 1
            eid = f"{wanted}_{suffix}"
        used.add(eid)
        return eid

    _name_paragraphs(content["preamble"], "preamble", unique)
    for position, chapter in enumerate(content["chapters"], start=1):
        chapter["eid"] = unique(f"chp_{position}")
        for article in chapter["articles"]:
            article["eid"] = unique(article_eid(article["number"]))
            _name_paragraphs(article["paragraphs"], article["eid"], unique)


def _name_paragraphs(paragraphs: list[Node], parent: str, unique: Any) -> None:
    unnumbered = 0
    for paragraph in paragraphs:
        number = paragraph["number"]
        if number.isdigit():
            wanted = f"{parent}__para_{number}"
        elif number:
            wanted = f"{parent}__point_{number.strip('()')}"
        else:
            unnumbered += 1
            wanted = f"{parent}__p_{unnumbered}"
        paragraph["eid"] = unique(wanted)
        _name_paragraphs(paragraph["children"], paragraph["eid"], unique)


def number_chapters(content: Content) -> None:
    """Number chapters I, II, ... by their place, when the text numbers its chapters."""
    if any(chapter["number"] for chapter in content["chapters"]):
        for position, chapter in enumerate(content["chapters"], start=1):
            chapter["number"] = roman_numeral(position)


def number_paragraphs(paragraphs: list[Node], depth: int = 0) -> None:
    """Number paragraphs by their place, as the text already numbers them: numbered ones 1, 2,
    ...; sub-paragraphs (a), (b), ...; under those (i), (ii), ...; unnumbered ones stay so."""
    numbered = [p for p in paragraphs if p["number"]]
    for position, paragraph in enumerate(numbered):
        paragraph["number"] = _number_at(position, depth)
    for paragraph in paragraphs:
        number_paragraphs(paragraph["children"], depth + 1)


def _number_at(position: int, depth: int) -> str:
    if depth == 0:
        return str(position + 1)
    if depth == 1:
        letters = LETTERS[position % 26] * (position // 26 + 1)
        return f"({letters})"
    roman = ROMAN_LOWER[position] if position < len(ROMAN_LOWER) else str(position + 1)
    return f"({roman})"


# --- walking -----------------------------------------------------------------------------------


def walk(paragraphs: list[Node]) -> Iterator[Node]:
    """These paragraphs and all their sub-paragraphs, in reading order."""
    for paragraph in paragraphs:
        yield paragraph
        yield from walk(paragraph["children"])


def walk_paragraphs(content: Content) -> Iterator[Node]:
    """Every paragraph and sub-paragraph of a version, preamble first, in reading order."""
    yield from walk(content["preamble"])
    for chapter in content["chapters"]:
        for article in chapter["articles"]:
            yield from walk(article["paragraphs"])


def walk_parts(content: Content) -> Iterator[tuple[str, Node]]:
    """Every chapter, article and paragraph with its kind, in reading order."""
    for paragraph in walk(content["preamble"]):
        yield PARAGRAPH, paragraph
    for chapter in content["chapters"]:
        yield CHAPTER, chapter
        for article in chapter["articles"]:
            yield ARTICLE, article
            for paragraph in walk(article["paragraphs"]):
                yield PARAGRAPH, paragraph


def brackets_in(paragraph: Node) -> int:
    """How many brackets a paragraph's own wording holds (not its sub-paragraphs')."""
    return sum(1 for s in paragraph["segments"] if "alternatives" in s)


def open_brackets(content: Content) -> int:
    """How many brackets remain anywhere in the text."""
    return sum(brackets_in(p) for p in walk_paragraphs(content))


def article_heading(article: Node) -> str:
    return f"Article {article['number']}. {article['title']}".strip(". ")


def draft_text(content: Content) -> DraftText:
    """A version as the redline compares it: sub-paragraphs in their article, in reading order,
    each part keyed by its provision."""

    def key(node: Node) -> str:
        return str(node.get("provision") or node["eid"])

    def flat(paragraphs: list[Node]) -> list[ParagraphText]:
        return [ParagraphText(p["eid"], p["number"], p["text"], key(p)) for p in walk(paragraphs)]

    return DraftText(
        chapters=[
            ChapterText(
                chapter["eid"],
                chapter["number"],
                chapter["title"],
                [
                    ArticleText(a["eid"], a["number"], a["title"], flat(a["paragraphs"]), key(a))
                    for a in chapter["articles"]
                ],
                key(chapter),
            )
            for chapter in content["chapters"]
        ],
        preamble=flat(content["preamble"]),
    )


# --- the outline: questions about the parts of one text -------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """One chapter, article or paragraph of a text, where it stands and what it says."""

    provision: int
    kind: str  # CHAPTER, ARTICLE or PARAGRAPH
    eid: str
    number: str  # as the text numbers it: "II", "22 bis", "2", "(a)"
    title: str  # a chapter's or an article's title; "" for a paragraph
    text: str  # a paragraph's wording, brackets included; "" for a chapter or an article
    chapter: int | None  # the chapter it stands in (its own id for a chapter; None: preamble)
    article: int | None  # the article it stands in (its own id for an article)
    parent: int | None  # the paragraph a sub-paragraph belongs to
    path: tuple[str, ...]  # paragraph numbers from the article down: ("2", "(a)")
    brackets: int
    attribution: tuple[str, ...]
    position: int  # reading order within the text


class Outline:
    """The parts of one text by provision and by eId, in reading order."""

    def __init__(self, content: Content):
        self.content = content
        self.parts: list[Part] = []
        self._nodes: dict[int, Node] = {}
        for kind, node, chapter, article, parent, path in self._walk():
            provision = node.get("provision")
            if provision is None:
                continue
            self._nodes[provision] = node
            self.parts.append(
                Part(
                    provision=provision,
                    kind=kind,
                    eid=node["eid"],
                    number=str(node["number"]),
                    title=node.get("title", "") if kind != PARAGRAPH else "",
                    text=node.get("text", "") if kind == PARAGRAPH else "",
                    chapter=chapter,
                    article=article,
                    parent=parent,
                    path=path,
                    brackets=brackets_in(node) if kind == PARAGRAPH else 0,
                    attribution=tuple(node.get("attribution", ())),
                    position=len(self.parts),
                )
            )
        self._by_provision = {part.provision: part for part in self.parts}
        self._by_eid = {part.eid: part for part in self.parts}

    def _walk(
        self,
    ) -> Iterator[tuple[str, Node, int | None, int | None, int | None, tuple[str, ...]]]:
        def paragraphs(
            nodes: list[Node],
            chapter: int | None,
            article: int | None,
            parent: int | None,
            path: tuple[str, ...],
        ) -> Iterator[tuple[str, Node, int | None, int | None, int | None, tuple[str, ...]]]:
            for node in nodes:
                here = (*path, node["number"]) if node["number"] else path
                yield PARAGRAPH, node, chapter, article, parent, here
                yield from paragraphs(
                    node["children"], chapter, article, node.get("provision"), here
                )

        yield from paragraphs(self.content["preamble"], None, None, None, ())
        for chapter in self.content["chapters"]:
            chapter_id = chapter.get("provision")
            yield CHAPTER, chapter, chapter_id, None, None, ()
            for article in chapter["articles"]:
                article_id = article.get("provision")
                yield ARTICLE, article, chapter_id, article_id, None, ()
                yield from paragraphs(article["paragraphs"], chapter_id, article_id, None, ())

    def __contains__(self, provision: object) -> bool:
        return provision in self._by_provision

    def get(self, provision: int) -> Part | None:
        return self._by_provision.get(provision)

    def by_eid(self, eid: str) -> Part | None:
        return self._by_eid.get(eid)

    def node(self, provision: int) -> Node:
        """The stored part itself (for rendering); KeyError when it is not in this text."""
        return self._nodes[provision]

    def of_kind(self, *kinds: str) -> list[Part]:
        return [part for part in self.parts if part.kind in kinds]

    @property
    def paragraphs(self) -> list[Part]:
        return self.of_kind(PARAGRAPH)

    def within(self, provision: int) -> list[Part]:
        """The parts inside a chapter or an article (articles and paragraphs, in order), or a
        paragraph's sub-paragraphs."""
        part = self._by_provision.get(provision)
        if part is None:
            return []
        if part.kind == CHAPTER:
            return [p for p in self.parts if p.chapter == provision and p.kind != CHAPTER]
        if part.kind == ARTICLE:
            return [p for p in self.parts if p.article == provision and p.kind == PARAGRAPH]
        inside: list[Part] = []
        parents = {provision}
        for other in self.parts[part.position + 1 :]:
            if other.parent not in parents:
                break
            inside.append(other)
            parents.add(other.provision)
        return inside

    def label(self, provision: int) -> str:
        """How a reader names the part: "Art. 7(2) — Illegal access", "Chapter III —
        Jurisdiction", "Preamble, para. 3"."""
        part = self._by_provision.get(provision)
        if part is None:
            return ""
        return label_of(part, self)

    def short_label(self, provision: int) -> str:
        """The label without the title: "Art. 7(2)"."""
        part = self._by_provision.get(provision)
        if part is None:
            return ""
        return short_label_of(part, self)


def short_label_of(part: Part, outline: Outline) -> str:
    """A part's number as readers cite it: "Art. 7(2)(a)", "Chapter III", "Preamble, para. 3"."""
    if part.kind == CHAPTER:
        return _("Chapter %(number)s") % {"number": part.number} if part.number else part.title
    if part.article is None:
        # The preamble's paragraphs are cited by their place.
        place = 1 + [p.provision for p in outline.paragraphs if p.article is None].index(
            part.provision
        )
        return _("Preamble, para. %(number)s") % {"number": place}
    article = outline.get(part.article)
    number = article.number if article else ""
    cited = "".join(_cited(n) for n in part.path) if part.kind == PARAGRAPH else ""
    if part.kind == PARAGRAPH and not cited and article is not None:
        # An unnumbered paragraph: cited by its place when its article has several.
        top = [p for p in outline.within(article.provision) if p.parent is None]
        if len(top) > 1 and part.parent is None:
            place = 1 + [p.provision for p in top].index(part.provision)
            return _("Art. %(number)s, para. %(place)s") % {"number": number, "place": place}
    return _("Art. %(number)s%(path)s") % {"number": number, "path": cited}


def _cited(number: str) -> str:
    return f"({number})" if number.isdigit() else number


def label_of(part: Part, outline: Outline) -> str:
    short = short_label_of(part, outline)
    if part.kind == CHAPTER:
        title = part.title
    elif part.article is not None:
        article = outline.get(part.article)
        title = article.title if article else ""
    else:
        title = ""
    if not title or title == short:
        return short
    return _("%(number)s — %(title)s") % {"number": short, "title": title}
