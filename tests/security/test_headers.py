"""The browser-facing headers: a strict Content-Security-Policy, no framing, no sniffing, a
referrer policy; HSTS and secure cookies in production behind a TLS proxy, read from the
answers of the app running in production mode."""

import http.client
import http.cookies
import json
import os
import subprocess
import sys
import urllib.parse

import pytest

from tests.resilience.faults import AppServer, run_plenary


@pytest.mark.parametrize("url", ["/", "/n/test-ahc/", "/accounts/login/", "/no-such-page/"])
def test_every_page_carries_the_security_headers(client, world, url):
    response = client.get(url)
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_hold_no_inline_script_or_style(client, world):
    client.force_login(world.delegate)
    for url in ["/", "/n/test-ahc/", "/n/test-ahc/draft/", "/accounts/login/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, url
        assert " onclick=" not in html and " onload=" not in html, url


def production_settings(**env) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({k: getattr(settings, k, None) for k in ["
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
        "'SECURE_PROXY_SSL_HEADER', 'DEBUG', 'SECOND_FACTOR_FOR_PROCESS_ROLES']}))"
    )
    environment = {k: v for k, v in os.environ.items() if k != "PLENARY_MODE"} | {
        "DJANGO_SETTINGS_MODULE": "plenary.settings",
        "SECRET_KEY": "a-production-secret-for-this-test-only",
        **env,
    }
    result = subprocess.run(  # noqa: S603 -- our own interpreter and a fixed script
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_behind_a_tls_proxy_sends_hsts_and_secure_cookies():
    values = production_settings(BEHIND_TLS_PROXY="1")
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["DEBUG"] is False
    assert values["SECOND_FACTOR_FOR_PROCESS_ROLES"] is True


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """The app in production mode behind a TLS proxy (which says so in X-Forwarded-Proto), with
    its static files collected and one account."""
    data = tmp_path_factory.mktemp("production")
    env = {
        "PLENARY_MODE": "production",
        "SECRET_KEY": "a-production-secret-for-this-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_TLS_PROXY": "1",
        "PLENARY_DATA_DIR": str(data),
        "SITE_URL": "https://plenary.example.org",
    }
    url = f"sqlite:///{data / 'plenary.sqlite3'}"
    # The manifest production reads, without compressing every file (most of a minute).
    collect = (
        "from django.conf import settings; from django.core.management import call_command; "
        "from django.test import override_settings; "
        "storages = settings.STORAGES | {'staticfiles': {'BACKEND': "
        "'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'}}\n"
        "with override_settings(STORAGES=storages): "
        "call_command('collectstatic', interactive=False, verbosity=0)"
    )
    create = (
        "from plenary.process.models import Role, User; "
        "u = User(username='secretariat', role=Role.SECRETARIAT); "
        "u.set_password('a-long-test-password'); u.save()"
    )
    for command in (
        ["shell", "-c", collect],
        ["migrate", "--verbosity", "0"],
        ["shell", "-c", create],
    ):
        run_plenary(*command, DATABASE_URL=url, **env)
    with AppServer(url, **env) as server:
        yield server


HTTPS = {"X-Forwarded-Proto": "https"}


def test_production_answers_with_hsts_over_https(production):
    status, headers, _page = production.get("/", **HTTPS)
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "script-src 'self';" in headers["Content-Security-Policy"]
    # HSTS is only meaningful over HTTPS; browsers ignore it otherwise.
    status, headers, _page = production.get("/")
    assert status == 200 and "Strict-Transport-Security" not in headers


def test_production_cookies_are_secure_and_http_only(production):
    host, port = production.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=20)
    connection.request("GET", "/accounts/login/", headers=HTTPS)
    response = connection.getresponse()
    response.read()
    csrf = cookie(response, "csrftoken")
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    form = urllib.parse.urlencode(
        {
            "username": "secretariat",
            "password": "a-long-test-password",
            "csrfmiddlewaretoken": csrf.value,
        }
    )
    connection.request(
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            **HTTPS,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf.value}",
            "Referer": f"https://{host}:{port}/accounts/login/",
        },
    )
    response = connection.getresponse()
    response.read()
    # The password step is done (the code step is next); the session holds it.
    assert response.status == 302, response.status
    session = cookie(response, "sessionid")
    assert session["secure"] and session["httponly"]
    connection.close()


def cookie(response, name: str) -> http.cookies.Morsel:
    jar = http.cookies.SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        jar.load(header)
    return jar[name]
