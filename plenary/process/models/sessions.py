"""Sessions of the negotiating body and what happened to them."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced


class SessionKind(models.TextChoices):
    ORGANIZATIONAL = "organizational", _("organizational session")
    SUBSTANTIVE = "substantive", _("substantive session")
    CONCLUDING = "concluding", _("concluding session")
    RESUMED = "resumed", _("reconvened session")
    INTERSESSIONAL = "intersessional", _("intersessional consultation")
    INFORMAL = "informal", _("informal consultation")
    REGIONAL = "regional", _("regional consultation")


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    HYBRID = "hybrid", _("hybrid")
    REMOTE = "remote", _("remote")
    # The record does not always say whether a past session was hybrid; we do not guess.
    NOT_RECORDED = "not_recorded", _("format not recorded")


class Openness(models.TextChoices):
    OPEN = "open", _("open to stakeholders")
    CLOSED = "closed", _("closed to stakeholders")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    CONCLUDED = "concluded", _("concluded")
    SUSPENDED = "suspended", _("suspended")
    POSTPONED = "postponed", _("postponed")


class Session(Sourced):
    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="sessions"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices)
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("Where the meetings are held, e.g. Palais des Nations, Room XIX."),
    )
    # NULL means online: the API reports `city: null` for remote meetings.
    city = models.CharField(_("city"), max_length=100, null=True, blank=True)  # noqa: DJ001
    # The IANA time zone the session's meetings, deadlines and calendar are stated in.
    timezone = models.CharField(_("time zone"), max_length=60)
    mode = models.CharField(_("mode"), max_length=20, choices=SessionMode.choices)
    openness = models.CharField(_("openness"), max_length=10, choices=Openness.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    convened_by = models.CharField(
        _("convened by"),
        max_length=200,
        blank=True,
        help_text=_("Who called the meeting, e.g. the Chair; shown even when it is closed."),
    )
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_sources = models.JSONField(_("sources of the outcome"), default=list, blank=True)
    resumes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resumptions",
        verbose_name=_("resumes the suspended session"),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["negotiation", "start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.openness == Openness.CLOSED


class SessionEventKind(models.TextChoices):
    POSTPONED = "postponed", _("postponed")
    RESCHEDULED = "rescheduled", _("rescheduled")
    SUSPENDED = "suspended", _("suspended")
    RECONVENED = "reconvened", _("reconvened")
    CONCLUDED = "concluded", _("concluded")


class SessionEvent(Sourced):
    """A step in a session's history: postponed, suspended, reconvened, concluded."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=SessionEventKind.choices)
    date = models.DateField(_("on"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "date", "id"]

    def __str__(self) -> str:
        return f"{self.session}: {self.get_kind_display()} {date_format(self.date)}"
