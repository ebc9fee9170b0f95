"""Every route × every role → the expected status. The cases live in `tests/permissions/`, one
module per area; they are generated against the URL conf: a new route without an entry fails
`test_it_has_an_entry_for_every_route`."""

import importlib
import json
import pkgutil

import pytest
from django.urls import URLResolver, get_resolver

import tests.permissions
from tests import factories as f
from tests.permissions.common import ROLES

# Routes no role of the app reaches: Django's admin is for operators (superusers) only.
OPERATOR_ONLY_PREFIXES = ("admin/",)

# The foundation's text is the latest (the other areas' versions come before it) and the
# analysis cases point at its paragraphs: those two areas are prepared last, in that order.
LAST = ("cases_foundation", "cases_analysis")
AREAS = [
    importlib.import_module(f"tests.permissions.{name}")
    for name in sorted(
        (m.name for m in pkgutil.iter_modules(tests.permissions.__path__)),
        key=lambda name: (LAST.index(name) if name in LAST else -1, name),
    )
    if name.startswith("cases_")
]
CASES = [case for area in AREAS for case in area.CASES]


def all_routes() -> set[str]:
    """Every named route of the URL conf, namespaced as reverse() would name it."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if str(pattern.pattern).startswith(OPERATOR_ONLY_PREFIXES):
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                yield f"{namespace}{pattern.name}"

    return set(walk(get_resolver().url_patterns))


def test_it_has_an_entry_for_every_route():
    covered = {case.name for case in CASES}
    assert all_routes() - covered == set(), "add these routes to the permission matrix"
    assert covered - all_routes() == set(), "these matrix entries name no route"


@pytest.fixture
def matrix_world(world):
    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    return world


def role_user(world, role):
    return {
        "anon": None,
        "stakeholder": world.stakeholder,
        "delegate": world.delegate,
        "secretariat": world.secretariat,
        "chair": world.chair,
    }[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c.method} {c.name} {c.label}".strip() for c in CASES]
)
def test_the_permission_matrix_holds(client, matrix_world, case, role):
    user = role_user(matrix_world, role)
    url = case.url(matrix_world)
    data = case.data(matrix_world)
    headers = {}
    if case.api:
        if user is not None:
            headers["Authorization"] = f"Bearer {f.token_for(user)}"
        response = client.generic(
            case.method, url, json.dumps(data) if data else "", "application/json", headers=headers
        )
    else:
        if user is not None:
            client.force_login(user)
        response = client.generic(case.method, url, data=_form_encode(data), content_type=_FORM)
    assert response.status_code == case.expected[role], response.content[:500]


_FORM = "application/x-www-form-urlencoded"


def _form_encode(data: dict) -> str:
    from urllib.parse import urlencode

    return urlencode(data, doseq=True)


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_operators_only(client, world, role):
    user = role_user(world, role)
    if user is not None:
        client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
