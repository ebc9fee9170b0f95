"""Coalition admins change roles and remove members (a coalition keeps an admin); forms refuse
what they cannot use, and a second assessor never overwrites the first unseen."""

import pytest

from plenary.advocacy.models import Assessment, CoalitionMember, Statement
from plenary.advocacy.services.coalitions import change_role, remove_member
from plenary.advocacy.services.red_lines import assess
from plenary.advocacy.services.statements import draft_statement
from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, NotAllowed
from plenary.process.actors import actor_of
from tests.advocacy.factories import (
    make_coalition,
    make_red_line,
    publish,
    second_organization,
)
from tests.factories import token_for


@pytest.fixture
def coalition(world):
    publish(world)
    return make_coalition(world)


def membership(coalition, organization):
    return CoalitionMember.objects.get(coalition=coalition, organization=organization)


def test_an_admin_makes_a_member_admin_and_removes_it_with_an_audit_trail(world, coalition):
    other, person = second_organization(world, coalition)
    member = membership(coalition, other)
    assert change_role(coalition, member, by=world.actors.stakeholder, role="admin").role == "admin"
    remove_member(coalition, member, by=world.actors.stakeholder)
    assert not coalition.members.filter(organization=other).exists()
    actions = AuditEntry.objects.filter(action__startswith="coalition.").exclude(
        action="coalition.created"
    )
    assert sorted(actions.values_list("action", flat=True)) == [
        "coalition.invited",
        "coalition.joined",
        "coalition.member_removed",
        "coalition.member_role_changed",
    ]
    with pytest.raises(NotAllowed):
        draft_statement(
            coalition, by=actor_of(person), kind="open_letter", title="T", text="We write."
        )


def test_the_last_admin_is_neither_demoted_nor_removed(world, coalition):
    admin = membership(coalition, world.organization)
    with pytest.raises(Conflict, match="last admin"):
        change_role(coalition, admin, by=world.actors.stakeholder, role="member")
    with pytest.raises(Conflict, match="last admin"):
        remove_member(coalition, admin, by=world.actors.stakeholder)
    assert membership(coalition, world.organization).role == "admin"
    assert not AuditEntry.objects.filter(action="coalition.member_removed").exists()


def test_a_member_who_is_not_admin_changes_nobody(world, coalition):
    other, person = second_organization(world, coalition)
    admin = membership(coalition, world.organization)
    with pytest.raises(NotAllowed):
        remove_member(coalition, admin, by=actor_of(person))
    with pytest.raises(NotAllowed):
        change_role(coalition, membership(coalition, other), by=actor_of(person), role="admin")


def test_the_coalition_page_lets_an_admin_change_a_role_and_remove_a_member(
    client, world, coalition
):
    other, _person = second_organization(world, coalition)
    member = membership(coalition, other)
    base = f"/n/test-ahc/coalitions/{coalition.slug}/members/{member.pk}"
    client.force_login(world.stakeholder)
    page = client.get(f"/n/test-ahc/coalitions/{coalition.slug}/").content.decode()
    assert f'action="{base}/remove/"' in page
    assert client.post(f"{base}/role/", {"role": "admin"}).status_code == 302
    assert membership(coalition, other).role == "admin"
    bad = client.post(f"{base}/role/", {"role": "owner"})
    assert bad.status_code == 400 and "is not one of the available choices" in bad.content.decode()
    assert client.post(f"{base}/remove/").status_code == 302
    assert client.post(f"{base}/remove/").status_code == 404


def test_the_api_changes_a_role_and_removes_a_member(client, world, coalition):
    other, person = second_organization(world, coalition)
    member = membership(coalition, other)
    url = f"/api/negotiations/test-ahc/coalitions/{coalition.slug}/members/{member.pk}"
    as_admin = {"Authorization": f"Bearer {token_for(world.stakeholder)}"}
    listed = client.get(f"/api/negotiations/test-ahc/coalitions/{coalition.slug}").json()
    assert member.pk in [m["id"] for m in listed["members"]]
    changed = client.put(url, {"role": "admin"}, content_type="application/json", headers=as_admin)
    assert changed.status_code == 200 and changed.json()["role"] == "admin"
    admin = membership(coalition, world.organization)
    own = f"/api/negotiations/test-ahc/coalitions/{coalition.slug}/members/{admin.pk}"
    as_other = {"Authorization": f"Bearer {token_for(person)}"}
    assert client.delete(own, headers=as_other).status_code == 204
    last = client.delete(url, headers=as_other)
    assert last.status_code == 409 and "last admin" in last.json()["detail"]


def test_the_statement_form_refuses_a_session_it_does_not_know(client, world, coalition):
    client.force_login(world.stakeholder)
    response = client.post(
        f"/n/test-ahc/coalitions/{coalition.slug}/statements/",
        {
            "kind": "open_letter",
            "title": "Letter",
            "text": "We write.",
            "sessions": [str(world.open_session.pk), "999999", "first"],
        },
    )
    assert response.status_code == 400
    # The form offers the sessions one may choose; anything else is not one of them.
    assert "999999 is not one of the available choices" in response.content.decode()
    assert not Statement.objects.exists()


def test_a_second_assessor_with_a_stale_form_overwrites_nothing(client, world, coalition):
    version = world.negotiation.versions.get()
    red_line = make_red_line(world, coalition)
    url = f"/n/test-ahc/red-lines/{red_line.pk}/"
    client.force_login(world.stakeholder)
    form = client.get(url).content.decode()
    assert f'name="lock_version_{version.pk}" value="0"' in form
    # Someone else assesses the version after this page was opened.
    assess(red_line, version, by=world.actors.stakeholder, verdict="met", reasoning="First view.")
    stale = client.post(
        f"{url}assess/",
        {
            "version": version.pk,
            "verdict": "not_met",
            "reasoning": "Second view.",
            f"lock_version_{version.pk}": "0",
        },
    )
    assert stale.status_code == 409
    assert Assessment.objects.get().reasoning == "First view."
    fresh = client.get(url).content.decode()
    assert f'name="lock_version_{version.pk}" value="1"' in fresh
    done = client.post(
        f"{url}assess/",
        {
            "version": version.pk,
            "verdict": "not_met",
            "reasoning": "Second view.",
            f"lock_version_{version.pk}": "1",
        },
    )
    assert done.status_code == 302
    assert Assessment.objects.get().reasoning == "Second view."
