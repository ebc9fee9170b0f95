"""CSRF everywhere: with a browser session and no CSRF token, every write is refused, the
pages' forms and the API's session-authenticated writes alike."""

import json

import pytest
from django.test import Client

from tests.test_permission_matrix import AREAS, CASES, role_user

# The API's analysis calculators take POST but change nothing and need no account: they are
# not writes, and the public calls them without a session.
WRITES = [c for c in CASES if c.method != "GET" and not (c.api and c.expected["anon"] < 400)]


@pytest.fixture
def prepared_world(world):
    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    return world


def test_every_write_refuses_a_session_without_a_csrf_token(prepared_world):
    refused = []
    for case in WRITES:
        # A role the matrix lets through, so that only the missing token can refuse it.
        allowed = [r for r, status in case.expected.items() if r != "anon" and status < 400]
        if not allowed:
            continue
        client = Client(enforce_csrf_checks=True)
        client.force_login(role_user(prepared_world, allowed[0]))
        data = case.data(prepared_world)
        if case.api:
            response = client.generic(
                case.method, case.url(prepared_world), json.dumps(data), "application/json"
            )
        else:
            response = client.post(case.url(prepared_world), data)
        assert response.status_code == 403, f"{case.method} {case.name}: {response.status_code}"
        refused.append(case.name)
    assert len(refused) >= 40
