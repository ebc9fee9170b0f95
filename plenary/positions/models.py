"""Issues, stances and objections on the text."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class Issue(Sourced):
    """A cross-cutting question of the negotiation (e.g. the scope of criminalization)."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="issues"
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    low = models.CharField(_("what 0 means"), max_length=200, blank=True)
    high = models.CharField(_("what 100 means"), max_length=200, blank=True)
    provisions = models.ManyToManyField(
        "text.Provision", blank=True, related_name="issues", verbose_name=_("paragraphs concerned")
    )
    status_quo = models.FloatField(
        _("no-agreement point (0-100)"),
        default=0.0,
        help_text=_("Where the issue stands if there is no agreement, on the issue's scale."),
    )
    options = models.JSONField(
        _("discrete options"),
        default=list,
        blank=True,
        help_text=_(
            'Options a package can choose, each placed on the scale: [{"label", "value"}].'
        ),
    )

    class Meta:
        ordering = ["negotiation", "title"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "slug"], name="issue_slug_unique")
        ]

    def __str__(self) -> str:
        return self.title


def one_of(*fields: str) -> models.Q:
    """Exactly one of these foreign keys is set."""
    either = models.Q()
    for field in fields:
        condition = models.Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                condition &= models.Q(**{f"{other}__isnull": True})
        either |= condition
    return either


class StanceChoice(models.TextChoices):
    SUPPORT = "support", _("support")
    OPPOSE = "oppose", _("oppose")
    AMEND = "amend", _("amend")
    RESERVATION = "reservation", _("reservation")
    SILENT = "silent", _("silent")


class Stance(models.Model):
    """A delegation's stance on an issue, a provision, a package or a proposal, always from a
    source; the latest counts and the earlier ones stay as its history."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="stances"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="stances"
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="stances"
    )
    provision = models.ForeignKey(
        "text.Provision", null=True, blank=True, on_delete=models.PROTECT, related_name="stances"
    )
    package = models.ForeignKey(
        "text.Package", null=True, blank=True, on_delete=models.PROTECT, related_name="stances"
    )
    proposal = models.ForeignKey(
        "text.Proposal", null=True, blank=True, on_delete=models.PROTECT, related_name="stances"
    )
    # The version the delegation had before it, so that it can say "made on Art. 22(1)".
    made_on = models.ForeignKey(
        "text.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stance = models.CharField(_("stance"), max_length=20, choices=StanceChoice.choices)
    position = models.FloatField(_("position (0-100)"), null=True, blank=True)
    salience = models.FloatField(_("salience (0-1)"), null=True, blank=True)
    sources = models.JSONField(_("sources"))
    stated_on = models.DateField(
        _("stated on"), null=True, blank=True, help_text=_("When the delegation took it.")
    )
    illustrative = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["negotiation", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="stance_on_one_subject",
                condition=one_of("issue", "provision", "package", "proposal"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.stance} on {self.subject}"

    @property
    def subject(self) -> Any:
        return self.issue or self.provision or self.package or self.proposal


class Objection(models.Model):
    """A delegation's objection to a provision or a package: it blocks consensus until
    withdrawn. A delegation has at most one standing objection to the same thing."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="objections"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="objections"
    )
    provision = models.ForeignKey(
        "text.Provision", null=True, blank=True, on_delete=models.PROTECT, related_name="objections"
    )
    package = models.ForeignKey(
        "text.Package", null=True, blank=True, on_delete=models.PROTECT, related_name="objections"
    )
    made_on = models.ForeignKey(
        "text.Version", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    objected_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["negotiation", "objected_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="objection_to_one_subject", condition=one_of("provision", "package")
            ),
            models.UniqueConstraint(
                fields=["delegation", "provision"],
                condition=models.Q(withdrawn_at__isnull=True, provision__isnull=False),
                name="one_standing_objection_to_a_provision",
            ),
            models.UniqueConstraint(
                fields=["delegation", "package"],
                condition=models.Q(withdrawn_at__isnull=True, package__isnull=False),
                name="one_standing_objection_to_a_package",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation} objects to {self.provision or self.package}"


class Capability(Sourced):
    """How much weight a delegation brings to bear in the forecasts, relative to the others (1 is
    the default for everyone), always from a stated index or marked illustrative."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="capabilities"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.CASCADE, related_name="capabilities"
    )
    value = models.FloatField(_("capability"))

    class Meta:
        ordering = ["negotiation", "delegation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["negotiation", "delegation"], name="one_capability_per_delegation"
            ),
            models.CheckConstraint(name="capability_positive", condition=models.Q(value__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.value}"
