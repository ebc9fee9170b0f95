"""Several app servers, one database, Redis: a watcher connected to one app server hears what the
chair did through another, because the room's messages travel through Redis; a public page kept
by every server follows a change made through any of them.

Real processes on loopback: a redis-server and two uvicorn app servers sharing the PostgreSQL
test database; the watcher is a WebSocket client, the chair a program with an API token."""

import asyncio
import http.client
import json
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

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
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    request_floor(item, by=world.actors.other_delegate, delegation=world.kenya)
    token = f.token_for(world.chair)
    session, pk = item.session_id, item.pk
    room = f"/ws/n/test-ahc/sessions/{session}/items/{pk}/"
    call_next = f"/api/negotiations/test-ahc/sessions/{session}/agenda/{pk}/speakers/next"
    speakers = f"/n/test-ahc/sessions/{session}/items/{pk}/speakers/"

    async def scenario(a: int, b: int) -> None:
        async with websockets.connect(
            f"ws://127.0.0.1:{b}{room}", origin=f"http://127.0.0.1:{b}", open_timeout=20
        ) as watcher:
            first = json.loads(await asyncio.wait_for(watcher.recv(), 20))
            assert first["floor"] is None
            for port in (a, b, a, b):  # computed once, then kept, on both
                status, cache_control, body = await asyncio.to_thread(get, port, speakers)
                assert status == 200 and "public" in cache_control and first["html"] in body
            assert [s["speaker"] for s in first["speakers"]] == ["Brazil", "Kenya"]

            status, _speakers = await asyncio.to_thread(
                post, f"http://127.0.0.1:{a}{call_next}", token=token
            )
            assert status == 200
            update = json.loads(await asyncio.wait_for(watcher.recv(), 10))
            assert update["floor"] == "Brazil"
            assert [s["status"] for s in update["speakers"]] == ["speaking", "waiting"]
            # The speakers' list, kept by both servers before the call, shows the room as the
            # chair's server rendered it for the watchers.
            _status, _cache_control, body = await asyncio.to_thread(get, b, speakers)
            assert update["html"] in body and first["html"] not in body

    with redis_server() as redis_url:
        env = server_env(DATABASE_URL=database_url(), REDIS_URL=redis_url)
        with app_server(env) as (a, _pid_a), app_server(env) as (b, _pid_b):
            assert a != b
            # In a thread of its own: the browser tests keep an event loop in the main thread.
            with ThreadPoolExecutor(max_workers=1) as pool:
                pool.submit(asyncio.run, scenario(a, b)).result()


def get(port: int, path: str) -> tuple[int, str, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read().decode()
    connection.close()
    return response.status, response.getheader("Cache-Control") or "", body


def test_a_page_kept_by_every_server_follows_a_change_made_through_another(world):
    token = f.token_for(world.secretariat)
    page = "/n/test-ahc/"
    new_session = {
        "kind": "substantive",
        "number": 12,
        "title": "Twelfth session",
        "start": "2030-01-08",
        "end": "2030-01-19",
        "city": "Vienna",
        "mode": "in_person",
        "openness": "open",
        "illustrative": True,
    }
    with redis_server() as redis_url:
        env = server_env(DATABASE_URL=database_url(), REDIS_URL=redis_url)
        with app_server(env) as (a, _pid_a), app_server(env) as (b, _pid_b):
            for port in (a, b, a, b):  # computed once, then kept, on both
                status, cache_control, body = get(port, page)
                assert status == 200 and "public" in cache_control
                assert "Twelfth session" not in body
            created = json_post(
                f"http://127.0.0.1:{b}/api/negotiations/test-ahc/sessions", token, new_session
            )
            assert created == 201
            # Server a learns of the change from PostgreSQL, as soon as it is committed.
            deadline = time.monotonic() + 5
            while "Twelfth session" not in get(a, page)[2]:
                assert time.monotonic() < deadline, "server a still shows the page of before"
                time.sleep(0.05)
            assert "Twelfth session" in get(b, page)[2]


def json_post(url: str, token: str, data: dict) -> int:
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL we built)
        url,
        method="POST",
        data=json.dumps(data).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return response.status
