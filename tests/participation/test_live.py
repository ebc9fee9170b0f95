"""The live room: watchers of an agenda item hear when the floor changes; closed rooms refuse
stakeholders and the public."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.routing import URLRouter
from django.contrib.auth.models import AnonymousUser

from plenary.participation.routing import websocket_urlpatterns
from plenary.participation.services.speakers import call_next_speaker, request_floor
from tests.participation.factories import make_agenda_item, make_upcoming_session

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
        scope = {"type": "websocket", "path": path, "headers": list(headers), "subprotocols": []}
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
    request_floor(item, by=world.delegate, delegation=world.brazil)

    async def scenario():
        communicator, connected, _code = await watch(item, AnonymousUser())
        assert connected
        first = await communicator.receive_json()
        assert first["floor"] is None
        assert [s["speaker"] for s in first["speakers"]] == ["Brazil"]
        await database_sync_to_async(call_next_speaker)(item, by=world.chair)
        update = await communicator.receive_json()
        assert update["floor"] == "Brazil"
        assert update["speakers"][0]["status"] == "speaking"
        await communicator.disconnect()

    run(scenario)


def test_it_refuses_stakeholders_and_the_public_in_a_closed_room(world):
    closed = make_agenda_item(
        make_upcoming_session(world.negotiation, kind="informal", number=None, openness="closed")
    )

    async def scenario():
        for user in (AnonymousUser(), world.stakeholder):
            communicator, connected, code = await watch(closed, user)
            assert not connected
            assert code == 4404
        communicator, connected, _code = await watch(closed, world.delegate)
        assert connected
        await communicator.disconnect()

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
