"""The pages: agenda, speakers list, the chair's view, participants (CSV, badges)."""

import csv
import html
import io
import re

import pytest
from django.utils import timezone

from plenary.participation.models import FloorStatus, Registration
from plenary.participation.services.floor import open_item, put_under_discussion
from plenary.participation.services.interventions import publish_statement
from tests.participation.factories import (
    TEXT,
    accredit,
    make_agenda_item,
    make_speaker,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db


def under_discussion_choices(page: str) -> list[tuple[str, str]]:
    """The options of the chair's "paragraph under discussion" list, as (value, text)."""
    select = re.search(r'<select name="provision"[^>]*>(.*?)</select>', page, re.S)
    assert select, "no paragraph-under-discussion list on the page"
    return [
        (value, html.unescape(text))
        for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select[1])
    ]


@pytest.fixture
def item(world):
    return make_agenda_item(make_upcoming_session(world.negotiation), title="Criminalization")


def speakers_url(item):
    return f"/n/test-ahc/sessions/{item.session_id}/items/{item.pk}/speakers/"


def test_it_shows_the_speakers_list_to_the_public_with_who_has_the_floor(client, world, item):
    make_speaker(
        item, delegation=world.brazil, status=FloorStatus.SPEAKING, called_at=timezone.now()
    )
    make_speaker(item, delegation=world.kenya)
    page = client.get(speakers_url(item)).content.decode()
    assert "Has the floor" in page
    assert page.index("Brazil") < page.index("Kenya")
    assert 'class="timer"' in page
    # The live room: a socket address in the page's language, from static scripts only.
    room = f"/ws/n/test-ahc/sessions/{item.session_id}/items/{item.pk}/?lang=en"
    assert f'data-socket="{room}"' in page
    assert "floor-live.js" in page and "<script>" not in page
    fragment = client.get(speakers_url(item) + "?part=live").content.decode()
    assert "<html" not in fragment and "Has the floor" in fragment and "Kenya" in fragment


def test_it_lets_a_delegate_ask_for_the_floor_from_the_page(client, world, item):
    client.force_login(world.other_delegate)
    response = client.post(speakers_url(item) + "request/", {"on_behalf_of": "african-group"})
    assert response.status_code == 302
    assert item.speakers.get().speaker_label == "Kenya (on behalf of African Group)"


def test_it_lets_the_chair_reorder_and_call_without_javascript(client, world, item):
    brazil = make_speaker(item, delegation=world.brazil)
    kenya = make_speaker(item, delegation=world.kenya)
    client.force_login(world.chair)
    chair_url = speakers_url(item) + "chair/"
    page = client.get(chair_url).content.decode()
    assert "floor-timer.js" in page and "<script>" not in page
    client.post(
        speakers_url(item) + "reorder/", {f"place-{brazil.pk}": "2", f"place-{kenya.pk}": "1"}
    )
    client.post(speakers_url(item) + "next/")
    kenya.refresh_from_db()
    assert kenya.status == FloorStatus.SPEAKING
    page = client.get(speakers_url(item)).content.decode()
    assert "order set by the chair" in page
    assert "Order changed by the chair (chair)" in page
    assert "Brazil, Kenya → Kenya, Brazil" in page


def test_it_exports_the_participants_as_csv_for_the_secretariat(client, world, item):
    accredit(world.negotiation, world.organization)
    Registration.objects.create(
        session=item.session,
        name="=HYPERLINK()",
        attendance="in_person",
        organization=world.organization,
        registered_at=timezone.now(),
    )
    Registration.objects.create(
        session=item.session,
        name="Ana Souza",
        function="Head of delegation",
        attendance="remote",
        delegation=world.brazil,
        registered_at=timezone.now(),
    )
    client.force_login(world.secretariat)
    base = f"/n/test-ahc/sessions/{item.session_id}"
    rows = list(csv.reader(io.StringIO(client.get(f"{base}/participants.csv").content.decode())))
    assert rows[0][:5] == ["name", "function", "delegation", "organization", "attendance"]
    assert rows[1][:5] == ["Ana Souza", "Head of delegation", "Brazil", "", "remote"]
    assert rows[2][0] == "'=HYPERLINK()"
    badges = client.get(f"{base}/badges/").content.decode()
    assert "=HYPERLINK()" in badges and "Ana Souza" not in badges  # in person only


def test_it_shows_published_statements_on_the_paragraph_page(client, world):
    from plenary.text.services.versions import import_version

    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=["Article 1. Purposes", "1. To combat cybercrime.", "2. To cooperate."],
        label="Zero draft",
        date=timezone.now().date(),
        published=True,
    )
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_1"])
    entry = make_speaker(item, delegation=world.brazil, status=FloorStatus.SPOKE)
    publish_statement(entry, by=world.actors.delegate, text="Brazil supports paragraph 1.")
    chapter_item = make_agenda_item(item.session, eids=["chp_1"])
    kenya = make_speaker(chapter_item, delegation=world.kenya, status=FloorStatus.SPOKE)
    publish_statement(kenya, by=world.actors.secretariat, text="Kenya on the whole chapter.")
    client.force_login(world.other_delegate)
    (paragraph,) = parts(world.negotiation, ["art_1__para_1"])
    page = client.get(f"/n/test-ahc/draft/p/{paragraph.pk}/").content.decode()
    assert "Brazil supports paragraph 1." in page
    assert "Kenya on the whole chapter." in page


def test_it_shows_the_agenda_with_its_arrangements_and_a_registration_form(client, world, item):
    client.force_login(world.delegate)
    page = client.get(f"/n/test-ahc/sessions/{item.session_id}/agenda/").content.decode()
    assert f"{item.number}. Criminalization" in page
    assert "at least 48 hours before the meeting" in page
    assert "member states 3:00" in page
    assert "Register for this session" in page
    session_page = client.get(f"/n/test-ahc/sessions/{item.session_id}/").content.decode()
    assert f"/n/test-ahc/sessions/{item.session_id}/agenda/" in session_page


def test_it_gives_the_chair_the_controls_of_the_floor(client, world, item):
    publish_text(world)
    item.provisions.set(parts(world.negotiation, ["art_7"]))
    first, second = parts(world.negotiation, ["art_7__para_1", "art_7__para_2"])
    make_speaker(item, delegation=world.brazil)
    client.force_login(world.chair)
    chair = f"/n/test-ahc/sessions/{item.session_id}/items/{item.pk}"
    assert "Open the item" in client.get(f"{chair}/speakers/chair/").content.decode()
    assert client.post(f"{chair}/open/").status_code == 302
    page = client.get(f"{chair}/speakers/chair/").content.decode()
    assert "Close the item" in page and "Paragraph under discussion" in page
    # The chair chooses among the item's paragraphs, named as readers cite them.
    assert under_discussion_choices(page) == [
        ("", "none"),
        (
            str(first.pk),
            "Art. 7(1): Each State Party shall establish access without right as an offence.",
        ),
        (str(second.pk), "Art. 7(2): A State Party may require dishonest intent."),
    ]
    for junk in ("art_9__para_9", "99999999999999999999", "<b>"):
        refused = client.post(f"{chair}/under-discussion/", {"provision": junk})
        assert refused.status_code == 400, junk
        assert "valid choice" in refused.content.decode()
    item.refresh_from_db()
    assert item.under_discussion is None
    chosen = client.post(f"{chair}/under-discussion/", {"provision": str(second.pk)})
    assert chosen.status_code == 302
    item.refresh_from_db()
    assert item.under_discussion == second
    public = client.get(speakers_url(item)).content.decode()
    assert "Under discussion:" in public and "A State Party may require dishonest intent." in public
    assert "Art. 7(2) — Illegal access" in public
    assert "Withdraw Brazil" in client.get(f"{chair}/speakers/chair/").content.decode()


def test_it_lets_a_delegate_withdraw_their_request_from_the_page(client, world, item):
    entry = make_speaker(item, delegation=world.brazil)
    client.force_login(world.delegate)
    page = client.get(speakers_url(item)).content.decode()
    assert "Withdraw the request of Brazil" in page
    response = client.post(speakers_url(item) + f"{entry.pk}/withdraw/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == FloorStatus.WITHDRAWN


def test_it_links_the_agenda_to_the_paragraphs_in_the_latest_text(client, world, item):
    publish_text(world)
    item.provisions.set(parts(world.negotiation, ["chp_2", "art_7__para_1", "art_8__para_1"]))
    # The revised draft drops Article 8.
    revised = publish_text(world, lines=TEXT[:-2], label="Revised draft")
    page = client.get(f"/n/test-ahc/sessions/{item.session_id}/agenda/").content.decode()
    assert (
        f'<a href="/n/test-ahc/versions/{revised.pk}/p/art_7__para_1/">'
        "Art. 7(1) — Illegal access</a>"
    ) in page
    assert "Chapter II — Criminalization" in page
    # A part the text no longer has stays named as it was, without a link to nowhere.
    assert "Art. 8(1) — Illegal interception (deleted)" in page
    assert "art_8__para_1/" not in page


def test_an_item_keeps_its_paragraph_when_the_text_is_renumbered(client, world, item):
    publish_text(world)
    (access,) = parts(world.negotiation, ["art_7__para_2"])
    item.provisions.set([access])
    open_item(item, by=world.actors.chair)
    put_under_discussion(item, by=world.actors.chair, provision=access)
    # A new Article 7 pushes Illegal access to Article 8; art_7__para_2 now names a paragraph
    # of the new article.
    renumbered = publish_text(
        world,
        lines=[
            *TEXT[:5],
            "Article 7. Definitions",
            "1. Terms have the meaning given here.",
            "2. Each State Party shall define its terms.",
            "Article 8. Illegal access",
            *TEXT[6:8],
            "Article 9. Illegal interception",
            TEXT[9],
        ],
        label="Renumbered draft",
    )
    assert parts(world.negotiation, ["art_8__para_2"]) == [access]
    agenda = html.unescape(
        client.get(f"/n/test-ahc/sessions/{item.session_id}/agenda/").content.decode()
    )
    assert (
        f'<a href="/n/test-ahc/versions/{renumbered.pk}/p/art_8__para_2/">'
        "Art. 8(2) — Illegal access</a>"
    ) in agenda
    assert "Under discussion:</span> Art. 8(2) — Illegal access" in agenda
    assert "Art. 7(2)" not in agenda
    room = html.unescape(client.get(speakers_url(item)).content.decode())
    assert "Art. 8(2) — Illegal access" in room
    assert "A State Party may require dishonest intent." in room
    listed = client.get(f"/api/negotiations/test-ahc/sessions/{item.session_id}/agenda").json()
    assert {k: listed[0][k] for k in ("provisions", "eids", "under_discussion")} == {
        "provisions": [access.pk],
        "eids": ["art_8__para_2"],
        "under_discussion": "art_8__para_2",
    }
