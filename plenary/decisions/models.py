"""Decisions and recorded votes: a resolution or decision, how it was taken, each state's vote."""

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
    # Title and summary in the other UN languages, {"fr": {"title": "…"}}; see translations.py.
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        # The table kept its name when decisions moved out of positions into an app of their own.
        db_table = "positions_decision"
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
        db_table = "positions_votecast"
        ordering = ["decision", "delegation__name"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "delegation"], name="one_vote_per_state")
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.vote}"
