"""Searching the text: what each person may see, ranked on PostgreSQL."""

import datetime

from plenary.text.services.versions import import_version
from plenary.text.services.working import propose
from tests.factories import provision_at


def test_it_finds_paragraphs_of_published_versions_and_links_to_them(client, world):
    published = import_version(
        world.negotiation,
        by=world.secretariat,
        label="Zero draft",
        published=True,
        date=datetime.date(2023, 6, 1),
        lines=["Article 7. Illegal access", "1. Access to a computer system without right."],
    )
    import_version(
        world.negotiation,
        by=world.secretariat,
        label="Informal",
        date=datetime.date(2023, 7, 1),
        lines=["Article 7. Illegal access", "1. Secret access wording without right."],
    )
    body = client.get("/api/negotiations/test-ahc/search?q=access%20right").json()
    assert [(h["version_label"], h["eid"]) for h in body["paragraphs"]] == [
        ("Zero draft", "art_7__para_1")
    ]
    assert body["proposals"] == []
    page = client.get("/n/test-ahc/search/?q=computer").content.decode()
    assert f"/n/test-ahc/versions/{published.pk}/#art_7__para_1" in page


def test_the_table_also_finds_informal_drafts_and_open_proposals(client, world):
    import_version(
        world.negotiation,
        by=world.secretariat,
        label="Informal",
        date=datetime.date(2023, 7, 1),
        lines=["Article 7. Illegal access", "1. Secret access wording."],
    )
    propose(
        world.negotiation,
        by=world.delegate,
        delegation=world.brazil,
        provision=provision_at(world.negotiation, "art_7__para_1"),
        kind="replace",
        text="Unauthorized access to data.",
    )
    client.force_login(world.delegate)
    body = client.get("/api/negotiations/test-ahc/search?q=access").json()
    assert [h["version_label"] for h in body["paragraphs"]] == ["Informal"]
    assert [p["text"] for p in body["proposals"]] == ["Unauthorized access to data."]


def test_an_empty_query_finds_nothing(client, world):
    assert client.get("/api/negotiations/test-ahc/search?q=").json() == {
        "paragraphs": [],
        "proposals": [],
    }
