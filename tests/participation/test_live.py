"""The live room: watchers of an agenda item hear when the floor changes; closed rooms refuse
stakeholders and the public."""

import asyncio
import datetime
import html
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from plenary.participation.live import room_message
from plenary.participation.routing import websocket_urlpatterns
from plenary.participation.services.floor import close_item, open_item, put_under_discussion
from plenary.participation.services.speakers import call_next_speaker, request_floor
from plenary.text.provisions import outline_of
from tests.participation.factories import (
    make_agenda_item,
    make_upcoming_session,
    parts,
    publish_text,
)

pytestmark = pytest.mark.django_db(transaction=True)


def room(item) -> str:
    return f"/ws/n/test-ahc/sessions/{item.session_id}/items/{item.pk}/"


def run(scenario) -> None:
    """Run an async scenario in its own thread: the browser tests keep an event loop running in
    the main thread, where asyncio.run() is refused."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario()).result()


class Watcher(ApplicationCommunicator):
    """A WebSocket client speaking ASGI to the application (channels' own communicator needs
    daphne, which Plenary does not use)."""

    def __init__(self, application, path: str, user=None, headers=()):
        path, _sep, query = path.partition("?")
        scope = {
            "type": "websocket",
            "path": path,
            "query_string": query.encode(),
            "headers": list(headers),
            "subprotocols": [],
        }
        if user is not None:
            scope["user"] = user
        super().__init__(application, scope)

    async def connect(self):
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output(timeout=2)
        return answer["type"] == "websocket.accept", answer.get("code")

    async def receive_json(self, timeout: float = 2):
        message = await self.receive_output(timeout=timeout)
        assert message["type"] == "websocket.send"
        return json.loads(message["text"])

    async def disconnect(self):
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(timeout=1)


async def watch(item, user):
    watcher = Watcher(URLRouter(websocket_urlpatterns), room(item), user=user)
    connected, code = await watcher.connect()
    return watcher, connected, code


def test_it_tells_the_public_who_has_the_floor_without_a_reload(world):
    item = make_agenda_item(make_upcoming_session(world.negotiation))
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)

    async def scenario():
        communicator, connected, _code = await watch(item, AnonymousUser())
        assert connected
        first = await communicator.receive_json()
        assert first["floor"] is None
        assert [s["speaker"] for s in first["speakers"]] == ["Brazil"]
        await database_sync_to_async(call_next_speaker)(item, by=world.actors.chair)
        update = await communicator.receive_json()
        assert update["floor"] == "Brazil"
        assert update["speakers"][0]["status"] == "speaking"
        # What the watcher's timer needs, and the room as shown: no request to make.
        assert update["limit"] == 180
        assert datetime.datetime.fromisoformat(update["called_at"]) <= timezone.now()
        assert '<p class="lead speaker-now">Brazil</p>' in update["html"]
        assert 'data-limit="180"' in update["html"] and "<html" not in update["html"]
        await communicator.disconnect()

    run(scenario)


def test_it_shows_watchers_the_item_opened_the_paragraph_under_discussion_and_closed(world):
    zero = publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_7"])
    (paragraph,) = parts(world.negotiation, ["art_7__para_2"])
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)

    async def scenario():
        watcher, connected, _code = await watch(item, AnonymousUser())
        assert connected
        assert (await watcher.receive_json())["status"] == "not_opened"
        await database_sync_to_async(open_item)(item, by=world.actors.chair)
        opened = await watcher.receive_json()
        assert (opened["status"], opened["under_discussion"]) == ("open", None)
        assert "under discussion" in opened["html"]
        await database_sync_to_async(put_under_discussion)(
            item, by=world.actors.chair, provision=paragraph
        )
        named = await watcher.receive_json()
        assert named["under_discussion"] == {
            "provision": paragraph.pk,
            "eid": "art_7__para_2",
            "label": "Art. 7(2) — Illegal access",
            "text": "A State Party may require dishonest intent.",
            "url": f"/n/test-ahc/versions/{zero.pk}/p/art_7__para_2/",
        }
        assert "A State Party may require dishonest intent." in named["html"]
        assert "Art. 7(2) — Illegal access" in named["html"]
        await database_sync_to_async(call_next_speaker)(item, by=world.actors.chair)
        assert (await watcher.receive_json())["floor"] == "Brazil"
        await database_sync_to_async(close_item)(item, by=world.actors.chair)
        closed = await watcher.receive_json()
        assert (closed["status"], closed["floor"], closed["under_discussion"]) == (
            "closed",
            None,
            None,
        )
        assert closed["speakers"][0]["status"] == "spoke"
        await watcher.disconnect()

    run(scenario)


def test_it_sends_each_watcher_the_room_in_the_language_of_their_page(world):
    zero = publish_text(world)
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_7"])
    (paragraph,) = parts(world.negotiation, ["art_7__para_2"])
    open_item(item, by=world.actors.chair)
    put_under_discussion(item, by=world.actors.chair, provision=paragraph)
    named = {}
    for language in ("fr", "en"):
        with translation.override(language):
            named[language] = outline_of(zero).label(paragraph.pk)

    async def scenario():
        french = Watcher(
            URLRouter(websocket_urlpatterns), room(item) + "?lang=fr", user=AnonymousUser()
        )
        english, connected, _code = await watch(item, AnonymousUser())
        assert (await french.connect())[0] and connected
        in_french = (await french.receive_json())["html"]
        in_english = (await english.receive_json())["html"]
        assert "A la parole" in in_french and "Has the floor" in in_english
        # The paragraph under discussion is named in each watcher's language too.
        assert html.escape(named["fr"]) in in_french
        assert html.escape(named["en"]) in in_english
        await database_sync_to_async(request_floor)(
            item, by=world.actors.delegate, delegation=world.brazil
        )
        assert "Personne n\u2019a la parole." in (await french.receive_json())["html"]
        assert "Nobody has the floor." in (await english.receive_json())["html"]
        await french.disconnect()
        await english.disconnect()

    run(scenario)


ROLES = ("anon", "stakeholder", "delegate", "secretariat", "chair")
WATCHES = {
    "open": dict.fromkeys(ROLES, True),
    "closed": {"anon": False, "stakeholder": False} | dict.fromkeys(ROLES[2:], True),
    # An item of the open session, asked for through the closed session's address, or the
    # reverse: no role reaches an item through a session it does not belong to.
    "open item through the closed session": dict.fromkeys(ROLES, False),
    "closed item through the open session": dict.fromkeys(ROLES, False),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("room_kind", list(WATCHES))
def test_the_socket_permission_matrix_holds(world, role, room_kind):
    open_item_ = make_agenda_item(make_upcoming_session(world.negotiation))
    closed_item = make_agenda_item(
        make_upcoming_session(world.negotiation, kind="informal", number=None, openness="closed")
    )
    path = {
        "open": room(open_item_),
        "closed": room(closed_item),
        "open item through the closed session": (
            f"/ws/n/test-ahc/sessions/{closed_item.session_id}/items/{open_item_.pk}/"
        ),
        "closed item through the open session": (
            f"/ws/n/test-ahc/sessions/{open_item_.session_id}/items/{closed_item.pk}/"
        ),
    }[room_kind]
    user = {
        "anon": AnonymousUser(),
        "stakeholder": world.stakeholder,
        "delegate": world.delegate,
        "secretariat": world.secretariat,
        "chair": world.chair,
    }[role]

    async def scenario():
        watcher = Watcher(URLRouter(websocket_urlpatterns), path, user=user)
        connected, code = await watcher.connect()
        assert connected == WATCHES[room_kind][role]
        if connected:
            assert "speakers" in await watcher.receive_json()
            await watcher.disconnect()
        else:
            assert code == 4404

    run(scenario)


def test_it_serves_the_room_from_the_asgi_application(world):
    from plenary.asgi import application

    item = make_agenda_item(make_upcoming_session(world.negotiation))

    async def scenario():
        communicator = Watcher(
            application,
            room(item),
            headers=[(b"host", b"testserver"), (b"origin", b"http://testserver")],
        )
        connected, _code = await communicator.connect()
        assert connected
        assert (await communicator.receive_json())["speakers"] == []
        await communicator.disconnect()

    run(scenario)


def test_watchers_connecting_get_the_room_rendered_once_per_state_of_the_record(world):
    """A thousand watchers connecting when a session opens cost one rendering per language, and
    the first one to connect after a change gets the changed room."""
    item = make_agenda_item(make_upcoming_session(world.negotiation))
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    first = room_message(item, "fr")
    with CaptureQueriesContext(connection) as queries:
        assert room_message(item, "fr") == first
    assert len(queries) == 1, [q["sql"] for q in queries.captured_queries]  # the record's state
    assert json.loads(first)["floor"] is None
    assert room_message(item, "es") != first  # each language its own

    call_next_speaker(item, by=world.actors.chair)

    async def scenario():
        communicator, connected, _code = await watch(item, AnonymousUser())
        assert connected
        after = await communicator.receive_json()
        assert after["floor"] == "Brazil" and 'speaker-now">Brazil<' in after["html"]
        await communicator.disconnect()

    run(scenario)
