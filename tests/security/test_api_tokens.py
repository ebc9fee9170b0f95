"""API tokens expire and can be revoked; a refused token gets 401 with a reason."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict
from plenary.process.models import ApiToken
from plenary.process.services.people import issue_api_token, revoke_api_token

AUDIT = "/api/negotiations/test-ahc/audit"


def get(client, key):
    return client.get(AUDIT, headers={"Authorization": f"Bearer {key}"})


def test_a_token_lives_ninety_days_by_default(world):
    issue_api_token(world.secretariat)
    token = ApiToken.objects.get(user=world.secretariat)
    lifetime = token.expires_at - timezone.now()
    assert datetime.timedelta(days=89) < lifetime <= datetime.timedelta(days=90)


def test_an_expired_token_is_refused_with_401_saying_so(client, world):
    key = issue_api_token(world.secretariat)
    assert get(client, key).status_code == 200
    ApiToken.objects.filter(user=world.secretariat).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = get(client, key)
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token has expired; ask for a new one."}


def test_a_revoked_token_is_refused_with_401_saying_so(client, world):
    key = issue_api_token(world.chair)
    token = ApiToken.objects.get(user=world.chair)
    revoke_api_token(token, by=world.actors.chair)
    response = get(client, key)
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token has been revoked; ask for a new one."}
    with pytest.raises(Conflict):
        revoke_api_token(token)
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1


def test_an_unknown_token_is_refused(client, world):
    response = get(client, "not-a-token")
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_create_user_prints_the_expiry_and_revoke_token_revokes_it(world):
    out = io.StringIO()
    call_command("create_user", "bot", "--role", "secretariat", "--token", stdout=out)
    lines = out.getvalue().splitlines()
    token = ApiToken.objects.get(user__username="bot")
    assert ApiToken.authenticate(lines[-1]).username == "bot"
    assert f"expires on {token.expires_at:%Y-%m-%d}" in lines[-2]
    assert f"plenary revoke-token {token.prefix}" in lines[-2]

    call_command("revoke_token", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_it_never_issues_a_token_whose_prefix_reads_as_a_command_line_option(world, monkeypatch):
    keys = iter(["-starts-with-a-dash" + "x" * 24, "Abc" + "y" * 40])
    monkeypatch.setattr("plenary.process.models.people.secrets.token_urlsafe", lambda n: next(keys))
    token, key = ApiToken.issue(world.secretariat)
    assert key.startswith("Abc") and token.prefix == "Abcyyyyy"

    call_command("revoke_token", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
