"""Reading a delegation's Word document (.docx) safely, one line per paragraph.

No models or settings (Django only translates the messages). Writing uses python-docx on our own
content. Reading never hands an uploaded file to python-docx or lxml: the zip's central directory
is checked first (size, parts, total and per-part expansion), then only the few XML parts we need
are inflated, each bounded by its declared size, and parsed with defusedxml with document type
declarations forbidden (no XXE, no entity expansion such as "billion laughs").

Reading costs bounded memory whatever the file expands to: the document itself is read as a
stream, one paragraph at a time, each let go once read; the other parts (styles, numbering,
notes) are parsed whole only up to MAX_PART_XML; a document whose text passes MAX_TEXT, or
with one paragraph of more than MAX_PARAGRAPH_ELEMENTS elements, is refused as soon as it does.

What `docx_to_lines` reads, one line per Word paragraph (table cells included, in order), so that
a DraftParseError's line number is the paragraph's position in the document:

- Word's automatic numbering is written out ("1. ", "(a) ") from the list definitions, counted
  per list (numId), honouring start values and restarts;
- the document's Title and Subtitle paragraphs name the document, not the draft: they read as
  blank lines (which the draft reader skips), as does a "Notes" line above the notes that end it;
- Word footnotes and endnotes become "[^n]" at their reference and "[^n]: text" lines appended
  after the body, numbered 1, 2, … in reading order, as Word shows them; an empty note is left out;
- the notes section `version_to_docx` writes (superscript "Footnote Reference" marks, "Footnote
  Text" paragraphs) reads back as the same "[^key]" references and "[^key]: text" lines;
- deleted tracked changes, field codes, drawings and text boxes are not text of the draft.
"""

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeElementTree
from defusedxml import DefusedXmlException
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from plenary.text.parsing import roman_numeral

MAX_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 100  # Word's XML inflates 3–35 times; a zip bomb, thousands of times.
MAX_PARTS = 2000
# Parts read whole (styles, numbering, notes, relationships): far more than Word writes.
MAX_PART_XML = 8 * 1024 * 1024
# The text of a draft: the whole of a long convention is under a million characters.
MAX_TEXT = 2_000_000
# Elements of one paragraph (runs, their properties, their text): Word writes a few hundred.
MAX_PARAGRAPH_ELEMENTS = 100_000

WORD_NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",  # "Strict Open XML"
}
RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Not text of the draft: properties, deleted or moved-away text, drawings, text boxes.
NOT_TEXT = {"pPr", "rPr", "del", "moveFrom", "drawing", "pict", "object", "sectPr", "instrText"}
SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}  # what Word puts after a list number
BLOCK_CONTAINERS = {"tbl", "tr", "tc", "sdt", "sdtContent", "customXml"}
NOTE_MARK = re.compile(r"^\[\^(\w+)\]\s*(.*)$", re.DOTALL)
NOTES_HEADING = re.compile(r"^\s*(foot|end)?notes?\s*:?\s*$", re.IGNORECASE)
NOTE_LINE = re.compile(r"^\[\^\w+\]:\s*\S")


class WordFileRefused(ValueError):
    """The upload is not a Word document that can be read safely; the message says why."""


def docx_to_lines(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_uncompressed: int = MAX_UNCOMPRESSED
) -> list[str]:
    """The text of a .docx, one line per paragraph then its notes; refuse what is unsafe."""
    package = _Package(data, max_bytes, max_uncompressed)
    document_name = package.related("", "officeDocument") or "word/document.xml"
    if document_name not in package.parts:
        raise WordFileRefused(
            _("This file is not a Word document (.docx): it has no word/document.xml.")
        )
    try:
        return _Reader(package, document_name).lines()
    except RecursionError:
        raise WordFileRefused(
            _("The Word document is nested too deeply to be read; save it again from Word.")
        ) from None


class ZipRefused(ValueError):
    """A zip archive refused from its directory; `check` names the check it failed (see
    open_checked_zip), so that each reader words the refusal for its own kind of file."""

    def __init__(self, check: str, *, part: str = "", size: int = 0) -> None:
        super().__init__(check)
        self.check = check
        self.part = part
        self.size = size


def open_checked_zip(data: bytes, *, max_uncompressed: int = MAX_UNCOMPRESSED) -> zipfile.ZipFile:
    """An uploaded zip (Word, OpenDocument) checked from its directory before anything inflates.

    Refused with the check that failed: "not-zip" (no zip header), "damaged" (unreadable
    directory), "parts" (more than MAX_PARTS), "encrypted", "compression" (neither stored nor
    deflated), "ratio" (a part inflating more than MAX_RATIO times) or "total" (more than
    max_uncompressed in all).
    """
    if not data.startswith(b"PK\x03\x04"):
        raise ZipRefused("not-zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, OSError):
        raise ZipRefused("damaged") from None
    if len(parts) > MAX_PARTS:
        raise ZipRefused("parts")
    for part in parts:
        if part.flag_bits & 0x1:
            raise ZipRefused("encrypted", part=part.filename)
        if part.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ZipRefused("compression", part=part.filename)
        if part.file_size > MAX_RATIO * part.compress_size:
            raise ZipRefused("ratio", part=part.filename)
    total = sum(part.file_size for part in parts)
    if total > max_uncompressed:
        raise ZipRefused("total", size=total)
    return archive


class _Package:
    """The parts of an uploaded .docx, checked from the zip's directory before anything inflates."""

    def __init__(self, data: bytes, max_bytes: int, max_uncompressed: int):
        if len(data) > max_bytes:
            raise WordFileRefused(
                _(
                    "The file is %(size)s, more than the %(limit)s allowed; remove pictures or "
                    "split the document."
                )
                % {"size": _megabytes(len(data)), "limit": _megabytes(max_bytes)}
            )
        try:
            self.archive = open_checked_zip(data, max_uncompressed=max_uncompressed)
        except ZipRefused as refused:
            raise WordFileRefused(_refused_docx(data, refused, max_uncompressed)) from None
        parts = self.archive.infolist()
        names = [part.filename for part in parts]
        if len(set(names)) != len(names):
            raise WordFileRefused(_("This file is not a Word document (.docx) that can be read."))
        self.parts = {part.filename: part for part in parts}
        self.parsed: dict[str, Element] = {}

    def xml(self, name: str) -> Element | None:
        """One part parsed safely, or None when the package does not have it."""
        part = self.parts.get(name)
        if part is None:
            return None
        if name not in self.parsed:
            self.parsed[name] = self._parse(part)
        return self.parsed[name]

    def _parse(self, part: zipfile.ZipInfo) -> Element:
        name = part.filename
        if part.file_size > MAX_PART_XML:
            raise WordFileRefused(
                _("The Word document was refused: %(part)s is larger than Word writes.")
                % {"part": name}
            )
        try:
            with self.archive.open(part) as stream:
                data = stream.read(part.file_size + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError):
            raise WordFileRefused(
                _("The Word document is damaged: %(part)s cannot be read.") % {"part": name}
            ) from None
        if len(data) > part.file_size:
            raise WordFileRefused(
                _("The Word document is damaged: %(part)s is larger than declared.")
                % {"part": name}
            )
        try:
            element: Element = SafeElementTree.fromstring(data, forbid_dtd=True)
        except DefusedXmlException:
            raise WordFileRefused(
                _(
                    "The Word document was refused: %(part)s declares a document type or "
                    "entities, which Word never writes and attacks (XXE, billion laughs) use."
                )
                % {"part": name}
            ) from None
        except (ParseError, LookupError):  # LookupError: an unknown encoding is declared
            raise WordFileRefused(
                _("The Word document is damaged: %(part)s is not well-formed XML.") % {"part": name}
            ) from None
        return element

    def stream(self, name: str) -> Iterator[tuple[str, Element]]:
        """One part read as it inflates: ("start" | "end", element) in document order, parsed
        safely, so that a reader keeps only what it has not let go of."""
        part = self.parts[name]
        damaged = _("The Word document is damaged: %(part)s cannot be read.") % {"part": name}
        try:
            with self.archive.open(part) as stream:
                yield from SafeElementTree.iterparse(
                    stream, events=("start", "end"), forbid_dtd=True
                )
        except DefusedXmlException:
            raise WordFileRefused(
                _(
                    "The Word document was refused: %(part)s declares a document type or "
                    "entities, which Word never writes and attacks (XXE, billion laughs) use."
                )
                % {"part": name}
            ) from None
        except (ParseError, LookupError):
            raise WordFileRefused(
                _("The Word document is damaged: %(part)s is not well-formed XML.") % {"part": name}
            ) from None
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError):
            raise WordFileRefused(damaged) from None

    def related(self, source: str, kind: str) -> str | None:
        """The part that `source` names as its relationship of this kind (e.g. "footnotes")."""
        folder, file = posixpath.split(source)
        relationships = self.xml(posixpath.join(folder, "_rels", f"{file}.rels"))
        for relationship in [] if relationships is None else relationships.iter(RELATIONSHIPS):
            target = relationship.get("Target", "")
            if (
                relationship.get("Type", "").endswith(f"/{kind}")
                and relationship.get("TargetMode") != "External"
            ):
                if target.startswith("/"):
                    return target[1:]
                return posixpath.normpath(posixpath.join(folder, target))
        return None


def _refused_docx(data: bytes, refused: ZipRefused, max_uncompressed: int) -> str:
    if refused.check == "not-zip":
        return _not_a_docx(data)
    if refused.check == "damaged":
        return _("This file is not a Word document (.docx), or it is damaged.")
    if refused.check == "parts":
        return _("This file is not a Word document (.docx) that can be read.")
    if refused.check == "encrypted":
        return _("The Word document is encrypted; save it without a password.")
    if refused.check == "compression":
        return _("The Word document is compressed in a way Word does not use.")
    if refused.check == "ratio":
        return _(
            "The file was refused as a zip bomb: %(part)s would expand more than %(ratio)s times."
        ) % {"part": refused.part, "ratio": MAX_RATIO}
    return _(
        "The file was refused as a zip bomb: it would expand to %(size)s, more than "
        "the %(limit)s allowed."
    ) % {"size": _megabytes(refused.size), "limit": _megabytes(max_uncompressed)}


def _megabytes(size: int) -> str:
    return _("%(megabytes)s MB") % {"megabytes": number_format(size / 1024 / 1024, 1)}


def _not_a_docx(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return _("This is a PDF file, not a Word document (.docx); upload the Word version.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _(
            "This is an old-format Word file (.doc) or a password-protected one; "
            "save it as a Word document (.docx) without a password."
        )
    return _("This file is not a Word document (.docx).")


@dataclass(frozen=True)
class _Level:
    start: int
    format: str
    text: str
    suffix: str


@dataclass(frozen=True)
class _Style:
    key: str  # the name, lower case without spaces: "heading1", "footnotetext"
    based_on: str | None
    num_id: str | None
    level: str | None


class _Reader:
    def __init__(self, package: _Package, document_name: str):
        self.package, self.document_name = package, document_name
        self.document = package.stream(document_name)
        _event, root = next(self.document, ("", Element("")))
        namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
        if namespace not in WORD_NAMESPACES or root.tag != f"{{{namespace}}}document":
            raise WordFileRefused(_("This file is not a Word document (.docx)."))
        self.w = f"{{{namespace}}}"
        self.text_length = 0
        self.styles = self._styles(package.xml(self._part(package, document_name, "styles")))
        self.lists = self._lists(package.xml(self._part(package, document_name, "numbering")))
        self.counters: dict[str, dict[int, int]] = {}
        self.notes: dict[tuple[str, str], str] = {}
        self.keys: dict[tuple[str, str], str] = {}  # the notes referenced, numbered in order
        for kind in ("footnote", "endnote"):
            part = package.xml(self._part(package, document_name, f"{kind}s"))
            for note in [] if part is None else part.iter(f"{self.w}{kind}"):
                if note.get(f"{self.w}type", "normal") == "normal":
                    text = " ".join(self._text(p) for p in self._blocks(note))
                    self.notes[(kind, note.get(f"{self.w}id", ""))] = " ".join(text.split())

    @staticmethod
    def _part(package: _Package, document_name: str, kind: str) -> str:
        folder = posixpath.dirname(document_name)
        return package.related(document_name, kind) or posixpath.join(folder, f"{kind}.xml")

    def lines(self) -> list[str]:
        paragraphs = list(self._read_paragraphs())
        # "Notes" above the notes that end the document (as version_to_docx writes) is no text.
        position = len(paragraphs) - 1
        while position >= 0 and paragraphs[position][0] in ("note", "blank"):
            position -= 1
        notes_follow = any(kind == "note" for kind, _ in paragraphs[position + 1 :])
        if position >= 0 and notes_follow and NOTES_HEADING.match(paragraphs[position][1]):
            paragraphs[position] = ("blank", "")
        notes = [f"[^{key}]: {self.notes[note]}" for note, key in self.keys.items()]
        return [text for _, text in paragraphs] + notes

    def _read_paragraphs(self) -> Iterator[tuple[str, str]]:
        """The document's paragraphs in reading order (through tables and content controls),
        each read as soon as it ends and then let go, so that memory holds one at a time."""
        body, containers = f"{self.w}body", {f"{self.w}{name}" for name in BLOCK_CONTAINERS}
        path: list[Element] = []  # the open elements below the root
        held = 0  # elements read since a paragraph was last let go
        for event, element in self.document:
            if event == "start":
                path.append(element)
                held += 1
                if held > MAX_PARAGRAPH_ELEMENTS:
                    raise WordFileRefused(
                        _(
                            "The Word document was refused: one of its paragraphs is larger than "
                            "Word writes."
                        )
                    )
                continue
            if not path:
                continue  # the end of the document itself
            path.pop()
            if not path or path[0].tag != body:
                continue  # the body itself, or what is outside it
            if element.tag == f"{self.w}p" and all(e.tag in containers for e in path[1:]):
                paragraph = self._paragraph(element)
                self.text_length += len(paragraph[1])
                if self.text_length > MAX_TEXT:
                    raise WordFileRefused(
                        _(
                            "The Word document was refused: its text is too long for a draft "
                            "(more than %(limit)s characters)."
                        )
                        % {"limit": number_format(MAX_TEXT, force_grouping=True)}
                    )
                yield paragraph
                element.clear()
                held = 0
            if len(path) == 1:
                path[0].remove(element)  # read: let the body forget it

    def _blocks(self, container: Element) -> Iterator[Element]:
        """Paragraphs in reading order, through tables and content controls."""
        for element in container:
            if element.tag == f"{self.w}p":
                yield element
            elif element.tag.startswith(self.w) and element.tag[len(self.w) :] in BLOCK_CONTAINERS:
                yield from self._blocks(element)

    def _paragraph(self, paragraph: Element) -> tuple[str, str]:
        style_id = self._value(paragraph.find(f"{self.w}pPr"), "pStyle")
        style = self.styles.get(style_id or "")
        key = style.key if style else _style_key(style_id or "")
        if key in ("title", "subtitle"):
            return "blank", ""
        text = self._text(paragraph)
        if key in ("footnotetext", "endnotetext") and (mark := NOTE_MARK.match(text.strip())):
            return "note", f"[^{mark.group(1)}]: {mark.group(2).strip()}"
        label = self._list_label(paragraph, style_id)
        if not text.strip():
            return "blank", text
        if NOTE_LINE.match(text):
            return "note", text
        return "text", label + text

    def _text(self, element: Element) -> str:
        pieces: list[str] = []
        self._collect(element, pieces)
        return "".join(pieces).replace("\r", " ").replace("\n", " ")

    def _collect(self, element: Element, pieces: list[str]) -> None:
        for child in element:
            namespace, _, name = child.tag[1:].partition("}")
            if f"{{{namespace}}}" != self.w or name in NOT_TEXT:
                continue
            if name == "t":
                pieces.append(child.text or "")
            elif name in ("tab", "ptab"):
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append(" ")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "r":
                self._run(child, pieces)
            else:
                self._collect(child, pieces)

    def _run(self, run: Element, pieces: list[str]) -> None:
        for kind in ("footnote", "endnote"):
            reference = run.find(f"{self.w}{kind}Reference")
            if reference is not None:
                # Other text in this run is a custom mark standing in for the number.
                note = (kind, reference.get(f"{self.w}id", ""))
                if self.notes.get(note):
                    pieces.append(f"[^{self.keys.setdefault(note, str(len(self.keys) + 1))}]")
                return
        style = self.styles.get(self._value(run.find(f"{self.w}rPr"), "rStyle") or "")
        if style and style.key in ("footnotereference", "endnotereference"):
            mark = "".join(t.text or "" for t in run.iter(f"{self.w}t")).strip()
            if re.fullmatch(r"\w+", mark):
                pieces.append(f"[^{mark}]")
                return
        self._collect(run, pieces)

    def _value(self, parent: Element | None, name: str) -> str | None:
        element = None if parent is None else parent.find(f"{self.w}{name}")
        return None if element is None else element.get(f"{self.w}val")

    def _styles(self, root: Element | None) -> dict[str, _Style]:
        styles = {}
        for style in [] if root is None else root.iter(f"{self.w}style"):
            numbering = style.find(f"{self.w}pPr/{self.w}numPr")
            style_id = style.get(f"{self.w}styleId") or ""
            styles[style_id] = _Style(
                key=_style_key(self._value(style, "name") or style_id),
                based_on=self._value(style, "basedOn"),
                num_id=self._value(numbering, "numId"),
                level=self._value(numbering, "ilvl"),
            )
        return styles

    def _lists(self, root: Element | None) -> dict[str, dict[int, _Level]]:
        """Word's list definitions: for each numId, its levels with their starts and formats."""
        if root is None:
            return {}
        abstract = {
            definition.get(f"{self.w}abstractNumId"): dict(self._levels(definition))
            for definition in root.iter(f"{self.w}abstractNum")
        }
        lists = {}
        for instance in root.iter(f"{self.w}num"):
            levels = dict(abstract.get(self._value(instance, "abstractNumId"), {}))
            for override in instance.iter(f"{self.w}lvlOverride"):
                level = _integer(override.get(f"{self.w}ilvl"), 0)
                levels.update(self._levels(override))
                start = self._value(override, "startOverride")
                if start is not None and level in levels:
                    levels[level] = replace(levels[level], start=_integer(start, 1))
            lists[instance.get(f"{self.w}numId", "")] = levels
        return lists

    def _levels(self, definition: Element) -> Iterator[tuple[int, _Level]]:
        for level in definition.findall(f"{self.w}lvl"):
            yield (
                _integer(level.get(f"{self.w}ilvl"), 0),
                _Level(
                    start=_integer(self._value(level, "start"), 1),
                    format=self._value(level, "numFmt") or "decimal",
                    text=self._value(level, "lvlText") or "",
                    suffix=SUFFIXES.get(self._value(level, "suff") or "tab", "\t"),
                ),
            )

    def _list_label(self, paragraph: Element, style_id: str | None) -> str:
        """The number Word shows before an automatically numbered paragraph, or ""."""
        numbering = paragraph.find(f"{self.w}pPr/{self.w}numPr")
        num_id, level = self._value(numbering, "numId"), self._value(numbering, "ilvl")
        seen: set[str] = set()
        while num_id is None and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            num_id, level = style.num_id, level or style.level
            style_id = style.based_on
        levels = self.lists.get(num_id or "0", {})
        depth = _integer(level, 0)
        if num_id in (None, "0") or depth not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[depth] = counters.get(depth, levels[depth].start - 1) + 1
        for deeper in [d for d in counters if d > depth]:
            del counters[deeper]
        if levels[depth].format in ("bullet", "none"):
            return ""

        def shown(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            start = levels[at].start if at in levels else 1
            kind = levels[at].format if at in levels else "decimal"
            return _formatted(counters.get(at, start), kind)

        label = re.sub(r"%([1-9])", shown, levels[depth].text)
        return label + levels[depth].suffix if label else ""


def _style_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _integer(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _formatted(value: int, kind: str) -> str:
    """A list counter as Word shows it in this number format."""
    if 0 < value <= 1000 and kind in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters if kind == "lowerLetter" else letters.upper()
    if 0 < value <= 3999 and kind in ("lowerRoman", "upperRoman"):
        numeral = roman_numeral(value)
        return numeral.lower() if kind == "lowerRoman" else numeral
    if kind == "decimalZero":
        return f"{value:02d}"
    return str(value)
