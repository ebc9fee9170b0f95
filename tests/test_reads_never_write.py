"""Reads never write: every page and API route the permission matrix reaches with GET, as every
role, leaves the database as it was (a guard on the connection sees every statement), even
with an accreditation request whose non-objection period has just lapsed. Pages that read
could then be served by a read replica."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from plenary.process.models.accreditation import AccreditationStatus
from tests import factories as f
from tests.permissions.common import ROLES
from tests.test_permission_matrix import CASES, matrix_world, role_user  # noqa: F401

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")
GETS = [case for case in CASES if case.method == "GET"]


class Writes:
    """Records every statement that would change the database."""

    def __init__(self):
        self.seen: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.seen.append(sql[:200])
        return execute(sql, params, many, context)


@pytest.mark.parametrize("role", ROLES)
def test_no_get_on_any_route_writes_a_row(client, matrix_world, role):  # noqa: F811
    world = matrix_world
    lapsed = f.make_request(
        world.negotiation,
        f.make_organization(name="Lapsed Network"),
        at=timezone.now() - datetime.timedelta(days=world.negotiation.non_objection_days + 1),
    )
    user = role_user(world, role)
    headers = {}
    if user is not None:
        client.force_login(user)
        headers["Authorization"] = f"Bearer {f.token_for(user)}"
    written = {}
    for case in GETS:
        guard = Writes()
        with connection.execute_wrapper(guard):
            response = client.get(case.url(world), headers=headers if case.api else {})
        assert response.status_code == case.expected[role], (case.name, response.status_code)
        if guard.seen:
            written[case.name] = guard.seen
    assert written == {}
    lapsed.refresh_from_db()
    assert lapsed.status == AccreditationStatus.PENDING  # still only the worker writes it
    assert lapsed.effective_status == AccreditationStatus.ADMITTED


def test_the_lapsed_organization_is_shown_admitted_before_anything_writes_it(world, client):
    lapsed = f.make_request(
        world.negotiation,
        world.organization,
        at=timezone.now() - datetime.timedelta(days=world.negotiation.non_objection_days + 1),
    )
    page = client.get(f"/n/{world.negotiation.slug}/accreditation/").content.decode()
    assert world.organization.name in page
    assert "no member state objected within the period" in page
    listed = client.get(f"/api/negotiations/{world.negotiation.slug}/accreditation").json()
    assert [(r["organization"], r["status"]) for r in listed] == [
        (world.organization.slug, "admitted")
    ]
    assert listed[0]["decided_at"] is not None
    lapsed.refresh_from_db()
    assert lapsed.status == AccreditationStatus.PENDING
