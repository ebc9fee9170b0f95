"""People, their roles, and their API tokens."""

import hashlib
import secrets

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

    @property
    def sees_closed_meetings(self) -> bool:
        """Closed sessions are for delegations, the secretariat and the chair."""
        return self.is_authenticated and self.role in {
            Role.DELEGATION,
            Role.SECRETARIAT,
            Role.CHAIR,
        }


class ApiToken(models.Model):
    """A bearer token for programs; only its hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    label = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, label: str = "") -> tuple["ApiToken", str]:
        key = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, label=label, prefix=key[:8], key_hash=cls.hash(key))
        return token, key

    @classmethod
    def authenticate(cls, key: str) -> User | None:
        token = (
            cls.objects.select_related("user")
            .filter(key_hash=cls.hash(key), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
