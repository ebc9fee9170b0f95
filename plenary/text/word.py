"""A version as a Word document (.docx): headings for chapters and articles, numbers as
typed, brackets kept and highlighted, notes at the end. Pure (no Django); reading Word files
back is plenary.text.word_import."""

import datetime
import io
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from plenary.text.akn import Piece, bracket_pieces

INDENT = Cm(1)
NOTE_REFERENCE_STYLE = "Footnote Reference"
NOTE_TEXT_STYLE = "Footnote Text"
BRACKET_HIGHLIGHT = WD_COLOR_INDEX.GRAY_25


# Writing -------------------------------------------------------------------------------------


def version_to_docx(content: dict[str, Any], *, title: str, subtitle: str = "") -> bytes:
    """The version as a Word document: headings, numbered paragraphs, brackets and notes."""
    document = Document()
    document.core_properties.title = title
    _add_note_styles(document)
    document.add_heading(title, level=0)
    if subtitle:
        document.add_paragraph(subtitle, style="Subtitle")
    if content["preamble"]:
        document.add_heading("Preamble", level=1)
        for paragraph in content["preamble"]:
            _write_paragraph(document, paragraph, 0)
    for chapter in content["chapters"]:
        if chapter["number"] or chapter["title"]:
            document.add_heading(_heading("Chapter", chapter["number"], chapter["title"]), 1)
        for article in chapter["articles"]:
            document.add_heading(_heading("Article", article["number"], article["title"]), 2)
            for paragraph in article["paragraphs"]:
                _write_paragraph(document, paragraph, 0)
    if content["footnotes"]:
        document.add_heading("Notes", level=1)
        for key, text in content["footnotes"].items():
            note = document.add_paragraph(style=NOTE_TEXT_STYLE)
            note.add_run(key, style=NOTE_REFERENCE_STYLE)
            note.add_run("\t")
            _write_text(note, text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _add_note_styles(document: WordDocument) -> None:
    styles = document.styles
    if NOTE_REFERENCE_STYLE not in styles:
        reference = styles.add_style(NOTE_REFERENCE_STYLE, WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True
    if NOTE_TEXT_STYLE not in styles:
        note = styles.add_style(NOTE_TEXT_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        note.base_style = styles["Normal"]
        note.font.size = Pt(9)


def _heading(kind: str, number: str, title: str) -> str:
    return f"{kind} {number}. {title}" if title else f"{kind} {number}"


def _write_paragraph(document: WordDocument, paragraph: dict[str, Any], level: int) -> None:
    number = paragraph["number"]
    written = document.add_paragraph()
    layout = written.paragraph_format
    if number:
        # A hanging number, as in UN documents: the text lines up after it.
        layout.left_indent = INDENT * (level + 1)
        layout.first_line_indent = -INDENT
        written.add_run(f"{number}." if number.isdigit() else number)
        written.add_run("\t")
    elif level:
        layout.left_indent = INDENT * level
    _write_text(written, paragraph["text"])
    for key in paragraph["footnotes"]:
        written.add_run(key, style=NOTE_REFERENCE_STYLE)
    for child in paragraph["children"]:
        _write_paragraph(document, child, level + 1)


def _write_text(paragraph: Paragraph, text: str) -> None:
    """The words as written; each bracket highlighted so it stands out on the page."""
    for piece in bracket_pieces(text):
        if isinstance(piece, str):
            paragraph.add_run(piece)
        else:
            paragraph.add_run(_bracket_text(piece)).font.highlight_color = BRACKET_HIGHLIGHT


def _bracket_text(pieces: list[Piece]) -> str:
    inner = "".join(p if isinstance(p, str) else _bracket_text(p) for p in pieces)
    return f"[{inner}]"


def redline_to_docx(
    changes: list[Any],
    *,
    title: str,
    subtitle: str = "",
    author: str = "Plenary",
    date: datetime.datetime | None = None,
) -> bytes:
    """A redline as a Word document with real tracked changes: each changed paragraph under its
    article, its deleted words as `w:del` and its new words as `w:ins` with the author and date
    of the new version, so that Word's Next change / Accept / Reject work on it; accepting every
    change gives the new version's wording."""
    document = Document()
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    if subtitle:
        document.add_paragraph(subtitle, style="Subtitle")
    stamp = (date or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)).strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )
    revisions = _Revisions(author, stamp)
    article = None
    for change in changes:
        if change.article_title != article:
            article = change.article_title
            document.add_heading(article, level=2)
        number = change.new_number or change.old_number or ""
        paragraph = document.add_paragraph()
        if change.change in {"inserted", "deleted"}:
            # The paragraph itself (its mark) is new or gone, not only its words.
            revisions.mark_paragraph(paragraph, "w:ins" if change.change == "inserted" else "w:del")
        if number:
            label = f"{number}. " if number.isdigit() else f"{number} "
            if change.change == "deleted":
                revisions.add(paragraph, "delete", label)
            elif change.change == "inserted":
                revisions.add(paragraph, "insert", label)
            else:
                paragraph.add_run(label)
        for run in change.runs:
            revisions.add(paragraph, run.op, run.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Revisions:
    """Writes runs as tracked changes, each revision with its own id, the author and the date."""

    def __init__(self, author: str, date: str):
        self.author, self.date, self.next_id = author, date, 1

    def _revision(self, tag: str) -> Any:
        element = OxmlElement(tag)
        element.set(qn("w:id"), str(self.next_id))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        self.next_id += 1
        return element

    def add(self, paragraph: Paragraph, op: str, text: str) -> None:
        if op == "equal":
            paragraph.add_run(text)
            return
        wrapper = self._revision("w:ins" if op == "insert" else "w:del")
        run = OxmlElement("w:r")
        words = OxmlElement("w:t" if op == "insert" else "w:delText")
        words.set(qn("xml:space"), "preserve")
        words.text = text
        run.append(words)
        wrapper.append(run)
        paragraph._p.append(wrapper)

    def mark_paragraph(self, paragraph: Paragraph, tag: str) -> None:
        properties = paragraph._p.get_or_add_pPr()
        marks = OxmlElement("w:rPr")
        marks.append(self._revision(tag))
        properties.append(marks)
