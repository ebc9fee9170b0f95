"""Word documents: a version written as .docx, and uploaded .docx files read back safely."""

import io
import os
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plenary.text.parsing import DraftParseError, parse_draft
from plenary.text.structure import content_from_parsed
from plenary.text.word import version_to_docx
from plenary.text.word_import import WordFileRefused, docx_to_lines
from tests.text.test_akn import EDGE_CASE, SAMPLE

GOLDEN = Path(__file__).parent / "golden" / "example-zero-draft.docx.txt"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def sample_content():
    return content_from_parsed(parse_draft(SAMPLE.read_text(encoding="utf-8").splitlines()))


def word_document(*paragraphs: tuple[str, str]) -> bytes:
    """A .docx made with python-docx from (style, text) pairs."""
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def word_package(body: str, **parts: str) -> bytes:
    """A minimal .docx written by hand: document.xml with this body, plus word/<name>.xml parts."""
    files = {"word/document.xml": f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'}
    files.update({f"word/{name}.xml": xml for name, xml in parts.items()})
    return zip_of(files)


def zip_of(files: dict[str, str | bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return output.getvalue()


def with_part(data: bytes, name: str, replacement: str) -> bytes:
    """The same .docx with one part replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files: dict[str, str | bytes] = {n: archive.read(n) for n in archive.namelist()}
    files[name] = replacement
    return zip_of(files)


def p(text: str, style: str = "", numbering: str = "", after: str = "") -> str:
    """A hand-written Word paragraph; `after` is more XML after its text (e.g. a footnote)."""
    properties = (f'<w:pStyle w:val="{style}"/>' if style else "") + numbering
    run = f"<w:r><w:t xml:space='preserve'>{text}</w:t></w:r>"
    return f"<w:p><w:pPr>{properties}</w:pPr>{run}{after}</w:p>"


def numbered(text: str, num_id: int, level: int) -> str:
    ids = f'<w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
    return p(text, numbering=f"<w:numPr>{ids}</w:numPr>")


def list_level(level: int, number_format: str, text: str, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def footnote_reference(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def refused(data: bytes, **limits: int) -> str:
    with pytest.raises(WordFileRefused) as refusal:
        docx_to_lines(data, **limits)
    return str(refusal.value)


# Writing -------------------------------------------------------------------------------------


def test_it_writes_the_sample_draft_as_in_the_golden_file():
    data = version_to_docx(
        sample_content(), title="Draft convention on cybercrime", subtitle="Zero draft"
    )
    document = docx.Document(io.BytesIO(data))
    lines = []
    for paragraph in document.paragraphs:
        indent = paragraph.paragraph_format.left_indent
        where = f" +{indent.cm:.0f}cm" if indent else ""
        lines.append(f"{paragraph.style.name}{where}: {paragraph.text}".replace("\t", "\\t"))
    text = "\n".join(lines) + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_it_highlights_each_bracket_and_nothing_else():
    data = version_to_docx(sample_content(), title="Draft convention")
    document = docx.Document(io.BytesIO(data))
    highlighted = [
        run.text
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color == WD_COLOR_INDEX.GRAY_25
    ]
    assert highlighted[:2] == [
        "[offences committed through information and communications technologies / cybercrime]",
        "[while respecting human rights]",
    ]
    assert all(text.startswith("[") and text.endswith("]") for text in highlighted)
    assert len(highlighted) == 11


def test_it_writes_footnotes_as_superscript_marks_and_a_notes_section():
    content = content_from_parsed(parse_draft(EDGE_CASE.splitlines()))
    document = docx.Document(io.BytesIO(version_to_docx(content, title="Draft convention")))
    recalling = next(p for p in document.paragraphs if p.text.startswith("Recalling"))
    assert recalling.runs[-1].text == "1" and recalling.runs[-1].style.font.superscript
    notes = [p.text for p in document.paragraphs if p.style.name == "Footnote Text"]
    assert notes == [
        "1\tProposed by several delegations.",
        '2\tA delegation asked for "serious" offences [only].',
    ]
    assert document.paragraphs[-3].text == "Notes"


# Round trip ----------------------------------------------------------------------------------


def test_it_reads_back_the_sample_draft_it_wrote():
    content = sample_content()
    lines = docx_to_lines(version_to_docx(content, title="Draft convention", subtitle="Zero"))
    assert content_from_parsed(parse_draft(lines)) == content


def test_it_reads_back_notes_options_and_nested_brackets_it_wrote():
    content = content_from_parsed(parse_draft(EDGE_CASE.splitlines()))
    lines = docx_to_lines(version_to_docx(content, title="Draft convention"))
    assert content_from_parsed(parse_draft(lines)) == content
    assert lines[-2:] == [
        "[^1]: Proposed by several delegations.",
        '[^2]: A delegation asked for "serious" offences [only].',
    ]


# Reading -------------------------------------------------------------------------------------


def test_it_reads_one_line_per_word_paragraph_in_order_including_tables():
    document = docx.Document()
    document.add_heading("Draft convention", level=0)
    document.add_heading("Article 1. Purposes", level=2)
    document.add_paragraph("The purposes of this Convention are:")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "(a) To prevent cybercrime;"
    table.cell(0, 1).text = "(b) To cooperate."
    output = io.BytesIO()
    document.save(output)
    assert docx_to_lines(output.getvalue()) == [
        "",  # the document's title is not text of the draft
        "Article 1. Purposes",
        "The purposes of this Convention are:",
        "(a) To prevent cybercrime;",
        "(b) To cooperate.",
    ]


def test_it_reads_tracked_changes_as_accepted_and_leaves_field_codes_out():
    body = (
        "<w:p><w:r><w:t xml:space='preserve'>Each State Party </w:t></w:r>"
        "<w:del><w:r><w:delText>may</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>shall</w:t></w:r></w:ins>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r>"
        "<w:r><w:t xml:space='preserve'> act.</w:t></w:r></w:p>"
    )
    assert docx_to_lines(word_package(body)) == ["Each State Party shall act."]


def test_it_writes_out_word_automatic_numbering():
    numbering = f"""<w:numbering xmlns:w="{W}">
      <w:abstractNum w:abstractNumId="0">
        {list_level(0, "decimal", "%1.")}
        {list_level(1, "lowerLetter", "(%2)")}
        {list_level(2, "lowerRoman", "(%3)", extra='<w:suff w:val="space"/>')}
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"""
    body = "".join(
        [
            p("Article 1. Scope", style="Heading2"),
            numbered("This Convention applies:", 1, 0),
            numbered("to offences;", 1, 1),
            numbered("to proceeds:", 1, 1),
            numbered("of crime;", 1, 2),
            numbered("of assets.", 1, 2),
            numbered("States Parties shall cooperate.", 1, 0),
            p("Article 2. Cooperation", style="Heading2"),
            numbered("The numbering starts again.", 2, 0),
            numbered("A bullet has no number.", 3, 0),
        ]
    )
    lines = docx_to_lines(word_package(body, numbering=numbering))
    assert lines == [
        "Article 1. Scope",
        "1.\tThis Convention applies:",
        "(a)\tto offences;",
        "(b)\tto proceeds:",
        "(i) of crime;",
        "(ii) of assets.",
        "2.\tStates Parties shall cooperate.",
        "Article 2. Cooperation",
        "1.\tThe numbering starts again.",
        "A bullet has no number.",
    ]
    scope = parse_draft(lines).articles[0]
    assert [c.number for c in scope.paragraphs[0].children[1].children] == ["(i)", "(ii)"]


def test_it_numbers_paragraphs_that_take_their_numbering_from_the_style():
    data = word_document(
        ("Normal", "Article 3. Illegal access"),
        ("List Number", "Each State Party shall act."),
        ("List Number", "A State Party may require intent."),
    )
    assert docx_to_lines(data)[1:] == [
        "1.\tEach State Party shall act.",
        "2.\tA State Party may require intent.",
    ]


def test_it_reads_word_footnotes_as_notes_of_the_draft_in_the_order_word_shows_them():
    footnotes = f"""<w:footnotes xmlns:w="{W}">
      <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:id="1"><w:p><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>
        <w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Proposed by several delegations.</w:t>
        </w:r></w:p></w:footnote>
      <w:footnote w:id="2"><w:p><w:r><w:t>Second note,</w:t></w:r></w:p>
        <w:p><w:r><w:t>in two paragraphs.</w:t></w:r></w:p></w:footnote>
    </w:footnotes>"""
    body = (
        p("Article 1. Scope")
        + p("1. Each State Party shall act.", after=footnote_reference(2))
        + p("2. It shall report.", after=footnote_reference(1))
    )
    lines = docx_to_lines(word_package(body, footnotes=footnotes))
    assert lines == [
        "Article 1. Scope",
        "1. Each State Party shall act.[^1]",
        "2. It shall report.[^2]",
        "[^1]: Second note, in two paragraphs.",
        "[^2]: Proposed by several delegations.",
    ]
    draft = parse_draft(lines)
    assert draft.articles[0].paragraphs[1].footnotes == ["2"]
    assert draft.footnotes["2"] == "Proposed by several delegations."


def test_it_reports_the_word_paragraph_where_a_draft_does_not_read():
    data = word_document(
        ("Title", "Draft convention"),
        ("Heading 2", "Article 1. Purposes"),
        ("Normal", "1. Each State Party shall act."),
        ("Normal", "3. Each State Party shall report."),
    )
    lines = docx_to_lines(data)
    assert lines[3] == "3. Each State Party shall report."
    with pytest.raises(DraftParseError) as error:
        parse_draft(lines)
    assert error.value.line == 4
    assert "paragraph 3 follows paragraph 1" in str(error.value)


# Refusing hostile or wrong files -------------------------------------------------------------


@pytest.fixture
def refused_unopened(monkeypatch):
    """Like refused(), failing the test if any part of the zip is opened to be inflated."""

    def refuse_to_open(*args, **kwargs):
        raise AssertionError("a part was opened before the file was refused")

    def check(data: bytes, **limits: int) -> str:
        monkeypatch.setattr(zipfile.ZipFile, "open", refuse_to_open)
        return refused(data, **limits)

    return check


def test_it_refuses_a_document_with_an_external_entity():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>'
        "</w:document>"
    )
    data = with_part(word_document(("Normal", "Article 1. Scope")), "word/document.xml", xxe)
    assert "declares a document type or entities" in refused(data)


def test_it_refuses_a_billion_laughs():
    laughs = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    bomb = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{laughs}]>'
        f'<w:styles xmlns:w="{W}"><w:style w:styleId="&lol9;"/></w:styles>'
    )
    data = with_part(word_document(("Normal", "Article 1. Scope")), "word/styles.xml", bomb)
    assert "word/styles.xml declares a document type" in refused(data)


def test_it_refuses_a_zip_bomb_before_inflating_it(refused_unopened):
    zeros = bytes(60 * 1024 * 1024)
    data = zip_of({"word/document.xml": b"<w:document/>", "word/media/image1.png": zeros})
    assert len(data) < 100_000
    assert "refused as a zip bomb: word/media/image1.png would expand" in refused_unopened(data)


def test_it_refuses_a_file_that_would_expand_past_the_limit(refused_unopened):
    data = word_document(("Normal", "Article 1. Scope"))
    message = refused_unopened(data, max_uncompressed=100_000)
    assert "would expand to" in message and "zip bomb" in message


def test_it_refuses_an_oversized_file(refused_unopened):
    data = word_document(("Normal", "Article 1. Scope"))
    message = refused_unopened(data, max_bytes=len(data) - 1)
    assert "allowed; remove pictures or split the document" in message


def test_it_refuses_a_pdf_named_docx():
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    assert refused(pdf).startswith("This is a PDF file, not a Word document")


def test_it_refuses_a_text_file_named_docx():
    assert refused(b"Article 1. Scope\n1. Each State Party shall act.\n") == (
        "This file is not a Word document (.docx)."
    )


def test_it_refuses_a_zip_that_is_not_a_word_document():
    data = zip_of({"content.xml": "<office:document/>", "mimetype": "application/zip"})
    assert "it has no word/document.xml" in refused(data)


def test_it_refuses_a_damaged_document():
    data = with_part(word_document(("Normal", "Article 1.")), "word/document.xml", "<w:document")
    assert "word/document.xml is not well-formed XML" in refused(data)


SAMPLE_DOCX = version_to_docx(sample_content(), title="Draft convention")


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(SAMPLE_DOCX) - 1), st.integers(0, 255)), max_size=8))
def test_it_reads_or_refuses_a_damaged_file_but_never_fails_otherwise(damage):
    data = bytearray(SAMPLE_DOCX)
    for position, value in damage:
        data[position] = value
    try:
        lines = docx_to_lines(bytes(data))
    except WordFileRefused as refusal:
        assert str(refusal).endswith(".")
    else:
        assert all(isinstance(line, str) and "\n" not in line for line in lines)
