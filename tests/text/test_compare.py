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
            by=world.actors.secretariat,
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


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _accepted(paragraph) -> str:
    """A paragraph's words once every tracked change is accepted, as Word would."""
    words = []
    for element in paragraph._p.iter():
        if element.tag == f"{W}t":
            words.append(element.text or "")
    return "".join(words)


def test_the_word_redline_has_real_tracked_changes_with_author_and_date(client, versions):
    import io

    old, new = versions
    response = client.get(f"/n/test-ahc/compare/docx/?from={old.pk}&to={new.pk}")
    document = Document(io.BytesIO(response.content))
    body = document.element.body
    deleted = [d for d in body.iter(f"{W}del") if d.getparent().tag == f"{W}p"]
    inserted = [i for i in body.iter(f"{W}ins") if i.getparent().tag == f"{W}p"]
    assert any("/ combat" in "".join(t.text for t in d.iter(f"{W}delText")) for d in deleted)
    assert any("Terms." in "".join(t.text for t in i.iter(f"{W}t")) for i in inserted)
    for revision in deleted + inserted:
        assert revision.get(f"{W}author") == "UNODC"
        assert revision.get(f"{W}date").startswith(str(new.published_at.year))
    # Ids are unique, as Word requires to step from one change to the next.
    ids = [r.get(f"{W}id") for r in body.iter(f"{W}ins", f"{W}del")]
    assert len(ids) == len(set(ids))
    # Accepting every change gives the new version's wording.
    accepted = [_accepted(p) for p in document.paragraphs]
    assert "1. To prevent cybercrime." in accepted and "Terms." in accepted


def test_a_missing_version_number_says_what_to_give(client, versions):
    response = client.get("/api/negotiations/test-ahc/compare?from=x&to=1")
    assert response.status_code == 400
    assert "?from=1&to=2" in response.json()["detail"]
