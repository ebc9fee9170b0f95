"""The browser-facing headers: a strict Content-Security-Policy, no framing, no sniffing, a
referrer policy; HSTS and secure cookies in production behind a TLS proxy."""

import json
import os
import subprocess
import sys

import pytest


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
