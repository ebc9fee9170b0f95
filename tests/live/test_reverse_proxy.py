"""The documented deployment's reverse proxy, docs/nginx.conf, run as written (only its
addresses and paths changed) in front of two app servers in production mode: nginx serves the
static files, holds public pages and answers them again without the app, passes a signed-in
person and the live room's WebSockets through, and keeps nothing of theirs."""

import asyncio
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import websockets

from tests.live.servers import (
    ROOT,
    ServerFailed,
    _wait_for_port,
    app_server,
    free_port,
    prepare_sqlite,
    server_env,
)

SITE = ROOT / "docs" / "nginx.conf"
ROOM = """
import json
from plenary.participation.models import AgendaItem
item = AgendaItem.objects.get(session__negotiation__slug="cybercrime-ahc", number=1)
print(json.dumps({"session": item.session_id, "item": item.pk}))
"""
# In production mode, so that the password is hashed as production checks it.
PERSON = (
    "from plenary.process.models import Organization, Role, User; "
    "user = User(username='ngo-reader', role=Role.STAKEHOLDER, "
    "organization=Organization.objects.first()); "
    "user.set_password('a-long-test-password'); user.save()"
)


def site_config(app_ports: list[int], port: int, static: Path, cache: Path) -> str:
    """docs/nginx.conf with this machine's addresses and paths, and without TLS."""
    text = SITE.read_text()
    changes = [
        ("server 10.0.0.11:8000;", f"server 127.0.0.1:{app_ports[0]};"),
        ("server 10.0.0.12:8000;", f"server 127.0.0.1:{app_ports[1]};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port};"),
        ("/var/cache/nginx/plenary", str(cache)),
        ("/srv/plenary/var/static/", f"{static}/"),
    ]
    for old, new in changes:
        assert old in text, f"docs/nginx.conf no longer says {old!r}: update this test with it"
        text = text.replace(old, new)
    return re.sub(r"\n\s*ssl_certificate[^\n]*", "", text)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    nginx = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if nginx is None:
        raise ServerFailed("nginx is not installed: run scripts/setup --test (Debian's nginx).")
    folder = tmp_path_factory.mktemp("proxy")
    data = folder / "data"
    database = folder / "plenary.sqlite3"
    room = json.loads(prepare_sqlite(database, ROOM))
    port = free_port()
    production = {
        "PLENARY_MODE": "production",
        "SECRET_KEY": "a-production-secret-for-this-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}",
        "PLENARY_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{database}",
    }
    # The manifest production reads, without compressing every file (most of a minute).
    collect = (
        "from django.conf import settings; from django.core.management import call_command; "
        "from django.test import override_settings; "
        "storages = settings.STORAGES | {'staticfiles': {'BACKEND': "
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
        "with override_settings(STORAGES=storages): "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    for script in (collect, PERSON):
        subprocess.run(  # noqa: S603 -- our own interpreter and command
            [str(ROOT / ".venv" / "bin" / "plenary"), "shell", "-c", script],
            env=server_env(**production),
            cwd=ROOT,
            check=True,
        )
    site = folder / "plenary.conf"
    main = folder / "nginx.conf"
    with (
        app_server(server_env(**production)) as (a, _),
        app_server(server_env(**production)) as (
            b,
            _,
        ),
    ):
        site.write_text(site_config([a, b], port, data / "static", folder / "cache"))
        temp = "\n".join(
            f"    {kind}_temp_path {folder / kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        main.write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
            f"error_log {folder / 'error.log'} warn;\n"
            "events { worker_connections 512; }\n"
            f"http {{\n    include /etc/nginx/mime.types;\n    access_log off;\n{temp}\n"
            f"    include {site};\n}}\n"
        )
        log = (folder / "nginx.out").open("wb")
        process = subprocess.Popen(  # noqa: S603 -- nginx with our configuration
            [nginx, "-p", str(folder), "-c", str(main)], stdout=log, stderr=subprocess.STDOUT
        )
        try:
            with (folder / "nginx.out").open("rb") as read_log:
                _wait_for_port(port, process, read_log, "nginx", timeout=20)
            yield port, room
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=20)
            log.close()


def get(port: int, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_nginx_serves_the_static_files_itself(deployed):
    port, _room = deployed
    response = get(port, "/static/plenary.css")
    assert response.status == 200 and b"{" in response.body
    assert "max-age=31536000" in response.getheader("Cache-Control")
    assert "immutable" in response.getheader("Cache-Control")
    assert response.getheader("X-Cache-Status") is None  # never asked of the app


def test_nginx_holds_a_public_page_and_answers_it_again_without_the_app(deployed):
    port, _room = deployed
    first = get(port, "/n/cybercrime-ahc/delegations/")
    again = get(port, "/n/cybercrime-ahc/delegations/")
    assert first.status == again.status == 200
    assert first.getheader("X-Cache-Status") in {"MISS", "HIT", "EXPIRED", "REVALIDATED"}
    assert again.getheader("X-Cache-Status") == "HIT"
    assert again.body == first.body
    current = get(
        port, "/n/cybercrime-ahc/delegations/", {"If-None-Match": first.getheader("ETag")}
    )
    assert current.status == 304


def sign_in(port: int) -> str:
    """The session cookie of a stakeholder signed in through nginx."""
    form = get(port, "/accounts/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', form.body).group(1)
    csrf = re.search(r"csrftoken=([^;]+)", form.getheader("Set-Cookie")).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(
        "POST",
        "/accounts/login/",
        body=urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.decode(),
                "username": "ngo-reader",
                "password": "a-long-test-password",
            }
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf}",
            "Origin": f"http://127.0.0.1:{port}",
            "Referer": f"http://127.0.0.1:{port}/accounts/login/",
        },
    )
    response = connection.getresponse()
    body = response.read()
    assert response.status == 302, re.findall(rb'class="errorlist[^<]*<li>[^<]*', body)
    cookies = response.getheader("Set-Cookie")
    return re.search(r"sessionid=([^;]+)", cookies).group(1)


def test_a_signed_in_persons_page_passes_through_and_is_never_held(deployed):
    port, _room = deployed
    get(port, "/n/cybercrime-ahc/")  # the public page, now held by nginx
    session = sign_in(port)
    for _ in range(2):
        theirs = get(port, "/n/cybercrime-ahc/", {"Cookie": f"sessionid={session}"})
        assert theirs.getheader("X-Cache-Status") == "BYPASS"
        assert b"ngo-reader" in theirs.body
        assert "private" in theirs.getheader("Cache-Control")
    public = get(port, "/n/cybercrime-ahc/")
    assert public.getheader("X-Cache-Status") == "HIT" and b"ngo-reader" not in public.body


def test_the_live_room_reaches_its_watchers_through_nginx(deployed):
    port, room = deployed
    path = f"/ws/n/cybercrime-ahc/sessions/{room['session']}/items/{room['item']}/"

    async def watch() -> dict:
        async with websockets.connect(
            f"ws://127.0.0.1:{port}{path}", origin=f"http://127.0.0.1:{port}", open_timeout=20
        ) as watcher:
            return json.loads(await asyncio.wait_for(watcher.recv(), 20))

    # In a thread of its own: the browser tests keep an event loop running in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        assert "html" in pool.submit(asyncio.run, watch()).result()
