"""The database going away: pages answer a clear 503 page and the API a JSON 503, with no
stack trace and no detail of the fault; when the database is back, so is the app."""

import json

import pytest
from django.db import connection

from tests import factories as f
from tests.resilience.faults import AppServer, CuttableLink

LEAKS = ("Traceback", "OperationalError", "InterfaceError", "psycopg", "sqlite", "127.0.0.1")


def assert_unavailable(server: AppServer) -> None:
    status, headers, page = server.get("/")
    assert status == 503, page
    assert "Plenary is briefly unavailable" in page and 'href="/static/plenary.css"' in page
    assert headers["Retry-After"] == "30"
    status, headers, body = server.get("/api/negotiations")
    assert status == 503 and headers["Content-Type"] == "application/json"
    assert json.loads(body) == {
        "detail": "The record is briefly unavailable; nothing was saved. Try again in a minute."
    }
    assert not any(leak in page + body for leak in LEAKS)


def test_a_missing_sqlite_database_is_a_503_not_a_stack_trace(tmp_path):
    with AppServer(f"sqlite:///{tmp_path}/unmounted/plenary.sqlite3") as server:
        assert_unavailable(server)
        assert "Database unavailable: GET /api/negotiations" in server.errors()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="cuts the network link to a PostgreSQL server; SQLite has no server to lose",
)
def test_the_app_answers_503_while_postgresql_is_unreachable_and_recovers(transactional_db):
    f.make_negotiation(slug="test-ahc", title="Ad Hoc Committee on cybercrime")
    db = connection.settings_dict
    link = CuttableLink(db["HOST"] or "127.0.0.1", int(db["PORT"]))
    link.restore()
    url = f"postgres://{db['USER']}@127.0.0.1:{link.port}/{db['NAME']}"
    # The server's pool holds connections open when the link is cut.
    with AppServer(url) as server:
        status, _, body = server.get("/api/negotiations")
        assert status == 200 and json.loads(body)[0]["slug"] == "test-ahc"

        link.cut()
        assert_unavailable(server)
        assert_unavailable(server)  # new connections are refused too

        link.restore()
        status, _, body = server.get("/api/negotiations")
        assert status == 200 and json.loads(body)[0]["slug"] == "test-ahc"
        status, _, page = server.get("/n/test-ahc/")
        assert status == 200 and "Ad Hoc Committee on cybercrime" in page
    link.cut()
