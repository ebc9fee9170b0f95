"""People, their roles, and their API tokens."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAKEHOLDER = "stakeholder", _("stakeholder")
    DELEGATION = "delegation", _("delegation member")
    SECRETARIAT = "secretariat", _("secretariat")
    CHAIR = "chair", _("chair")


class User(AbstractUser):
    """A person; belongs to one delegation (delegation members) or one organization."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    delegation = models.ForeignKey(
        "process.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    organization = models.ForeignKey(
        "process.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("Adds and removes the members of their own delegation."),
    )
    illustrative = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="delegation_members_have_a_delegation",
                condition=~models.Q(role="delegation")
                | models.Q(delegation__isnull=False, organization__isnull=True),
            ),
            models.CheckConstraint(
                name="stakeholders_have_an_organization",
                condition=~models.Q(role="stakeholder")
                | models.Q(organization__isnull=False, delegation__isnull=True),
            ),
        ]

    @property
    def runs_process(self) -> bool:
        """The secretariat and the chair run the process."""
        return self.is_authenticated and self.role in {Role.SECRETARIAT, Role.CHAIR}


def token_expiry() -> datetime.datetime:
    """When a token issued now expires: API_TOKEN_LIFETIME_DAYS from now."""
    return timezone.now() + datetime.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS)


class TokenState(models.TextChoices):
    VALID = "valid", _("valid")
    UNKNOWN = "unknown", _("unknown")
    REVOKED = "revoked", _("revoked")
    EXPIRED = "expired", _("expired")


class ApiToken(models.Model):
    """A bearer token for programs; only its hash is stored. It expires and can be revoked."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When it last changed something: a read never writes (it may be served by a replica).
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=token_expiry)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, label: str = "") -> tuple["ApiToken", str]:
        key = secrets.token_urlsafe(32)
        # The prefix is typed on a command line (plenary revoke-token), where "-" starts an option.
        while key.startswith("-"):
            key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, label=label, prefix=key[:8], key_hash=cls.hash(key))
        return token, key

    @classmethod
    def verify(cls, key: str, *, writing: bool = False) -> tuple[User | None, str]:
        """The token's person if it may be used now, and the token's state; a token used to
        write has its last use recorded."""
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=cls.hash(key), user__is_active=True)
            .first()
        )
        if token is None:
            return None, TokenState.UNKNOWN
        now = timezone.now()
        if token.revoked_at is not None:
            return None, TokenState.REVOKED
        if token.expires_at <= now:
            return None, TokenState.EXPIRED
        if writing:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, TokenState.VALID

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        return cls.verify(key)[0]
