"""Red lines and statements stay on the paragraphs they were made on, whatever their numbers
later; pages name those paragraphs as readers cite them, and take them from a picker."""

import html
import re

import pytest

from plenary.advocacy.models import Reassessment, RedLine, Statement
from plenary.advocacy.services.statements import open_for_signature, publish_statement
from plenary.outbox.events import drain
from plenary.text.services.versions import import_version
from tests.advocacy.factories import (
    ZERO_DRAFT,
    join,
    make_coalition,
    make_red_line,
    make_statement,
    paragraphs,
    publish,
)
from tests.factories import token_for

# A new Article 2 pushes Safeguards to Article 3: art_2__para_2 ("shall protect security
# research") becomes art_3__para_2, its wording unchanged, and art_2__para_2 now names a
# paragraph of the new article, with other words.
RENUMBERED = [
    *ZERO_DRAFT[:3],
    "Article 2. Definitions",
    "1. Terms have the meaning given here.",
    "2. Each State Party shall define its terms.",
    "Article 3. Safeguards",
    *ZERO_DRAFT[4:],
]
REWORDED = [*RENUMBERED[:-1], "2. Each State Party may protect security research."]


@pytest.fixture
def zero(world):
    return publish(world)


def test_a_red_line_is_not_flagged_when_a_version_only_renumbers_its_paragraph(world, zero):
    red_line = make_red_line(world, make_coalition(world))  # on art_2__para_2
    (research,) = red_line.provisions.all()
    publish(world, RENUMBERED, label="Renumbered draft", day=2)
    drain()
    assert not Reassessment.objects.exists()
    assert paragraphs(world, ["art_3__para_2"]) == [research]


def test_a_red_line_is_flagged_when_its_paragraphs_wording_changes_and_shown_by_its_new_number(
    world, zero, client
):
    red_line = make_red_line(world, make_coalition(world))
    (research,) = red_line.provisions.all()
    renumbered = publish(world, RENUMBERED, label="Renumbered draft", day=2)
    revised = publish(world, REWORDED, label="Revised draft", day=3)
    drain()
    flag = Reassessment.objects.get(red_line=red_line)
    assert (flag.version, flag.previous) == (revised, renumbered)
    (change,) = flag.changes
    assert (change["provision"], change["eid"]) == (research.pk, "art_3__para_2")
    assert {"op": "delete", "text": "shall"} in change["runs"]
    assert {"op": "insert", "text": "may"} in change["runs"]

    page = html.unescape(client.get(f"/n/test-ahc/red-lines/{red_line.pk}/").content.decode())
    listed = page[page.index('id="red-line-paragraphs"') :]
    assert (
        f'<a href="/n/test-ahc/versions/{revised.pk}/p/art_3__para_2/">'
        "Art. 3(2) — Safeguards</a>" in listed
    )
    flagged = page[page.index(f'id="reflag-{flag.pk}"') :]
    assert "<strong>Art. 3(2) — Safeguards</strong>" in flagged
    assert "Art. 2(2)" not in page
    data = client.get(f"/api/negotiations/test-ahc/red-lines/{red_line.pk}").json()
    assert (data["provisions"], data["eids"]) == ([research.pk], ["art_3__para_2"])


def test_a_statement_keeps_its_paragraph_after_renumbering_and_shows_its_new_number(
    world, zero, client
):
    statement = make_statement(world, make_coalition(world), eids=["art_2__para_2"])
    (research,) = statement.provisions.all()
    open_for_signature(statement, by=world.actors.stakeholder)
    publish_statement(statement, by=world.actors.stakeholder)
    renumbered = publish(world, RENUMBERED, label="Renumbered draft", day=2)

    page = html.unescape(client.get(f"/n/test-ahc/statements/{statement.pk}/").content.decode())
    addressed = page[page.index('id="statement-paragraphs"') :]
    assert "Art. 3(2) — Safeguards" in addressed and "Art. 2(2)" not in addressed
    data = client.get(f"/api/negotiations/test-ahc/statements/{statement.pk}").json()
    assert (data["provisions"], data["eids"]) == ([research.pk], ["art_3__para_2"])
    # It shows on its paragraph's page under the new number, not on the paragraph that now has
    # the old one.
    pages = f"/n/test-ahc/versions/{renumbered.pk}/p"
    assert statement.title in client.get(f"{pages}/art_3__para_2/").content.decode()
    assert statement.title not in client.get(f"{pages}/art_2__para_2/").content.decode()


def picker_options(page: str, field_id: str) -> dict[str, str]:
    select = re.search(
        rf'<select name="provisions"[^>]*\bid="{field_id}"[^>]*>(.*?)</select>', page, re.S
    )
    assert select, f"no {field_id} picker on the page"
    return {
        value: html.unescape(text)
        for value, text in re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select[1])
    }


def test_the_coalition_page_offers_the_published_paragraphs_by_name_and_takes_them(
    world, zero, client
):
    coalition = make_coalition(world)
    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=[*ZERO_DRAFT, "Article 3. New", "1. Only in the informal draft."],
        label="Informal",
        date=zero.date,
    )
    research, informal = paragraphs(world, ["art_2__para_2", "art_3__para_1"])
    # A delegation in the coalition sees the informal draft.
    join(coalition, world.delegate, by=world.stakeholder)
    client.force_login(world.delegate)
    page = client.get(f"/n/test-ahc/coalitions/{coalition.slug}/").content.decode()
    offered = picker_options(page, "id_red-line-provisions")
    # A public coalition's red lines are public: the picker offers the published text only.
    assert offered[str(research.pk)].startswith("Art. 2(2): Each State Party shall protect")
    assert str(informal.pk) not in offered
    assert picker_options(page, "id_provisions").keys() == offered.keys()

    base = f"/n/test-ahc/coalitions/{coalition.slug}"
    made = client.post(
        f"{base}/red-lines/",
        {"title": "Research", "criterion": "Protect it.", "provisions": [str(research.pk)]},
    )
    assert made.status_code == 302
    assert list(RedLine.objects.get(title="Research").provisions.all()) == [research]
    refused = client.post(
        f"{base}/red-lines/",
        {"title": "Secret", "criterion": "No.", "provisions": [str(informal.pk)]},
    )
    assert refused.status_code == 400
    assert "latest published version" in refused.content.decode()
    assert not RedLine.objects.filter(title="Secret").exists()
    for junk in ("art_9__para_9", "99999999999999999999"):
        refused = client.post(
            f"{base}/statements/",
            {"kind": "open_letter", "title": "Junk", "text": "We write.", "provisions": [junk]},
        )
        # Only what the picker offers is taken.
        assert refused.status_code == 400 and "valid choice" in refused.content.decode()
    assert not Statement.objects.filter(title="Junk").exists()
    drafted = client.post(
        f"{base}/statements/",
        {
            "kind": "open_letter",
            "title": "Letter",
            "text": "We write.",
            "provisions": [str(research.pk)],
        },
    )
    assert drafted.status_code == 302
    assert list(Statement.objects.get(title="Letter").provisions.all()) == [research]


def test_the_api_takes_provisions_by_id_and_answers_with_ids_and_eids(world, zero, client):
    make_coalition(world)
    (research,) = paragraphs(world, ["art_2__para_2"])
    made = client.post(
        "/api/negotiations/test-ahc/coalitions/human-rights-caucus/red-lines",
        {"title": "Research", "criterion": "Protect it.", "provisions": [research.pk]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.stakeholder)}"},
    )
    assert made.status_code == 201
    assert (made.json()["provisions"], made.json()["eids"]) == ([research.pk], ["art_2__para_2"])
    none = client.post(
        "/api/negotiations/test-ahc/coalitions/human-rights-caucus/red-lines",
        {"title": "Nothing", "criterion": "Protect it."},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.stakeholder)}"},
    )
    assert none.status_code == 400 and "at least one paragraph" in none.json()["detail"]
