"""Documents on the record: what States and stakeholders submitted or said, and reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class DocumentKind(models.TextChoices):
    DRAFT_TEXT = "draft_text", _("draft text")
    SUBMISSION = "submission", _("submission")
    STATEMENT = "statement", _("statement")
    JOINT_STATEMENT = "joint_statement", _("joint statement")
    OPEN_LETTER = "open_letter", _("open letter")
    REPORT = "report", _("report")


class RecordDocument(Sourced):
    """A document of the public record: its title, who issued it and when, the session or
    roadmap deadline it was for, how many signed it where the record says, and its text where
    it may be reproduced (otherwise the sources link to it)."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=400)
    authors = models.CharField(
        _("issued by"), max_length=500, help_text=_("As the document names its authors.")
    )
    delegations = models.ManyToManyField(
        "process.Delegation", blank=True, related_name="documents", verbose_name=_("States")
    )
    date = models.DateField(_("date"), null=True, blank=True)
    when = models.CharField(
        _("when, if not dated"),
        max_length=200,
        blank=True,
        help_text=_("What the record says of its date, e.g. 'by 8 April 2022'."),
    )
    session = models.ForeignKey(
        "process.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("session"),
    )
    deadline = models.ForeignKey(
        "process.RoadmapDeadline",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("for the roadmap deadline"),
    )
    signatories = models.PositiveIntegerField(
        _("number of signatories"), null=True, blank=True, help_text=_("Where the record says.")
    )
    text = models.TextField(_("text"), blank=True, help_text=_("Only where it may be reproduced."))

    class Meta:
        ordering = ["negotiation", models.F("date").desc(nulls_last=True), "title"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "title"], name="record_document_unique")
        ]

    def __str__(self) -> str:
        return self.title
