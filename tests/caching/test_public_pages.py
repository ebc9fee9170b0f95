"""Public pages are served from the cache while the record is unchanged, per language and state
of the record, with ETag, Last-Modified and 304; the change itself makes them new; nothing of a
signed-in person's (closed sessions, informal drafts, their name) reaches anyone else."""

import asyncio
import datetime
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection, connections
from django.test import Client
from django.test.signals import template_rendered
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from plenary.page_cache import ServeKeptPages
from plenary.process.services.sessions import create_session
from plenary.request_threads import PooledThreadsASGIHandler
from plenary.text.services.versions import publish_version
from tests import factories as f
from tests.treaty import factories as tf

PAGE = "/n/test-ahc/"
SESSION = {
    "kind": "substantive",
    "number": 7,
    "title": "Seventh session",
    "start": datetime.date(2024, 1, 8),
    "end": datetime.date(2024, 1, 19),
    "city": "Vienna",
    "mode": "in_person",
    "openness": "open",
}


def test_a_public_page_is_served_from_the_cache_until_the_record_changes(client, world):
    first = client.get(PAGE)
    assert "public" in first["Cache-Control"] and "s-maxage=10" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(PAGE)
    # The state of the record, nothing else (on PostgreSQL, inside the test's transaction, with
    # the statements that make the test's own changes count).
    assert [q["sql"] for q in queries if "SET CONSTRAINTS" not in q["sql"]] == [
        "SELECT changes, epoch, changed_at, settled, agenda FROM audit_record_state WHERE id = 1"
    ]
    assert again.content == first.content and again["ETag"] == first["ETag"]

    create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
    changed = client.get(PAGE)
    assert "Seventh session" in changed.content.decode()
    assert "Seventh session" not in first.content.decode()
    assert changed["ETag"] != first["ETag"]


def test_a_browser_whose_copy_is_current_gets_304_and_a_new_page_after_a_change(client, world):
    first = client.get(PAGE)
    assert first["ETag"] and first["Last-Modified"]
    unchanged = client.get(PAGE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"] and "public" in unchanged["Cache-Control"]
    since = client.get(PAGE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    time.sleep(1.1)  # Last-Modified counts whole seconds
    create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
    assert client.get(PAGE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert client.get(PAGE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_each_language_has_its_own_page(client, world):
    english = client.get(PAGE).content.decode()
    french = client.get(PAGE, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    chosen = Client()
    chosen.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    spanish = chosen.get(PAGE).content.decode()
    assert 'lang="en"' in english and "Timeline" in english
    assert 'lang="fr"' in french and "Calendrier" in french
    assert 'lang="es"' in spanish
    assert 'lang="en"' in client.get(PAGE).content.decode()
    assert "Accept-Language" in client.get(PAGE)["Vary"]


def test_htmx_asks_for_the_rows_of_the_vote_and_gets_only_them(client, world):
    f.make_vote(world.negotiation, "A/RES/74/247", {world.brazil: "yes", world.kenya: "no"})
    page = client.get("/votes/A/RES/74/247/")
    rows = client.get("/votes/A/RES/74/247/", HTTP_HX_REQUEST="true")
    assert b"<html" in page.content and b"<html" not in rows.content
    assert b"Kenya" in rows.content
    assert client.get("/votes/A/RES/74/247/").content == page.content
    assert "HX-Request" in page["Vary"]


def test_a_closed_session_never_reaches_the_public_through_the_cache(client, world):
    delegate = Client()
    delegate.force_login(world.delegate)
    public = client.get(PAGE)
    assert "Closed informals" in delegate.get(PAGE).content.decode()
    assert "Closed informals" not in client.get(PAGE).content.decode()
    assert "Closed informals" not in public.content.decode()
    # A shared cache (a CDN, the proxy) keeps the public page apart from a signed-in person's.
    assert "Cookie" in public["Vary"]
    assert "private" in delegate.get(PAGE)["Cache-Control"]


def test_an_informal_draft_never_reaches_the_public_through_the_cache(client, world):
    f.make_version(world, published=False, label="Informal draft")
    delegate = Client()
    delegate.force_login(world.delegate)
    assert "Art. 1(1) — Purposes" in delegate.get("/n/test-ahc/consensus/").content.decode()
    public = client.get("/n/test-ahc/consensus/").content.decode()
    assert "Art. 1(1) — Purposes" not in public
    assert "Informal draft" not in public


def test_a_published_draft_shows_on_the_public_page_at_once(client, world):
    draft = f.make_version(world, published=False, label="Informal draft")
    assert "Art. 1(1) — Purposes" not in client.get("/n/test-ahc/consensus/").content.decode()
    publish_version(draft, by=world.actors.secretariat)
    assert "Art. 1(1) — Purposes" in client.get("/n/test-ahc/consensus/").content.decode()


def test_people_of_one_role_share_the_page_but_each_sees_their_own_name(world):
    brazil, kenya = Client(), Client()
    brazil.force_login(world.delegate)
    kenya.force_login(world.other_delegate)
    for page in (PAGE, "/n/test-ahc/delegations/", "/n/test-ahc/treaty/"):
        first = brazil.get(page).content.decode()
        second = kenya.get(page).content.decode()
        assert "delegate-br" in first and "delegate-br" not in second, page
        assert "delegate-ke" in second, page
        assert "private" in brazil.get(page)["Cache-Control"]
    assert "Closed informals" in kenya.get(PAGE).content.decode()


def test_a_signed_in_persons_page_follows_a_change_at_once(world):
    delegate = Client()
    delegate.force_login(world.delegate)
    assert "Seventh session" not in delegate.get(PAGE).content.decode()
    create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
    assert "Seventh session" in delegate.get(PAGE).content.decode()


def test_the_treaty_page_is_not_served_from_the_cache_once_its_day_has_come(
    client, world, monkeypatch
):
    treaty = tf.make_treaty(world.negotiation)
    # Forty instruments, the last of them 89 days ago: in force from tomorrow (day 90).
    last = timezone.localdate() - datetime.timedelta(days=89)
    for n, state in enumerate(tf.make_states(world.negotiation, 40)):
        tf.make_instrument(treaty, state, "accession", last - datetime.timedelta(39 - n))
    page = client.get("/n/test-ahc/treaty/")
    assert "Enters into force on" in page.content.decode()
    midnight = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=1), datetime.time(), datetime.UTC
    )
    assert int(page["Cache-Control"].split("s-maxage=")[1]) <= midnight.timestamp() - time.time()

    # A day later, with nothing recorded meanwhile.
    later = timezone.now() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    monkeypatch.setattr(time, "time", lambda: later.timestamp())
    assert "In force since" in client.get("/n/test-ahc/treaty/").content.decode()


@pytest.mark.parametrize("url", ["/accounts/login/", "/n/test-ahc/accreditation/", "/inbox/"])
def test_pages_that_are_not_public_are_private(client, world, url):
    assert "private" in client.get(url)["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_a_crowd_asking_for_a_page_after_a_change_has_it_rendered_once(world):
    """Eight people at once, right after a change: one thread renders the page, the others
    wait for it and get what it kept."""
    Client().get(PAGE)  # known to this process as a public page
    create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
    renderings = []

    def rendered(sender, template, **kwargs):
        if template.name == "process/negotiation.html":
            renderings.append(template.name)

    def person(_n):
        try:
            return Client().get(PAGE)
        finally:
            connection.close()  # each thread's own

    template_rendered.connect(rendered)
    try:
        with ThreadPoolExecutor(max_workers=8) as people:
            answers = list(people.map(person, range(8)))
    finally:
        template_rendered.disconnect(rendered)
    assert {a.status_code for a in answers} == {200}
    assert len({a["ETag"] for a in answers}) == 1
    assert "Seventh session" in answers[0].content.decode()
    assert renderings == ["process/negotiation.html"]


@pytest.mark.django_db(transaction=True)
def test_under_the_app_server_the_crowd_waits_for_the_page_outside_the_request_threads(world):
    """The same crowd under the ASGI app server (ServeKeptPages before Django's handler): one
    request goes on to Django and renders the page, the others wait for it in the event loop,
    holding none of the threads that run requests, and are served what it kept."""
    app = ServeKeptPages(PooledThreadsASGIHandler(), watch=False)
    django = app.application
    crowd = 12
    handled = []

    class Observed:
        """Django's handler, noting each request it is given; the first one that renders the
        page takes as long as the crowd takes to arrive."""

        send_response = django.send_response

        async def __call__(self, scope, receive, send):
            handled.append(scope["path"])
            if len(handled) == 1:
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline and _waiting(app) < crowd - 1:
                    await asyncio.sleep(0.01)
            await django(scope, receive, send)

    def change():
        try:
            create_session(world.negotiation, by=world.actors.secretariat, **SESSION)
        finally:
            connection.close()  # this thread's own

    async def scenario():
        first = await _asgi_get(app, PAGE)  # known to this process as a public page
        await asyncio.get_running_loop().run_in_executor(None, change)
        app.application = Observed()
        return first, await asyncio.gather(*(_asgi_get(app, PAGE) for _ in range(crowd)))

    try:
        # In a thread of its own: the browser tests' driver keeps an event loop in this one.
        with ThreadPoolExecutor(max_workers=1) as server:
            first, answers = server.submit(asyncio.run, scenario()).result()
    finally:
        _close_connections(app, django)
    assert first[0] == 200 and "Seventh session" not in first[2].decode()
    assert handled == [PAGE]
    assert {status for status, _headers, _body in answers} == {200}
    assert len({headers[b"ETag"] for _status, headers, _body in answers}) == 1
    assert all("Seventh session" in body.decode() for _status, _headers, body in answers)


def _waiting(app: ServeKeptPages) -> int:
    return sum(len(waiting) for waiting in app.rendering.values())


async def _asgi_get(app, path: str) -> tuple[int, dict[bytes, bytes], bytes]:
    """GET `path` from the ASGI application, as the app server would ask it."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asked = False

    async def receive():
        nonlocal asked
        if not asked:
            asked = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await asyncio.Event().wait()  # the person stays until answered

    messages = []

    async def send(message):
        messages.append(message)

    await app(scope, receive, send)
    start = messages[0]
    return (
        start["status"],
        dict(start["headers"]),
        b"".join(m.get("body", b"") for m in messages[1:]),
    )


def _close_connections(app: ServeKeptPages, django: PooledThreadsASGIHandler) -> None:
    """Each of the app's threads closes its database connection."""
    threads = [app.thread, *(django.threads.all if django.threads else ())]
    for thread in threads:
        thread.submit(connections.close_all).result()
        thread.shutdown()
