"""Changes to a text's structure and wording, on the stored content. Pure Python: the chair's
drafting services (plenary/text/services/drafting.py) lock the working text, call these, give
new parts their provisions and record each change.

Every function takes the content and provision ids, changes the content in place and leaves
paragraphs numbered by their place and every eId following its number; no other part changes
identity. A part inserted here has `provision` None until the service identifies it.
"""

from dataclasses import dataclass
from typing import Any

from plenary.text.messages import gettext as _
from plenary.text.parsing import (
    DraftParseError,
    inserted_after,
    parse_segments,
)
from plenary.text.structure import (
    Content,
    Node,
    name_parts,
    number_chapters,
    number_paragraphs,
    segment_data,
    walk,
)


class DraftingError(ValueError):
    """The change cannot be made to this text; says why."""


@dataclass
class Found:
    """A part of the text and the list it stands in (to insert beside it or take it out)."""

    node: Node
    siblings: list[Node]
    kind: str  # "chapter", "article" or "paragraph"
    article: Node | None
    chapter: Node | None


def find(content: Content, provision: int) -> Found:
    """Where a provision stands; DraftingError when it is not in the text."""
    for paragraphs in _paragraph_lists(content["preamble"]):
        for node in paragraphs:
            if node.get("provision") == provision:
                return Found(node, paragraphs, "paragraph", None, None)
    for chapter in content["chapters"]:
        if chapter.get("provision") == provision:
            return Found(chapter, content["chapters"], "chapter", None, chapter)
        for article in chapter["articles"]:
            if article.get("provision") == provision:
                return Found(article, chapter["articles"], "article", article, chapter)
            for paragraphs in _paragraph_lists(article["paragraphs"]):
                for node in paragraphs:
                    if node.get("provision") == provision:
                        return Found(node, paragraphs, "paragraph", article, chapter)
    raise DraftingError(_("That provision is not in the working text."))


def _paragraph_lists(paragraphs: list[Node]) -> list[list[Node]]:
    lists = [paragraphs]
    for node in paragraphs:
        lists.extend(_paragraph_lists(node["children"]))
    return lists


def renumber(content: Content) -> None:
    """Number paragraphs by their place and name every part after its number."""
    number_paragraphs(content["preamble"])
    for chapter in content["chapters"]:
        for article in chapter["articles"]:
            number_paragraphs(article["paragraphs"])
    name_parts(content)


def text_of(segments: list[dict[str, Any]]) -> str:
    """A paragraph's wording as written, from its segments (brackets written out)."""
    return "".join(
        "[" + " / ".join(s["alternatives"]) + "]" if "alternatives" in s else s["text"]
        for s in segments
    )


def read_wording(text: str) -> list[dict[str, Any]]:
    """A wording typed by the chair, brackets allowed, as segments; DraftingError if it does
    not read."""
    text = " ".join((text or "").split())
    if not text:
        raise DraftingError(_("A paragraph needs its wording."))
    try:
        return [segment_data(s) for s in parse_segments(text, 1)]
    except DraftParseError as error:
        raise DraftingError(error.reason) from error


def set_wording(node: Node, segments: list[dict[str, Any]]) -> None:
    node["segments"] = segments
    node["text"] = text_of(segments)


def brackets(node: Node) -> list[dict[str, Any]]:
    return [s for s in node["segments"] if "alternatives" in s]


def choose(node: Node, bracket: int, alternative: int) -> tuple[str, list[str]]:
    """Keep one alternative of a bracket as plain text; returns it and its sponsors."""
    found = brackets(node)
    if not 0 <= bracket < len(found):
        raise DraftingError(_("That bracket is not in this paragraph."))
    segment = found[bracket]
    if not 0 <= alternative < len(segment["alternatives"]):
        raise DraftingError(_("That alternative is not in the bracket."))
    chosen = segment["alternatives"][alternative]
    sponsors = (segment.get("sponsors") or [[] for _a in segment["alternatives"]])[alternative]
    _replace(node, segment, [{"text": chosen}] if chosen else [])
    return chosen, list(sponsors)


def merge(node: Node, bracket: int, wording: str) -> list[str]:
    """Replace a bracket with one wording that merges its alternatives; returns the sponsors of
    every alternative."""
    found = brackets(node)
    if not 0 <= bracket < len(found):
        raise DraftingError(_("That bracket is not in this paragraph."))
    wording = " ".join((wording or "").split())
    if not wording:
        raise DraftingError(_("Write the merged wording."))
    if "[" in wording or "]" in wording:
        raise DraftingError(_("The merged wording settles the bracket: write it without brackets."))
    segment = found[bracket]
    sponsors = [d for names in segment.get("sponsors", []) for d in names]
    _replace(node, segment, [{"text": wording}])
    return list(dict.fromkeys(sponsors))


def _replace(node: Node, segment: dict[str, Any], by: list[dict[str, Any]]) -> None:
    segments = node["segments"]
    index = next(i for i, s in enumerate(segments) if s is segment)
    merged = segments[:index] + by + segments[index + 1 :]
    # Neighbouring plain runs become one run.
    joined: list[dict[str, Any]] = []
    for piece in merged:
        if joined and "text" in piece and "text" in joined[-1]:
            joined[-1] = {"text": joined[-1]["text"] + piece["text"]}
        else:
            joined.append(dict(piece))
    set_wording(node, joined)


def add_alternative(node: Node, wording: str, sponsors: list[str]) -> None:
    """Offer a wording as an alternative to the whole paragraph: [current / new], each with
    its sponsors (added to the paragraph's bracket when it is one bracket already)."""
    segments = node["segments"]
    if len(segments) == 1 and "alternatives" in segments[0]:
        bracket = segments[0]
        known = bracket.get("sponsors") or [[] for _a in bracket["alternatives"]]
        bracket["alternatives"] = [*bracket["alternatives"], wording]
        bracket["sponsors"] = [*known, list(sponsors)]
        set_wording(node, [bracket])
        return
    current = node["text"]
    set_wording(
        node,
        [{"alternatives": [current, wording], "sponsors": [list(node["attribution"]), sponsors]}],
    )


def new_paragraph(text: str, attribution: list[str], numbered: bool) -> Node:
    node: Node = {
        "provision": None,
        "eid": "",
        "number": "0" if numbered else "",
        "text": "",
        "segments": [],
        "footnotes": [],
        "status": "open",
        "attribution": list(attribution),
        "children": [],
    }
    set_wording(node, read_wording(text))
    return node


def insert_paragraph(
    content: Content, *, beside: int, before: bool, text: str, attribution: list[str]
) -> Node:
    """A new paragraph before or after another, at its level (numbered when it is)."""
    found = find(content, beside)
    if found.kind != "paragraph":
        raise DraftingError(_("A paragraph is inserted beside another paragraph."))
    node = new_paragraph(text, attribution, bool(found.node["number"]))
    if found.node["number"] and not found.node["number"].isdigit():
        node["number"] = "(a)"  # a sub-paragraph: numbered as its level is
    index = found.siblings.index(found.node)
    found.siblings.insert(index if before else index + 1, node)
    renumber(content)
    return node


def append_paragraph(content: Content, *, article: int, text: str, attribution: list[str]) -> Node:
    """A new paragraph at the end of an article (numbered when the article numbers them)."""
    found = find(content, article)
    if found.kind != "article":
        raise DraftingError(_("Choose the article the paragraph goes in."))
    paragraphs = found.node["paragraphs"]
    numbered = any(p["number"] for p in paragraphs) or not paragraphs
    node = new_paragraph(text, attribution, numbered)
    paragraphs.append(node)
    renumber(content)
    return node


def insert_article(
    content: Content, *, chapter: int, after: int | None, title: str, text: str
) -> Node:
    """A new article in a chapter, after another (or first); numbered "22 bis" after 22 so that
    no other article is renumbered."""
    found = find(content, chapter)
    if found.kind != "chapter":
        raise DraftingError(_("Choose the chapter the article goes in."))
    title = " ".join((title or "").split())
    if not title or len(title) > 300:
        raise DraftingError(_("An article needs a title of 1 to 300 characters."))
    articles = found.node["articles"]
    taken = {a["number"] for c in content["chapters"] for a in c["articles"]}
    if after is None:
        index = 0
        previous = _article_before(content, found.node)
    else:
        anchor = find(content, after)
        if anchor.kind != "article" or anchor.node not in articles:
            raise DraftingError(_("The article to insert after is not in that chapter."))
        index = articles.index(anchor.node) + 1
        previous = anchor.node["number"]
    article: Node = {
        "provision": None,
        "eid": "",
        "number": inserted_after(previous or "0", taken),
        "title": title,
        "paragraphs": [new_paragraph(text, [], True)] if (text or "").strip() else [],
    }
    articles.insert(index, article)
    renumber(content)
    return article


def _article_before(content: Content, chapter: Node) -> str | None:
    previous = None
    for other in content["chapters"]:
        if other is chapter:
            return previous
        for article in other["articles"]:
            previous = article["number"]
    return previous


def delete(content: Content, provision: int) -> list[int]:
    """Take a provision out of the text with everything in it; returns the provisions taken
    out. They keep their history in earlier versions."""
    found = find(content, provision)
    if found.kind == "chapter" and found.node["articles"]:
        raise DraftingError(_("A chapter is deleted once its articles are moved or deleted."))
    removed = [found.node.get("provision")]
    if found.kind == "article":
        removed += [p.get("provision") for p in walk(found.node["paragraphs"])]
    elif found.kind == "paragraph":
        removed += [p.get("provision") for p in walk(found.node["children"])]
    found.siblings.remove(found.node)
    if found.kind == "chapter":
        number_chapters(content)
    renumber(content)
    return [p for p in removed if p is not None]


def move_article(content: Content, article: int, *, chapter: int, after: int | None) -> None:
    """Move an article to another place (in its chapter or another); it keeps its number until
    the articles are renumbered."""
    found = find(content, article)
    if found.kind != "article":
        raise DraftingError(_("Only an article is moved between chapters."))
    target = find(content, chapter)
    if target.kind != "chapter":
        raise DraftingError(_("Choose the chapter the article goes to."))
    if after == article:
        raise DraftingError(_("An article cannot go after itself."))
    articles = target.node["articles"]
    anchor = find(content, after) if after is not None else None
    if anchor is not None and (anchor.kind != "article" or anchor.node not in articles):
        raise DraftingError(_("The article to move after is not in that chapter."))
    found.siblings.remove(found.node)
    place = articles.index(anchor.node) + 1 if anchor is not None else 0
    articles.insert(place, found.node)
    renumber(content)


def move_paragraph(content: Content, paragraph: int, *, up: bool) -> None:
    """Move a paragraph one place up or down among its siblings."""
    found = find(content, paragraph)
    if found.kind != "paragraph":
        raise DraftingError(_("Only a paragraph moves up or down."))
    index = found.siblings.index(found.node)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(found.siblings):
        raise DraftingError(_("The paragraph is already at that end of its article."))
    found.siblings[index], found.siblings[other] = found.siblings[other], found.siblings[index]
    renumber(content)


def renumber_articles(content: Content) -> dict[int, tuple[str, str]]:
    """Number the articles 1, 2, ... in reading order; returns what changed (old, new)."""
    changed: dict[int, tuple[str, str]] = {}
    position = 0
    for chapter in content["chapters"]:
        for article in chapter["articles"]:
            position += 1
            if article["number"] != str(position):
                changed[article["provision"]] = (article["number"], str(position))
                article["number"] = str(position)
    renumber(content)
    return changed
