"""Signing in: the secretariat and the chair confirm with a TOTP code (setting up their app the
first time, only with an operator's enrollment code); repeated failures lock every step of the
sign-in; the admin asks operators for a code; weak passwords are refused."""

import datetime
import time

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.audit.models import AuditEntry
from plenary.errors import InvalidInput
from plenary.process.models import Role
from plenary.process.services.people import create_user, enrollment_codes, issue_enrollment_code
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


def test_a_password_alone_never_adds_a_device(client, world):
    response = sign_in(client, world.chair)
    assert response["Location"] == "/accounts/login/set-up/"
    page = client.get("/accounts/login/set-up/").content.decode()
    assert "enter the enrollment code an operator gave you" in page
    assert "<svg" not in page and "Secret:" not in page
    assert not TOTPDevice.objects.filter(user=world.chair).exists()
    response = client.post("/accounts/login/set-up/", {"enrollment_code": "guessed-code"})
    assert response.status_code == 400
    assert "That enrollment code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.chair).exists()
    assert not signed_in_as(client).is_authenticated


def test_it_takes_a_first_time_chair_with_an_enrollment_code_through_setting_up_a_device(
    client, world
):
    code = issue_enrollment_code(world.chair)
    sign_in(client, world.chair)
    response = client.post("/accounts/login/set-up/", {"enrollment_code": code})
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


def test_an_enrollment_code_works_once(client, world):
    code = issue_enrollment_code(world.chair)
    TOTPDevice.objects.create(user=world.chair, name="phone", confirmed=True)
    assert not enrollment_codes.check_token(world.chair, code)


def test_an_enrollment_code_is_void_after_a_password_change_or_its_hours(world, settings):
    code = issue_enrollment_code(world.chair)
    assert enrollment_codes.check_token(world.chair, code)
    assert not enrollment_codes.check_token(world.secretariat, code)
    settings.OTP_ENROLLMENT_HOURS = 0
    enrollment_codes._now = lambda: datetime.datetime.now() + datetime.timedelta(seconds=5)  # noqa: DTZ005
    try:
        assert not enrollment_codes.check_token(world.chair, code)
    finally:
        del enrollment_codes._now
    settings.OTP_ENROLLMENT_HOURS = 72
    world.chair.set_password("another-long-password")
    world.chair.save()
    assert not enrollment_codes.check_token(world.chair, code)


def test_an_enrollment_code_lasts_its_hours_even_past_three_days(world, settings):
    settings.OTP_ENROLLMENT_HOURS = 100
    code = issue_enrollment_code(world.chair)
    enrollment_codes._now = lambda: datetime.datetime.now() + datetime.timedelta(hours=99)  # noqa: DTZ005
    try:
        assert enrollment_codes.check_token(world.chair, code)
    finally:
        del enrollment_codes._now


def test_a_used_enrollment_code_stays_void_once_the_device_it_added_is_deleted(client, world):
    code = issue_enrollment_code(world.chair)
    sign_in(client, world.chair)
    client.post("/accounts/login/set-up/", {"enrollment_code": code})
    client.get("/accounts/login/set-up/")
    device = TOTPDevice.objects.get(user=world.chair)
    client.post("/accounts/login/set-up/", {"code": current_code(device)})
    assert AuditEntry.objects.filter(action="otp_device.confirmed", actor=world.chair).exists()
    device.delete()
    world.chair.refresh_from_db()
    assert not enrollment_codes.check_token(world.chair, code)


def test_the_command_issues_an_enrollment_code_only_for_the_process_roles(world, capsys):
    call_command("otp_enrollment", world.chair.username)
    out = capsys.readouterr().out
    code = out.split("Enrollment code for chair: ")[1].split()[0]
    assert enrollment_codes.check_token(world.chair, code)
    assert AuditEntry.objects.filter(action="otp_enrollment.issued").count() == 1
    with pytest.raises(CommandError, match="not of the secretariat or the chair"):
        call_command("otp_enrollment", world.delegate.username)


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
        # The form comes back refused (400), as every form does, with the user name kept.
        assert response.status_code == 400
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


def _locked(client, user):
    for _ in range(5):
        sign_in(client, user, password="not-the-password")


def test_the_code_step_refuses_a_locked_out_sign_in(client, world):
    device = TOTPDevice.objects.create(user=world.chair, name="phone", confirmed=True)
    sign_in(client, world.chair)  # the password step is done
    _locked(Client(), world.chair)  # then the sign-in is locked from this address
    response = client.post("/accounts/login/code/", {"code": current_code(device)})
    assert response.status_code == 429
    assert "Sign-in locked" in response.content.decode()
    assert not signed_in_as(client).is_authenticated
    assert client.get("/accounts/login/code/")["Location"] == LOGIN


def test_the_set_up_step_refuses_a_locked_out_sign_in(client, world):
    code = issue_enrollment_code(world.chair)
    sign_in(client, world.chair)
    _locked(Client(), world.chair)
    response = client.post("/accounts/login/set-up/", {"enrollment_code": code})
    assert response.status_code == 429
    assert not TOTPDevice.objects.filter(user=world.chair).exists()


def test_wrong_enrollment_codes_count_as_failed_sign_ins(client, world):
    sign_in(client, world.chair)
    statuses = [
        client.post("/accounts/login/set-up/", {"enrollment_code": "x"}).status_code
        for _ in range(5)
    ]
    assert statuses[-1] == 429


@pytest.fixture
def operator(db):
    from plenary.process.models import User

    return User.objects.create_superuser("operator", password="an-operators-long-password")


def test_the_admin_asks_operators_for_a_code(client, operator):
    client.force_login(operator)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    page = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in page
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "operator", "password": "an-operators-long-password", "otp_token": ""},
    )
    assert response.status_code == 200
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_an_operator_with_a_verified_code_reaches_the_admin(client, operator):
    device = TOTPDevice.objects.create(user=operator, name="phone", confirmed=True)
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": "operator",
            "password": "an-operators-long-password",
            "otp_device": device.persistent_id,
            "otp_token": current_code(device),
        },
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
