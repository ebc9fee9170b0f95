"""Uploads cost little within the limits: a Word file of under 5 MB that expands to 45 MB of
XML is read (or refused) in bounded memory and in a few seconds, not 620 MB and 12 s; uploads
are limited in rate per address and per account; and the documented server settings time out
half-open connections."""

import io
import random
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from plenary.text.word_import import WordFileRefused, docx_to_lines

ROOT = Path(__file__).resolve().parents[2]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WORDS = [f"w{n:02x}" for n in range(256)]
RUN = (
    '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman"/><w:b/><w:sz w:val="24"/></w:rPr>'
    '<w:t xml:space="preserve">{}</w:t></w:r>'
)
STYLED = '<w:pPr><w:pStyle w:val="Normal"/></w:pPr>'


def expanding_document(xml_bytes: int, *, one_paragraph: bool = False) -> bytes:
    """A .docx whose document.xml is about this large and compresses about ten times, as Word's
    XML does: formatted runs of words drawn at random from a vocabulary."""
    chance = random.Random(7)
    parts, size = [], 0
    while size < xml_bytes:
        runs = "".join(
            RUN.format(" ".join(chance.choice(WORDS) for _ in range(8))) for _ in range(5)
        )
        piece = runs if one_paragraph else f"<w:p>{STYLED}{runs}</w:p>"
        parts.append(piece)
        size += len(piece)
    body = "".join(parts)
    if one_paragraph:
        body = f"<w:p>{body}</w:p>"
    document = f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def read(data: bytes) -> str:
    try:
        return f"{len(docx_to_lines(data))} lines"
    except WordFileRefused as refused:
        return f"refused: {refused}"


def cost(data: bytes) -> tuple[float, float, str]:
    """Seconds and peak megabytes (Python's allocations, traced in a second reading) of
    reading it, and what came of it."""
    started = time.perf_counter()
    outcome = read(data)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    read(data)
    peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return seconds, peak, outcome


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data = expanding_document(45 * 1024 * 1024)
    assert len(data) < 10 * 1024 * 1024  # within the upload limit
    return data


def test_a_word_file_expanding_to_45_mb_of_xml_costs_little(bomb):
    seconds, peak, outcome = cost(bomb)
    assert peak < 80, f"{peak:.0f} MB to read it ({outcome})"
    assert seconds < 6, f"{seconds:.1f} s to read it ({outcome})"
    assert outcome.startswith("refused:") and "too long" in outcome


def test_one_enormous_paragraph_is_refused_before_it_fills_the_memory():
    _seconds, peak, outcome = cost(expanding_document(30 * 1024 * 1024, one_paragraph=True))
    assert outcome.startswith("refused:"), outcome
    assert peak < 80, f"{peak:.0f} MB to read it ({outcome})"


def test_a_long_but_real_draft_is_still_read():
    data = expanding_document(3 * 1024 * 1024)
    _seconds, peak, outcome = cost(data)
    assert outcome.endswith("lines") and int(outcome.split()[0]) > 3_000
    assert peak < 80


def test_the_documented_server_settings_time_out_half_open_connections():
    operations = (ROOT / "docs" / "operations.md").read_text()
    assert "--timeout-keep-alive" in operations
    # The reverse proxy the guide deploys (tests/live/test_reverse_proxy.py runs this file).
    proxy = (ROOT / "docs" / "nginx.conf").read_text()
    assert "client_header_timeout" in proxy and "client_body_timeout" in proxy
