"""Kept public pages served by the app server itself, before Django's request handling
(page_cache.ServeKeptPages): over real HTTP, with the same headers as a computed page, 304s, a
page per language, and the change itself making them new."""

import http.client
import json

import pytest

from tests.live.servers import app_server, prepare_sqlite, server_env

PAGE = "/n/cybercrime-ahc/"
SECRETARIAT = """
from plenary.process.models import Role, User
from plenary.process.services.people import issue_api_token
print(issue_api_token(User.objects.create(username="bench-secretariat", role=Role.SECRETARIAT)))
"""
SECURITY = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Vary")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    database = tmp_path_factory.mktemp("kept") / "plenary.sqlite3"
    token = prepare_sqlite(database, SECRETARIAT).strip()
    with app_server(server_env(DATABASE_URL=f"sqlite:///{database}")) as (port, _pid):
        yield port, token


def request(port: int, method: str, path: str, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_a_kept_page_is_served_with_the_headers_of_a_computed_one(server):
    port, _token = server
    computed = request(port, "GET", PAGE)
    kept = request(port, "GET", PAGE)
    assert computed.status == kept.status == 200 and kept.body == computed.body
    for name in (*SECURITY, "ETag", "Last-Modified", "Cache-Control", "Content-Language"):
        assert kept.getheader(name) == computed.getheader(name), name
    assert "public" in kept.getheader("Cache-Control")
    again = request(port, "GET", PAGE, {"If-None-Match": kept.getheader("ETag")})
    assert again.status == 304 and again.body == b""


def test_each_language_is_kept_apart(server):
    port, _token = server
    for _ in range(2):
        french = request(port, "GET", PAGE, {"Accept-Language": "fr"})
        english = request(port, "GET", PAGE, {"Accept-Language": "en"})
        assert b'lang="fr"' in french.body and b'lang="en"' in english.body


def test_the_change_itself_makes_the_kept_page_new(server):
    port, token = server
    request(port, "GET", PAGE)
    assert b"Resumed concluding session" not in request(port, "GET", PAGE).body
    created = request(
        port,
        "POST",
        "/api/negotiations/cybercrime-ahc/sessions",
        {"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        json.dumps(
            {
                "kind": "substantive",
                "number": 99,
                "title": "Resumed concluding session",
                "start": "2030-01-08",
                "end": "2030-01-19",
                "city": "Vienna",
                "mode": "in_person",
                "openness": "open",
                "illustrative": True,
            }
        ),
    )
    assert created.status == 201, created.body
    assert b"Resumed concluding session" in request(port, "GET", PAGE).body


def test_a_request_with_a_session_is_never_given_a_kept_page(server):
    port, _token = server
    request(port, "GET", PAGE)
    theirs = request(port, "GET", PAGE, {"Cookie": "sessionid=an-expired-session"})
    assert theirs.status == 200 and "private" in theirs.getheader("Cache-Control")
