"""Signing in: the secretariat and the chair confirm with a TOTP code (setting up their app the
first time); repeated failures lock the sign-in; weak passwords are refused."""

import time

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.errors import InvalidInput
from plenary.process.models import Role
from plenary.process.services.people import create_user
from plenary.signin import PENDING
from tests import factories as f
from tests.factories import current_code

LOGIN = "/accounts/login/"
PASSWORD = "a-long-test-password"  # the factories' password


def sign_in(client, user, password=PASSWORD, next_url="/n/test-ahc/"):
    return client.post(
        f"{LOGIN}?next={next_url}", {"username": user.username, "password": password}
    )


def signed_in_as(client):
    return client.get("/").context["user"]


def test_it_signs_a_delegate_in_with_the_password_alone(client, world):
    response = sign_in(client, world.delegate)
    assert response.status_code == 302 and response["Location"] == "/n/test-ahc/"
    assert signed_in_as(client) == world.delegate


@pytest.mark.parametrize("role", ["secretariat", "chair"])
def test_it_asks_the_process_roles_for_a_code_after_the_password(client, world, role, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below
    user = getattr(world, role)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)

    response = sign_in(client, user)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/code/"
    assert not signed_in_as(client).is_authenticated

    page = client.get("/accounts/login/code/")
    assert "code from their authenticator app" in page.content.decode()
    wrong = client.post("/accounts/login/code/", {"code": "000000"})
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    assert not signed_in_as(client).is_authenticated

    right = client.post("/accounts/login/code/", {"code": current_code(device)})
    assert right.status_code == 302 and right["Location"] == "/n/test-ahc/"
    assert signed_in_as(client) == user
    assert client.session.get("otp_device_id") == device.persistent_id


def test_a_wrong_code_makes_the_next_one_wait(client, world):
    device = TOTPDevice.objects.create(user=world.chair, name="phone", confirmed=True)
    sign_in(client, world.chair)
    client.post("/accounts/login/code/", {"code": "000000"})
    response = client.post("/accounts/login/code/", {"code": current_code(device)})
    assert "wait a few seconds" in response.content.decode()
    assert not signed_in_as(client).is_authenticated


def test_it_takes_a_first_time_chair_through_setting_up_a_device(client, world):
    response = sign_in(client, world.chair)
    assert response["Location"] == "/accounts/login/set-up/"

    page = client.get("/accounts/login/set-up/").content.decode()
    assert '<svg role="img" aria-label="QR code for your authenticator app"' in page
    device = TOTPDevice.objects.get(user=world.chair)
    assert not device.confirmed
    assert "Secret:" in page

    response = client.post("/accounts/login/set-up/", {"code": current_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert signed_in_as(client) == world.chair


def test_the_local_demo_lets_the_chair_in_with_the_password_alone(client, world, settings):
    settings.SECOND_FACTOR_FOR_PROCESS_ROLES = False
    assert sign_in(client, world.chair)["Location"] == "/n/test-ahc/"
    assert signed_in_as(client) == world.chair


def test_it_sends_the_code_step_back_to_the_password_when_nothing_is_pending(client, world):
    assert client.get("/accounts/login/code/")["Location"] == LOGIN
    sign_in(client, world.chair)
    session = client.session
    session[PENDING] = session[PENDING] | {"at": time.time() - 3600}
    session.save()
    assert client.get("/accounts/login/set-up/")["Location"] == LOGIN


def test_force_login_sessions_and_tokens_keep_working_for_the_chair(client, world):
    client.force_login(world.chair)
    assert client.get("/n/test-ahc/manage/").status_code == 200
    token = f.token_for(world.chair)
    response = client.get(
        "/api/negotiations/test-ahc/audit", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


def test_it_locks_the_sign_in_after_five_failures_and_says_so(client, world, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        response = sign_in(client, world.delegate, password="not-the-password")
        assert response.status_code == 200
        assert "Please enter a correct username and password" in response.content.decode()
    response = sign_in(client, world.delegate, password="not-the-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in locked" in page and "failed 5 times" in page and "15 minutes" in page

    # Locked: even the right password is refused now.
    response = sign_in(client, world.delegate)
    assert response.status_code == 429
    assert not signed_in_as(client).is_authenticated
    # Another person is not locked out by someone else's failures.
    assert sign_in(client, world.stakeholder).status_code == 302


def test_wrong_codes_count_as_failed_sign_ins(client, world):
    TOTPDevice.objects.create(user=world.chair, name="phone", confirmed=True)
    sign_in(client, world.chair)
    statuses = [client.post("/accounts/login/code/", {"code": "000000"}).status_code]
    statuses += [sign_in(client, world.chair, password="wrong").status_code for _ in range(4)]
    assert statuses[-1] == 429


def test_it_refuses_a_weak_password(world):
    with pytest.raises(InvalidInput, match=r"too common|too short"):
        create_user("weak-password", role=Role.SECRETARIAT, password="password")
    with pytest.raises(InvalidInput, match=r"entirely numeric|too short"):
        create_user("digits", role=Role.SECRETARIAT, password="12345678")


def test_the_command_issues_a_device_for_the_chair(world, capsys):
    call_command("otp_device", world.chair.username)
    out = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=world.chair)
    assert device.confirmed
    assert "Secret: " in out and "otpauth://totp/" in out
