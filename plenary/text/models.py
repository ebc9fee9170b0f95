"""Versions of the negotiating text: immutable snapshots, public once published."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
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
    # The label in other languages; the text itself stays as negotiated.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
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
    adopted_by = models.OneToOneField(
        "positions.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="final_version",
        help_text=_("The decision that adopted this text as a whole; the text is then final."),
    )

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["negotiation", "position"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "position"], name="version_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.label} ({date_format(self.date, 'DATE_FORMAT')})"


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


class ParagraphStatus(models.TextChoices):
    OPEN = "open", _("open")
    INFORMALLY_AGREED = "informally_agreed", _("informally agreed")
    AGREED_AD_REFERENDUM = "agreed_ad_ref", _("agreed ad referendum")


class ParagraphState(models.Model):
    """Where a paragraph of the working text stands; nothing is agreed until everything is."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="paragraph_states"
    )
    eid = models.CharField(max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ParagraphStatus.choices, default=ParagraphStatus.OPEN
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "eid"], name="one_state_per_paragraph")
        ]

    def __str__(self) -> str:
        return f"{self.eid}: {self.get_status_display()}"


class ProposalKind(models.TextChoices):
    INSERT_BEFORE = "insert_before", _("insert a paragraph before")
    INSERT_AFTER = "insert_after", _("insert a paragraph after")
    DELETE = "delete", _("delete")
    REPLACE = "replace", _("replace")
    ALTERNATIVE = "alternative", _("add an alternative")
    COMMENT = "comment", _("comment")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("open")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Proposal(models.Model):
    """A delegation's proposal on a paragraph of the working text, with its co-sponsors."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="proposals"
    )
    eid = models.CharField(_("paragraph"), max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    text = models.TextField(_("text"), blank=True)
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="proposals"
    )
    cosponsors = models.ManyToManyField(
        "process.Delegation", blank=True, related_name="cosponsored_proposals"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "eid", "made_at", "id"]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_kind_display()} {self.eid}"


class PackageStatus(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACCEPTED = "accepted", _("accepted")
    REJECTED = "rejected", _("rejected")


class Package(models.Model):
    """The chair's compromise: paragraphs whose wording is accepted or rejected as one."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="packages"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    eids = models.JSONField(_("paragraphs"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=PackageStatus.choices, default=PackageStatus.PROPOSED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class IndexedParagraph(models.Model):
    """One paragraph of one version, kept flat so that the text can be searched."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="index")
    eid = models.CharField(max_length=200)
    number = models.CharField(max_length=20, blank=True)
    article = models.CharField(max_length=300, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["version", "id"]

    def __str__(self) -> str:
        return f"{self.version}: {self.eid}"
