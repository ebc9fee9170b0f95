"""The `plenary` command, run as an operator would."""

import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from plenary.process.models import User


def test_create_user_with_a_token_prints_a_working_token(world, client, capsys):
    call_command("create_user", "delegate-2", role="delegation", delegation="ke", token=True)
    token = capsys.readouterr().out.strip().splitlines()[-1]
    user = User.objects.get(username="delegate-2")
    assert user.delegation == world.kenya and not user.has_usable_password()
    response = client.get(
        "/api/negotiations/test-ahc/sessions", headers={"Authorization": f"Bearer {token}"}
    )
    assert "Closed informals" in response.content.decode()


def test_create_user_refuses_a_delegation_member_without_a_delegation(world):
    with pytest.raises(CommandError, match="belongs to a delegation"):
        call_command("create_user", "x", role="delegation")


def test_create_user_refuses_an_unknown_state(world):
    with pytest.raises(CommandError, match="No delegation with the code 'ZZ'"):
        call_command("create_user", "x", role="delegation", delegation="ZZ")


def test_production_mode_without_a_secret_key_stops_with_a_clear_message(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "plenary.cli", "check"],
        env={"PLENARY_MODE": "production", "PATH": "", "DATABASE_URL": f"sqlite:///{tmp_path}/x"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
