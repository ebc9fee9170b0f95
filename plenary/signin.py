"""Signing in: a password for everyone, then a TOTP code for the secretariat and the chair.

The second step lives here, at the sign-in, rather than in a middleware that checks every
request: sessions opened another way (tests' force_login; the admin has its own second factor,
django-otp's OTPAdminSite) and API tokens are not affected.

A password alone never adds a device: someone who stole it could add their own. A person of
those roles with no confirmed device either gets one from an operator (`plenary otp-device`) or
sets one up with an enrollment code an operator issued (`plenary otp-enrollment`): good once,
for that person, for OTP_ENROLLMENT_HOURS, and void when they change their password. Every
step refuses a locked-out sign-in (django-axes), and wrong codes count as failures.
"""

import base64
import time
from typing import Any

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django import forms
from django.conf import settings
from django.contrib.auth import login, user_login_failed
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.forms import FormViewAnswers
from plenary.process.actors import actor_of
from plenary.process.models import User
from plenary.process.services.people import confirm_otp_device, enrollment_codes
from plenary.rate_limits import rate_limited

PENDING = "plenary_sign_in_pending"
# The password step is good for this long; then the person starts again.
PENDING_SECONDS = 300


def needs_second_factor(user: User) -> bool:
    """The secretariat and the chair run the process: their sign-in needs a TOTP code."""
    return user.runs_process and settings.SECOND_FACTOR_FOR_PROCESS_ROLES


def signing_in_as(request: HttpRequest) -> str | None:
    """The account a sign-in step is for: the user name typed, or the one whose password was
    accepted (the code steps)."""
    if typed := request.POST.get("username", "").strip().lower():
        return f"name:{typed}"
    pending = request.session.get(PENDING) or {}
    return f"user:{pending['user']}" if pending.get("user") else None


sign_in_limited = rate_limited("sign-in", account=signing_in_as)


@method_decorator(sign_in_limited, name="post")
class SignInView(FormViewAnswers, LoginView):
    """The password step; the secretariat and the chair go on to the code step."""

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not needs_second_factor(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": time.time(),
        }
        if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
            return redirect("login-code")
        return redirect("login-setup")


class EnrollmentForm(forms.Form):
    enrollment_code = forms.CharField(
        label=gettext_lazy("Enrollment code"),
        max_length=100,
        help_text=gettext_lazy("The code an operator gave you to add your authenticator app."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=8,
        help_text=gettext_lazy("The six digits your authenticator app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _pending(request: HttpRequest) -> tuple[User | None, dict[str, Any]]:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, {}
    return User.objects.filter(pk=pending["user"], is_active=True).first(), pending


def _finish(request: HttpRequest, user: User, pending: dict[str, Any], device: Any) -> HttpResponse:
    request.session.pop(PENDING, None)
    login(request, user, backend=pending["backend"])
    otp_login(request, device)
    return redirect(pending["next"])


WRONG_CODE = gettext_lazy("That code is not right, or has been used. Try the next one.")


def _refuse(
    request: HttpRequest,
    user: User,
    form: forms.Form,
    field: str = "code",
    message: Any = WRONG_CODE,  # lazy: translated when the form is shown
) -> None:
    """A wrong code counts as a failed sign-in (django-axes locks out after too many)."""
    form.add_error(field, message)
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def _locked_out(request: HttpRequest, user: User) -> HttpResponse | None:
    """The lock-out page if django-axes has locked this person's sign-in from here."""
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        request.session.pop(PENDING, None)
        return get_lockout_response(request, credentials=credentials)
    return None


def _qr_svg(url: str) -> SafeString:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    label = escape(_("QR code for your authenticator app"))
    # The SVG is made here from the device's own URL; nothing in it comes from a request.
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))  # noqa: S308


@never_cache
@csrf_protect
@sensitive_post_parameters("code")
@sign_in_limited
def enter_code(request: HttpRequest) -> HttpResponse:
    """The second step: the code from the person's confirmed device."""
    user, pending = _pending(request)
    if user is None:
        return redirect("login")
    if (locked := _locked_out(request, user)) is not None:
        return locked
    if not TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect("login-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip()
        # A wrong code makes a device wait (1, 2, 4… seconds) before it checks another.
        devices = [
            device
            for device in TOTPDevice.objects.devices_for_user(user, confirmed=True)
            if device.verify_is_allowed()[0]
        ]
        for device in devices:
            if device.verify_token(code):
                return _finish(request, user, pending, device)
        if devices:
            _refuse(request, user, form)
        else:
            form.add_error("code", _("Too many wrong codes in a row: wait a few seconds."))
    return render(request, "registration/otp_code.html", {"form": form})


@never_cache
@csrf_protect
@sensitive_post_parameters("code")
@sign_in_limited
def set_up_device(request: HttpRequest) -> HttpResponse:
    """First sign-in of the secretariat or chair: the enrollment code an operator issued, then
    the new device, proven with a code."""
    user, pending = _pending(request)
    if user is None:
        return redirect("login")
    if (locked := _locked_out(request, user)) is not None:
        return locked
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        return redirect("login-code")
    if not pending.get("enrolling"):
        return _enroll(request, user, pending)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Plenary", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            confirm_otp_device(device, by=actor_of(user))
            return _finish(request, user, pending, device)
        _refuse(request, user, form)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "registration/otp_setup.html",
        {"form": form, "qr": _qr_svg(device.config_url), "secret": secret},
    )


def _enroll(request: HttpRequest, user: User, pending: dict[str, Any]) -> HttpResponse:
    """The enrollment code step: without a code from an operator, no device is added."""
    form = EnrollmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if enrollment_codes.check_token(user, form.cleaned_data["enrollment_code"].strip()):
            request.session[PENDING] = pending | {"enrolling": True}
            return redirect("login-setup")
        _refuse(
            request,
            user,
            form,
            "enrollment_code",
            _("That enrollment code is not right, has expired or has been used."),
        )
    status = 400 if form.errors else 200
    return render(request, "registration/otp_enroll.html", {"form": form}, status=status)
