"""Decisions and recorded votes; issues, stances and objections on the text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from plenary.process.models.negotiation import VotingMajority
from plenary.sources import Sourced


class DecisionMethod(models.TextChoices):
    RECORDED_VOTE = "recorded_vote", _("recorded vote")
    WITHOUT_VOTE = "without_vote", _("without a vote")
    CONSENSUS = "consensus", _("consensus")


class Decision(Sourced):
    """A resolution or decision, e.g. A/RES/74/247, and how it was taken."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="decisions"
    )
    symbol = models.CharField(_("symbol"), max_length=60, unique=True)
    body = models.CharField(_("taken by"), max_length=200)
    title = models.CharField(_("title"), max_length=400)
    date = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=20, choices=DecisionMethod.choices)
    majority = models.CharField(
        _("majority required"),
        max_length=40,
        choices=VotingMajority.choices,
        blank=True,
        help_text=_("For a recorded vote; blank means the negotiation's own rule."),
    )
    summary = models.TextField(_("what it decided"), blank=True)

    class Meta:
        ordering = ["negotiation", "date", "symbol"]

    def __str__(self) -> str:
        return self.symbol


class VoteChoice(models.TextChoices):
    YES = "yes", _("in favour")
    NO = "no", _("against")
    ABSTAIN = "abstain", _("abstention")
    ABSENT = "absent", _("absent or not voting")


class VoteCast(models.Model):
    """One state's vote in a recorded vote."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="votes_cast"
    )
    vote = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        ordering = ["decision", "delegation__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "delegation"], name="one_vote_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.vote}"


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
    eids = models.JSONField(_("paragraphs concerned"), default=list, blank=True)
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


class StanceChoice(models.TextChoices):
    SUPPORT = "support", _("support")
    OPPOSE = "oppose", _("oppose")
    AMEND = "amend", _("amend")
    RESERVATION = "reservation", _("reservation")
    SILENT = "silent", _("silent")


class Stance(models.Model):
    """A delegation's stance on an issue or a paragraph, always from a source; the latest counts
    and the earlier ones stay as its history."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="stances"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="stances"
    )
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="stances"
    )
    eid = models.CharField(_("paragraph"), max_length=200, blank=True, db_index=True)
    stance = models.CharField(_("stance"), max_length=20, choices=StanceChoice.choices)
    position = models.FloatField(_("position (0-100)"), null=True, blank=True)
    salience = models.FloatField(_("salience (0-1)"), null=True, blank=True)
    sources = models.JSONField(_("sources"))
    illustrative = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["negotiation", "recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="stance_on_an_issue_or_a_paragraph",
                condition=(models.Q(issue__isnull=False) & models.Q(eid=""))
                | (models.Q(issue__isnull=True) & ~models.Q(eid="")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.stance} on {self.issue or self.eid}"


class Objection(models.Model):
    """A delegation's objection to a paragraph: it blocks consensus until withdrawn."""

    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="objections"
    )
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="objections"
    )
    eid = models.CharField(_("paragraph"), max_length=200, db_index=True)
    reason = models.TextField(_("reason"))
    objected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    objected_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    illustrative = models.BooleanField(default=False)

    class Meta:
        ordering = ["negotiation", "objected_at", "id"]
        constraints = [
            # A delegation objects once to the same thing until it withdraws the objection.
            models.UniqueConstraint(
                fields=["negotiation", "delegation", "eid"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_standing_objection",
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation} objects to {self.eid}"


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
