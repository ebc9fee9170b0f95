"""The negotiation, its committee and its roadmap."""

import datetime
import zoneinfo

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class VotingMajority(models.TextChoices):
    TWO_THIRDS_PRESENT_VOTING = (
        "two_thirds_present_voting",
        _("two-thirds majority of members present and voting"),
    )
    SIMPLE_MAJORITY_PRESENT_VOTING = (
        "simple_majority_present_voting",
        _("simple majority of members present and voting"),
    )


class Negotiation(Sourced):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=400)
    short_title = models.CharField(_("short title"), max_length=160)
    # Titles in other UN languages, {"fr": {"title": "…", "short_title": "…"}}; see translations.py.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    mandate = models.CharField(
        _("mandate"), max_length=60, help_text=_("Symbol of the mandating resolution.")
    )
    body = models.CharField(_("negotiating body"), max_length=400)
    secretariat = models.CharField(_("secretariat"), max_length=300)
    decision_rule = models.TextField(
        _("decision rule"), help_text=_("How decisions are taken, in the rules' own words.")
    )
    voting_majority = models.CharField(
        _("majority when voting"),
        max_length=40,
        choices=VotingMajority.choices,
        default=VotingMajority.TWO_THIRDS_PRESENT_VOTING,
    )
    text_due = models.TextField(_("text due"), blank=True)
    mandate_expiry = models.TextField(_("when the mandate expires"), blank=True)
    timezone = models.CharField(_("time zone"), max_length=60, default="America/New_York")
    non_objection_days = models.PositiveSmallIntegerField(
        _("non-objection period (days)"), default=14
    )
    # An additional protocol is negotiated as a child of its parent treaty's negotiation.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="protocols",
        verbose_name=_("protocol to"),
    )
    open_to_parent_parties_only = models.BooleanField(
        _("open only to parties to the parent treaty"),
        default=False,
        help_text=_("Only delegations whose State is a party to the parent treaty take part."),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                name="only_protocols_restrict_to_parent_parties",
                condition=models.Q(open_to_parent_parties_only=False)
                | models.Q(parent__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.short_title

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-Chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")


class CommitteeMember(Sourced):
    """A member of the bureau: the chair, a vice-chair, the rapporteur."""

    negotiation = models.ForeignKey(Negotiation, on_delete=models.CASCADE, related_name="bureau")
    role = models.CharField(_("role"), max_length=20, choices=CommitteeRole.choices)
    name = models.CharField(_("name"), max_length=200, blank=True)
    delegation = models.ForeignKey(
        "process.Delegation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["negotiation", "role", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name or self.delegation}"


class RoadmapDeadline(Sourced):
    """A submission deadline for one or more chapters of the text."""

    negotiation = models.ForeignKey(Negotiation, on_delete=models.CASCADE, related_name="roadmap")
    date = models.DateField(_("due by"))
    chapters = models.JSONField(_("chapters"), default=list)
    set_at = models.ForeignKey(
        "process.Session",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="roadmap_deadlines",
        verbose_name=_("set at session"),
    )
    note = models.TextField(_("note"), blank=True)
    late_submissions_allowed = models.BooleanField(
        _("late submissions allowed"),
        default=False,
        help_text=_("Accepted after the deadline, and always flagged late."),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "date", "id"]

    def __str__(self) -> str:
        return f"{date_format(self.date)}: {', '.join(self.chapters)}"

    @property
    def closes_at(self) -> datetime.datetime:
        """The deadline is the end of its day in the negotiation's own time zone."""
        next_day = self.date + datetime.timedelta(days=1)
        return datetime.datetime.combine(next_day, datetime.time(), self.negotiation.tzinfo)

    def has_passed(self, at: datetime.datetime) -> bool:
        return at >= self.closes_at
