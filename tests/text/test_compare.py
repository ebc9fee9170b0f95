"""Comparing versions: a word-level redline as a page, a Word download and JSON."""

import datetime

import pytest
from docx import Document

from plenary.text.services.versions import import_version

OLD = ["Article 1. Purposes", "1. To [prevent / combat] cybercrime.", "2. To cooperate."]
NEW = [
    "Article 1. Purposes",
    "1. To prevent cybercrime.",
    "2. To cooperate.",
    "Article 2. Use of terms",
    "Terms.",
]


@pytest.fixture
def versions(world):
    def make(label, lines, day):
        return import_version(
            world.negotiation,
            by=world.secretariat,
            label=label,
            date=datetime.date(2023, 6, day),
            lines=lines,
            published=True,
        )

    return make("Zero draft", OLD, 1), make("Revised draft", NEW, 2)


def test_the_api_gives_the_changed_paragraphs_word_by_word(client, versions):
    old, new = versions
    changes = client.get(f"/api/negotiations/test-ahc/compare?from={old.pk}&to={new.pk}").json()
    assert [(c["eid_new"], c["change"]) for c in changes] == [
        ("art_1__para_1", "changed"),
        ("art_2__p_1", "inserted"),
    ]
    runs = changes[0]["runs"]
    assert "".join(r["text"] for r in runs if r["op"] != "insert") == OLD[1][3:]
    assert "".join(r["text"] for r in runs if r["op"] != "delete") == NEW[1][3:]


def test_the_page_marks_insertions_and_deletions(client, versions):
    old, new = versions
    page = client.get(f"/n/test-ahc/compare/?from={old.pk}&to={new.pk}").content.decode()
    assert "<del>" in page and "<ins>Terms.</ins>" in page


def test_the_word_redline_strikes_deletions_and_underlines_insertions(client, versions):
    import io

    old, new = versions
    response = client.get(f"/n/test-ahc/compare/docx/?from={old.pk}&to={new.pk}")
    runs = [r for p in Document(io.BytesIO(response.content)).paragraphs for r in p.runs]
    assert any(r.font.strike and "/ combat" in r.text for r in runs)
    assert any(r.font.underline and r.text == "Terms." for r in runs)


def test_a_missing_version_number_says_what_to_give(client, versions):
    response = client.get("/api/negotiations/test-ahc/compare?from=x&to=1")
    assert response.status_code == 400
    assert "?from=1&to=2" in response.json()["detail"]
