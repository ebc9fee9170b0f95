"""A version as a Word document (.docx): headings for chapters and articles, numbers as
typed, brackets kept and highlighted, notes at the end. Pure (no Django); reading Word files
back is plenary.text.word_import."""

import io
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from plenary.text.akn import Piece, bracket_pieces

INDENT = Cm(1)
NOTE_REFERENCE_STYLE = "Footnote Reference"
NOTE_TEXT_STYLE = "Footnote Text"
BRACKET_HIGHLIGHT = WD_COLOR_INDEX.GRAY_25
DELETED = RGBColor(0xB3, 0x1D, 0x28)
INSERTED = RGBColor(0x0B, 0x5C, 0xAD)


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


def redline_to_docx(changes: list[Any], *, title: str, subtitle: str = "") -> bytes:
    """A redline as a Word document: deletions struck through in red, insertions underlined in
    blue, each changed paragraph under its article."""
    document = Document()
    document.core_properties.title = title
    document.add_paragraph(title, style="Title")
    if subtitle:
        document.add_paragraph(subtitle, style="Subtitle")
    article = None
    for change in changes:
        if change.article_title != article:
            article = change.article_title
            document.add_heading(article, level=2)
        number = change.new_number or change.old_number or ""
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{number} " if number else "").bold = True
        paragraph.add_run(f"[{change.change}] ").italic = True
        for run in change.runs:
            written = paragraph.add_run(run.text)
            if run.op == "delete":
                written.font.strike = True
                written.font.color.rgb = DELETED
            elif run.op == "insert":
                written.font.underline = True
                written.font.color.rgb = INSERTED
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
