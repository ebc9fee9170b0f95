"""Advocacy: coalitions of stakeholders, their joint statements and open letters with verified
signatories, and their red lines assessed on every version of the text."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class Coalition(Sourced):
    """Organizations (and delegations) acting together; a private one keeps its list to itself."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="coalitions"
    )
    slug = models.SlugField(_("short name"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    private = models.BooleanField(
        _("private membership list"),
        default=False,
        help_text=_(
            "The members are shown to members, the secretariat and the chair only; drafts and "
            "red lines to members only."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "slug"], name="coalition_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    MEMBER = "member", _("member")
    ADMIN = "admin", _("admin")


class CoalitionMember(models.Model):
    """An organization or a delegation in a coalition; its people act for the coalition."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(
        "process.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coalition_memberships",
    )
    delegation = models.ForeignKey(
        "process.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coalition_memberships",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["coalition", "id"]
        constraints = [
            models.CheckConstraint(
                name="coalition_member_is_one_party",
                condition=models.Q(organization__isnull=False, delegation__isnull=True)
                | models.Q(organization__isnull=True, delegation__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["coalition", "organization"], name="organization_joins_once"
            ),
            models.UniqueConstraint(
                fields=["coalition", "delegation"], name="delegation_joins_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.organization or self.delegation)


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("waiting for an answer")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn by the coalition")


class CoalitionInvitation(models.Model):
    """An admin's invitation to an organization or a delegation to join a coalition: it becomes
    a member only when one of its own people accepts."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="invitations")
    organization = models.ForeignKey(
        "process.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coalition_invitations",
    )
    delegation = models.ForeignKey(
        "process.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coalition_invitations",
    )
    role = models.CharField(
        _("role"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited at"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["coalition", "-invited_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="coalition_invitation_is_to_one_party",
                condition=models.Q(organization__isnull=False, delegation__isnull=True)
                | models.Q(organization__isnull=True, delegation__isnull=False),
            ),
            # One invitation waiting per party and coalition, also when two admins invite at once.
            models.UniqueConstraint(
                fields=["coalition", "organization"],
                condition=models.Q(status="pending", organization__isnull=False),
                name="one_pending_invitation_per_organization",
            ),
            models.UniqueConstraint(
                fields=["coalition", "delegation"],
                condition=models.Q(status="pending", delegation__isnull=False),
                name="one_pending_invitation_per_delegation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization or self.delegation} → {self.coalition}"

    @property
    def party(self) -> Any:
        return self.organization or self.delegation


class StatementKind(models.TextChoices):
    JOINT_STATEMENT = "joint_statement", _("joint statement")
    OPEN_LETTER = "open_letter", _("open letter")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open for sign-on")
    CLOSED = "closed", _("closed for sign-on")
    PUBLISHED = "published", _("published")


class Statement(Sourced):
    """A coalition's joint statement or open letter: drafted, opened for sign-on, published."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(_("kind"), max_length=20, choices=StatementKind.choices)
    title = models.CharField(_("title"), max_length=300)
    # The title in other UN languages, {"fr": {"title": "…"}}; see plenary/translations.py.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StatementStatus.choices, default=StatementStatus.DRAFT
    )
    provisions = models.ManyToManyField(
        "text.Provision",
        blank=True,
        related_name="statements",
        verbose_name=_("paragraphs addressed"),
    )
    sessions = models.ManyToManyField(
        "process.Session", blank=True, related_name="statements", verbose_name=_("sessions")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(_("opened for sign-on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed for sign-on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["coalition", "-created_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def negotiation(self) -> Any:
        return self.coalition.negotiation

    @property
    def wording(self) -> "StatementWording | None":
        """The current wording: the latest version (read from a prefetch when there is one)."""
        wordings = list(self.wordings.all())
        return max(wordings, key=lambda w: w.number) if wordings else None


class StatementWording(models.Model):
    """One version of a statement's text; drafts are reworded, never overwritten."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="wordings")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=20_000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "number"], name="wording_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.statement} (v{self.number})"


class Signature(models.Model):
    """An organization's signature, given by one of its people; a withdrawal keeps its date."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="signatures")
    organization = models.ForeignKey(
        "process.Organization", on_delete=models.PROTECT, related_name="signatures"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["statement", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "organization"], name="organization_signs_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} signs {self.statement}"


class RedLine(Sourced):
    """A coalition's criterion on some paragraphs, assessed on every version of the text."""

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="red_lines")
    title = models.CharField(_("title"), max_length=200)
    criterion = models.TextField(_("criterion"), max_length=5000)
    provisions = models.ManyToManyField(
        "text.Provision", related_name="red_lines", verbose_name=_("paragraphs")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["coalition", "id"]

    def __str__(self) -> str:
        return self.title


class Verdict(models.TextChoices):
    MET = "met", _("met")
    PARTLY_MET = "partly_met", _("partly met")
    NOT_MET = "not_met", _("not met")


class Assessment(models.Model):
    """How one version of the text measures up to a red line, with the reasons and the words."""

    red_line = models.ForeignKey(RedLine, on_delete=models.CASCADE, related_name="assessments")
    version = models.ForeignKey(
        "text.Version", on_delete=models.CASCADE, related_name="red_line_assessments"
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=Verdict.choices)
    reasoning = models.TextField(_("reasoning"), max_length=5000)
    quoted_wording = models.TextField(_("quoted wording"), max_length=5000, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(_("assessed at"))
    illustrative = models.BooleanField(_("illustrative"), default=False)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["red_line", "version__position"]
        constraints = [
            models.UniqueConstraint(fields=["red_line", "version"], name="one_assessment_a_version")
        ]

    def __str__(self) -> str:
        return f"{self.red_line} on {self.version}: {self.get_verdict_display()}"


class Reassessment(models.Model):
    """A red line flagged because a new version changed one of its paragraphs; assessing that
    version (or a later one) clears it."""

    red_line = models.ForeignKey(RedLine, on_delete=models.CASCADE, related_name="reassessments")
    version = models.ForeignKey("text.Version", on_delete=models.CASCADE, related_name="+")
    previous = models.ForeignKey("text.Version", on_delete=models.CASCADE, related_name="+")
    # [{"provision": id, "eid": ..., "runs": [{"op": "equal|insert|delete", "text": ...}]}] for
    # the changed ones, the eId as the new version has it.
    changes = models.JSONField(default=list)
    flagged_at = models.DateTimeField(_("flagged at"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)

    class Meta:
        ordering = ["red_line", "-flagged_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["red_line", "version"], name="one_flag_a_version")
        ]

    def __str__(self) -> str:
        return f"{self.red_line}: re-assess on {self.version}"

    def is_open(self, assessed: Iterable[int]) -> bool:
        """Still to re-assess, given the positions of the versions assessed (those the reader
        may see, up to the version shown): no assessment of its version or a later one."""
        return not any(position >= self.version.position for position in assessed)
