"""No answer that carries a session, a CSRF token or anything of a signed-in person's is marked
public, so no CDN or proxy ever holds one: every GET route of the permission matrix, for every
role, computed and then from the cache."""

import pytest
from django.conf import settings
from django.test import Client

from tests import factories as f
from tests.permissions.common import ROLES
from tests.test_permission_matrix import AREAS, CASES, role_user

READS = [case for case in CASES if case.method == "GET"]
CSRF_MARKS = (b"csrfmiddlewaretoken", b"X-CSRFToken", b"data-csrf-token")


@pytest.fixture
def prepared_world(world):
    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    return world


def personal(response, user) -> list[str]:
    """What in this answer belongs to one person."""
    found = []
    if user is not None:
        found.append(f"made for {user.username}")
    if response.cookies:
        found.append(f"sets cookies {sorted(response.cookies)}")
    if not response.streaming:
        body = response.content
        found += [mark.decode() for mark in CSRF_MARKS if mark in body]
        if user is not None and user.username.encode() in body:
            found.append("names the person")
    return found


@pytest.mark.parametrize("role", ROLES)
def test_no_personal_answer_is_marked_public(prepared_world, role):
    user = role_user(prepared_world, role)
    client = Client()
    headers = {}
    if user is not None:
        client.force_login(user)
        headers["Authorization"] = f"Bearer {f.token_for(user)}"
    public = []
    for case in READS:
        url = case.url(prepared_world)
        for _attempt in ("computed", "from the cache"):
            response = client.get(url, headers=headers if case.api else {})
            cache_control = response.get("Cache-Control", "")
            what = personal(response, user)
            if what:
                assert "public" not in cache_control, f"{url} is public but {what}"
                assert "private" in cache_control, f"{url}: {cache_control!r} ({what})"
            if "public" in cache_control:
                assert "Cookie" in response["Vary"], url
                assert settings.SESSION_COOKIE_NAME not in response.cookies, url
                public.append(url)
    if role == "anon":
        # The public pages are public: the negotiation, its sessions, delegations, votes,
        # analysis, treaty and the live room's list, and the API's reads.
        assert len(set(public)) >= 15, sorted(set(public))
    else:
        assert public == []
