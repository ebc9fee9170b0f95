"""Versions of the negotiating text: immutable snapshots, public once published."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.sources import Sourced


class ProvisionKind(models.TextChoices):
    CHAPTER = "chapter", _("chapter")
    ARTICLE = "article", _("article")
    PARAGRAPH = "paragraph", _("paragraph")


class Provision(models.Model):
    """A chapter, article, paragraph or sub-paragraph of the text, with an identity that outlives
    its number: renumbered, moved to another chapter or reworded, it is the same provision, and
    everything said about it stays on it. Versions hold its number and wording at each moment
    (ProvisionText); plenary/text/structure.py explains the two names it carries."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="provisions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProvisionKind.choices)
    # Akoma Ntoso's wId: the eId it had where it first appeared, kept unique in the negotiation.
    wid = models.CharField(_("work identifier"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["negotiation", "id"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "wid"], name="provision_wid_unique")
        ]

    def __str__(self) -> str:
        return self.wid


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
        "decisions.Decision",
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
    provision = models.OneToOneField(
        Provision, on_delete=models.CASCADE, related_name="state", verbose_name=_("paragraph")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ParagraphStatus.choices, default=ParagraphStatus.OPEN
    )
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.provision}: {self.get_status_display()}"


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
    ACCEPTED = "accepted", _("accepted into the text")
    CLOSED = "closed", pgettext_lazy("proposal", "closed")


class ClosedBecause(models.TextChoices):
    """Why a proposal was closed without being accepted or withdrawn."""

    PROVISION_DELETED = "provision_deleted", _("its provision was deleted from the text")
    NOT_TAKEN = "not_taken", _("the chair did not take it into the text")


class Proposal(models.Model):
    """A delegation's proposal on a paragraph of the working text, with its co-sponsors."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="proposals"
    )
    provision = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("paragraph")
    )
    # The version the table had when it was made, so that it can say "made on Art. 22(1)".
    made_on = models.ForeignKey(
        "Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
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
    closed_because = models.CharField(
        _("closed because"), max_length=20, choices=ClosedBecause.choices, blank=True
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "made_at", "id"]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_kind_display()} {self.provision}"


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
    provisions = models.ManyToManyField(
        Provision, related_name="packages", verbose_name=_("paragraphs")
    )
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


class ProvisionText(models.Model):
    """A provision as one version has it: its kind, eId, number and wording (an article's or a
    chapter's title), where it stands, in reading order. Kept flat for search, and so that the
    database knows which provisions each version holds."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="parts")
    provision = models.ForeignKey(Provision, on_delete=models.PROTECT, related_name="texts")
    kind = models.CharField(max_length=10, choices=ProvisionKind.choices)
    position = models.PositiveIntegerField()
    eid = models.CharField(max_length=200)
    number = models.CharField(max_length=20, blank=True)
    # Where it stands, as a heading: "Article 7. Illegal access", "Preamble".
    article = models.CharField(max_length=300, blank=True)
    text = models.TextField()
    in_chapter = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    in_article = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "provision"], name="provision_once_a_version"
            ),
            models.UniqueConstraint(fields=["version", "eid"], name="eid_unique_in_a_version"),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.eid}"


class WorkingText(models.Model):
    """The text at the table: the latest version with the chair's changes made since, until the
    next version is issued from it. One per negotiation; changes are TextChange rows."""

    negotiation = models.OneToOneField(
        "process.Negotiation", on_delete=models.CASCADE, related_name="working_text"
    )
    based_on = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="+")
    content = models.JSONField(_("text"))
    lock_version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"{self.negotiation}: working text on {self.based_on}"


class TextChangeKind(models.TextChoices):
    EDITED = "edited", _("wording edited")
    PROPOSAL_ACCEPTED = "proposal_accepted", _("proposal accepted")
    ALTERNATIVE_CHOSEN = "alternative_chosen", _("alternative chosen")
    ALTERNATIVES_MERGED = "alternatives_merged", _("alternatives merged")
    INSERTED = "inserted", _("inserted")
    DELETED = "deleted", _("deleted")
    MOVED = "moved", _("moved")
    RENUMBERED = "renumbered", _("articles renumbered")


class TextChange(models.Model):
    """One change the chair made to the working text, with its author and reason; the version
    issued next is the first to hold it."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="text_changes"
    )
    provision = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TextChangeKind.choices)
    proposal = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(_("made at"))
    issued_in = models.ForeignKey(
        Version, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )

    class Meta:
        ordering = ["negotiation", "made_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.provision}"
