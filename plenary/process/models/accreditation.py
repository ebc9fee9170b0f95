"""Accreditation of stakeholder organizations to a negotiation.

A listed organization is admitted when its non-objection period ends without objection. That is
derived when the request is read (`effective_status`, `admitted_requests`), so that the record
is right without a write on a page; the worker and `plenary admit-lapsed-accreditations` write
the admission down afterwards. Why a request was decided is a fact (its path, who decided), and
the sentence saying so is rendered when shown, in the reader's language (`decision`)."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
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


def admitted_requests(at: datetime.datetime | None = None) -> Q:
    """The requests admitted at this moment: recorded as admitted, or listed with the
    non-objection period over and no objection (an objection holds a request)."""
    return Q(status=AccreditationStatus.ADMITTED) | Q(
        status=AccreditationStatus.PENDING, non_objection_deadline__lte=at or timezone.now()
    )


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
        return str(self.organization)

    @property
    def lapsed(self) -> bool:
        """Listed, and the non-objection period ended without objection: admitted."""
        return (
            self.status == AccreditationStatus.PENDING
            and self.non_objection_deadline is not None
            and self.non_objection_deadline <= timezone.now()
        )

    @property
    def effective_status(self) -> str:
        """The status now, whether or not a lapsed period has been written down yet."""
        return AccreditationStatus.ADMITTED if self.lapsed else self.status

    @property
    def effective_status_label(self) -> str:
        return str(AccreditationStatus(self.effective_status).label)

    @property
    def decided_on(self) -> datetime.datetime | None:
        """When it was decided: a lapsed period decides at its end."""
        return self.non_objection_deadline if self.lapsed else self.decided_at

    @property
    def decision(self) -> str:
        """How it was decided, in the reader's language; a decision recorded by the secretariat
        or the chair is their note, as they wrote it."""
        if self.decision_note:
            return self.decision_note
        if self.effective_status != AccreditationStatus.ADMITTED:
            return ""
        if self.path == AccreditationPath.ECOSOC:
            return gettext("Admitted on request: in consultative status with ECOSOC.")
        return gettext("Admitted: no member state objected within the period.")


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
