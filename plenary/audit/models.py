"""The one append-only audit trail of who changed what, for every app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Entries keep the label their record's model had when they were written; a model that moved to
# another app is read under its label now, so that the trail is never rewritten.
FORMER_LABELS = {
    "positions.decision": "decisions.decision",
    "positions.votecast": "decisions.votecast",
}


class AppendOnly(Exception):
    """The audit trail is never rewritten."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit entries cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # An account that acted cannot be deleted (deactivate it instead): setting its entries'
    # actor to NULL would rewrite the trail.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name as it was when they acted (a user name can change later).
    actor_label = models.CharField(_("who"), max_length=200)
    action = models.CharField(_("what"), max_length=80, db_index=True)
    negotiation = models.ForeignKey(
        "process.Negotiation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    target_type = models.CharField(max_length=80)
    target_id = models.CharField(max_length=80)
    target_repr = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    note = models.TextField(blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit entries cannot be deleted.")

    @property
    def subject_type(self) -> str:
        """The label of the record's model as it is now (target_type as it was stored)."""
        return FORMER_LABELS.get(self.target_type, self.target_type)
