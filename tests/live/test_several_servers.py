"""Several app servers, one database, Redis: a watcher connected to one app server hears what the
chair did through another, because the room's messages travel through Redis.

Real processes on loopback: a redis-server and two uvicorn app servers sharing the PostgreSQL
test database; the watcher is a WebSocket client, the chair a program with an API token."""

import asyncio
import json

import pytest
import websockets
from django.conf import settings
from django.db import connection

from plenary.participation.services.speakers import request_floor
from tests import factories as f
from tests.live.servers import app_server, post, redis_server, server_env
from tests.participation.factories import make_agenda_item, make_upcoming_session

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
        reason="several app servers share one PostgreSQL database; SQLite is one machine's file "
        "(scripts/test runs this in its PostgreSQL pass)",
    ),
]


def database_url() -> str:
    """The test database, as the app servers must reach it."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def test_it_tells_a_watcher_on_one_server_when_the_chair_calls_a_speaker_on_another(world):
    item = make_agenda_item(make_upcoming_session(world.negotiation))
    request_floor(item, by=world.delegate, delegation=world.brazil)
    request_floor(item, by=world.other_delegate, delegation=world.kenya)
    token = f.token_for(world.chair)
    session, pk = item.session_id, item.pk
    room = f"/ws/n/test-ahc/sessions/{session}/items/{pk}/"
    call_next = f"/api/negotiations/test-ahc/sessions/{session}/agenda/{pk}/speakers/next"

    async def scenario(a: int, b: int) -> None:
        async with websockets.connect(
            f"ws://127.0.0.1:{b}{room}", origin=f"http://127.0.0.1:{b}", open_timeout=20
        ) as watcher:
            first = json.loads(await asyncio.wait_for(watcher.recv(), 20))
            assert first["floor"] is None
            assert [s["speaker"] for s in first["speakers"]] == ["Brazil", "Kenya"]

            status, _speakers = await asyncio.to_thread(
                post, f"http://127.0.0.1:{a}{call_next}", token=token
            )
            assert status == 200
            update = json.loads(await asyncio.wait_for(watcher.recv(), 10))
            assert update["floor"] == "Brazil"
            assert [s["status"] for s in update["speakers"]] == ["speaking", "waiting"]

    with redis_server() as redis_url:
        env = server_env(DATABASE_URL=database_url(), REDIS_URL=redis_url)
        with app_server(env) as (a, _pid_a), app_server(env) as (b, _pid_b):
            assert a != b
            asyncio.run(scenario(a, b))
