"""Versions of the negotiating text: immutable snapshots, public once published."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class VersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Version(Sourced):
    """A snapshot of the whole text ("zero draft", "revised draft", ...), never edited."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="versions"
    )
    label = models.CharField(_("label"), max_length=200)
    date = models.DateField(_("date"))
    position = models.PositiveIntegerField(_("order"))
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Informal drafts are for delegations only.")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    content = models.JSONField(_("text"))
    imported_from = models.CharField(_("imported from"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["negotiation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "position"], name="version_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.date:%d %B %Y})"


class Submission(models.Model):
    """A delegation's proposed text for one chapter, made for a roadmap deadline."""

    deadline = models.ForeignKey(
        "process.RoadmapDeadline", on_delete=models.PROTECT, related_name="submissions"
    )
    chapter = models.CharField(_("chapter"), max_length=200)
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="submissions"
    )
    text = models.TextField(_("text"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField(_("late"), default=False)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["deadline", "chapter", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "chapter", "delegation"], name="one_submission_per_chapter"
            )
        ]

    def __str__(self) -> str:
        late = " (late)" if self.late else ""
        return f"{self.delegation}: {self.chapter}{late}"
