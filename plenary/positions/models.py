"""Decisions and recorded votes (the General Assembly's and the committee's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
