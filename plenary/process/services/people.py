"""Accounts: creating people with their role, their API tokens, and the second factor of the
secretariat and the chair."""

from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput
from plenary.links import TimedLinks
from plenary.process.actors import Actor
from plenary.process.models import ApiToken, Delegation, Organization, Role, User


def create_user(
    username: str,
    *,
    role: str,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    password: str | None = None,
    email: str = "",
    illustrative: bool = False,
    by: Actor | None = None,
) -> User:
    """Create a person with one role; delegation members need a delegation, stakeholders an
    organization."""
    if role not in Role.values:
        raise InvalidInput(
            _("Role must be one of: %(allowed)s (got %(value)s).")
            % {"allowed": ", ".join(Role.values), "value": repr(role)},
            field="role",
        )
    if role == Role.DELEGATION and (delegation is None or organization is not None):
        raise InvalidInput(
            _("A delegation member belongs to a delegation (and to no organization)."),
            field="delegation",
        )
    if role == Role.STAKEHOLDER and (organization is None or delegation is not None):
        raise InvalidInput(
            _("A stakeholder belongs to an organization (and to no delegation)."),
            field="organization",
        )
    if role in {Role.SECRETARIAT, Role.CHAIR} and (delegation or organization):
        raise InvalidInput(
            _("The secretariat and the chair belong to no delegation or organization."),
            field="role",
        )
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise InvalidInput(_("A user name is 1 to 150 characters."), field="username")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise InvalidInput(
            _("A user name has letters, digits and @ . + - _ only (no spaces)."), field="username"
        ) from None
    if User.objects.filter(username=username).exists():
        raise Conflict(
            _("There is already a user called %(username)s.") % {"username": repr(username)},
            field="username",
        )
    user = User(
        username=username,
        role=role,
        delegation=delegation,
        organization=organization,
        email=email,
        illustrative=illustrative,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise InvalidInput(" ".join(error.messages), field="password") from error
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        user.save()
        record(
            "user.created",
            user,
            by=by.user if by else None,
            negotiation=delegation.negotiation if delegation else None,
            after={"username": username, "role": role},
        )
    return user


def issue_api_token(user: User, *, by: Actor | None = None, label: str = "") -> str:
    """Create an API token for a person and return its secret (shown once)."""
    return issue_api_token_with_expiry(user, by=by, label=label)[0]


def issue_api_token_with_expiry(
    user: User, *, by: Actor | None = None, label: str = ""
) -> tuple[str, ApiToken]:
    """Create an API token for a person; its secret (shown once) and the token, which says when
    it expires."""
    with transaction.atomic():
        token, key = ApiToken.issue(user, label=label)
        record(
            "api_token.issued",
            token,
            by=by.user if by else None,
            after={
                "user": user.username,
                "label": label,
                "expires_at": token.expires_at.isoformat(),
            },
        )
    return key, token


def revoke_api_token(token: ApiToken, *, by: Actor | None = None) -> ApiToken:
    """Revoke an API token: from now on it is refused with 401."""
    if token.revoked_at is not None:
        raise Conflict(_("This API token was already revoked."))
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            "api_token.revoked",
            token,
            by=by.user if by else None,
            after={"user": token.user.username, "prefix": token.prefix},
        )
    return token


class EnrollmentCodes(TimedLinks):
    """Enrollment codes: signed with the secret key and bound to the person's password, last
    sign-in and confirmed devices, so a code is void once it is used, a device is confirmed or
    the password changes."""

    # The salt keeps the name the class had in the sign-in module: codes issued stay good.
    key_salt = "plenary.signin.EnrollmentCodes"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        # Django's value holds the last sign-in, so a code is void once it has been used: even
        # if the device it added is deleted later, the old code does not come back.
        devices = sorted(
            TOTPDevice.objects.devices_for_user(user, confirmed=True).values_list("pk", flat=True)
        )
        return f"{super()._make_hash_value(user, timestamp)}{devices}"

    def lifetime_seconds(self) -> float:
        return settings.OTP_ENROLLMENT_HOURS * 3600


enrollment_codes = EnrollmentCodes()


def issue_enrollment_code(user: User) -> str:
    """A code with which this person adds an authenticator app at their next sign-in."""
    return enrollment_codes.make_token(user)


def issue_otp_enrollment(user: User, *, by: Actor | None = None) -> str:
    """Issue an enrollment code with which a member of the secretariat or the chair adds an
    authenticator app at their next sign-in; return the code (shown once)."""
    if not user.runs_process:
        raise InvalidInput(
            f"{user.username} is not of the secretariat or the chair, and is not asked for a "
            "code when signing in."
        )
    with transaction.atomic():
        code = issue_enrollment_code(user)
        record(
            "otp_enrollment.issued", user, by=by.user if by else None, after={"user": user.username}
        )
    return code


def confirm_otp_device(device: TOTPDevice, *, by: Actor | None = None) -> TOTPDevice:
    """Confirm the authenticator app a person has proven with a code: from now on their
    sign-in asks for its codes."""
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(
            "otp_device.confirmed",
            device.user,
            by=by.user if by else None,
            after={"user": device.user.username},
        )
    return device
