"""Accreditation of stakeholder organizations to a negotiation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class AccreditationPath(models.TextChoices):
    ECOSOC = "ecosoc", _("ECOSOC consultative status")
    NON_OBJECTION = "non_objection", _("non-objection procedure")


class AccreditationStatus(models.TextChoices):
    PENDING = "pending", _("on the list, non-objection period running")
    HELD = "held", _("held: a member state objected")
    ADMITTED = "admitted", _("admitted")
    REJECTED = "rejected", _("not admitted")


class AccreditationRequest(Sourced):
    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="accreditation_requests"
    )
    organization = models.ForeignKey(
        "process.Organization", on_delete=models.PROTECT, related_name="accreditation_requests"
    )
    path = models.CharField(_("path"), max_length=20, choices=AccreditationPath.choices)
    status = models.CharField(_("status"), max_length=20, choices=AccreditationStatus.choices)
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    non_objection_deadline = models.DateTimeField(_("objections due by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("decision"), max_length=2000, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "-requested_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["negotiation", "organization"], name="one_accreditation_per_organization"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_status_display()})"


class AccreditationObjection(Sourced):
    """A member state's objection to an organization on the non-objection list."""

    request = models.ForeignKey(
        AccreditationRequest, on_delete=models.CASCADE, related_name="objections"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="accreditation_objections"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    objected_at = models.DateTimeField(_("objected at"))

    class Meta:
        ordering = ["request", "objected_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "delegation"], name="one_objection_per_delegation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation} objects to {self.request.organization}"
