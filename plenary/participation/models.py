"""Sessions as they happen: agenda, registration, speakers lists, interventions."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from plenary.sources import Sourced


class Arrangements(Sourced):
    """How a session runs: meeting hours, when registration closes, notice and time limits.

    A session without a row here runs on the defaults below; the secretariat or the chair
    saves a row to change them. For a session of the public record the row says where its
    meeting hours come from (`hours_sources`) and, where the record does not give the rest
    (registration, notice, speaking times), is marked illustrative."""

    session = models.OneToOneField(
        "process.Session", on_delete=models.CASCADE, related_name="arrangements"
    )
    opens_at = models.TimeField(
        _("meetings open at"),
        default=datetime.time(10, 0),
        help_text=_("Local time of the session's city."),
    )
    closes_at = models.TimeField(
        _("meetings close at"),
        default=datetime.time(18, 0),
        help_text=_("Local time of the session's city."),
    )
    registration_closes_days = models.PositiveSmallIntegerField(
        _("registration closes (days before the first day)"),
        default=7,
        validators=[MaxValueValidator(365)],
    )
    advance_notice_hours = models.PositiveSmallIntegerField(
        _("stakeholders' advance notice to speak (hours)"),
        default=48,
        validators=[MaxValueValidator(720)],
    )
    member_state_seconds = models.PositiveSmallIntegerField(
        _("speaking time, member states (seconds)"),
        default=180,
        validators=[MaxValueValidator(3600)],
    )
    bloc_seconds = models.PositiveSmallIntegerField(
        _("speaking time, statements on behalf of a group (seconds)"),
        default=300,
        validators=[MaxValueValidator(3600)],
    )
    observer_seconds = models.PositiveSmallIntegerField(
        _("speaking time, observers (seconds)"),
        default=180,
        validators=[MaxValueValidator(3600)],
    )
    stakeholder_seconds = models.PositiveSmallIntegerField(
        _("speaking time, stakeholders (seconds)"),
        default=180,
        validators=[MaxValueValidator(3600)],
    )
    remote_url = models.URLField(
        _("remote participation (address)"),
        blank=True,
        help_text=_("Where people who take part remotely join the meetings."),
    )
    hours_sources = models.JSONField(
        _("sources of the meeting hours"),
        default=list,
        blank=True,
        help_text=_("Where the meeting hours are published, when the rest is not."),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("session arrangements")
        verbose_name_plural = _("session arrangements")

    def __str__(self) -> str:
        return f"Arrangements for {self.session}"


class ItemStatus(models.TextChoices):
    """Where the meeting is with an agenda item: the chair opens it and closes it."""

    NOT_OPENED = "not_opened", _("not taken up yet")
    OPEN = "open", _("under discussion")
    CLOSED = "closed", pgettext_lazy("agenda item", "closed")


class AgendaItem(Sourced):
    """An item on a session's agenda, linked to the parts of the text it covers."""

    session = models.ForeignKey(
        "process.Session", on_delete=models.CASCADE, related_name="agenda_items"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    provisions = models.ManyToManyField(
        "text.Provision",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("parts of the text"),
    )
    scheduled_at = models.DateTimeField(
        _("taken up at"),
        null=True,
        blank=True,
        help_text=_("When the meeting on this item starts; empty means the session's opening."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.NOT_OPENED
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    under_discussion = models.ForeignKey(
        "text.Provision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("paragraph under discussion"),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["session", "number"]
        constraints = [
            models.UniqueConstraint(fields=["session", "number"], name="agenda_item_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    REMOTE = "remote", _("remote")


class Registration(models.Model):
    """A person registered to attend a session, for a delegation or an organization."""

    session = models.ForeignKey(
        "process.Session", on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices)
    delegation = models.ForeignKey(
        "process.Delegation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    organization = models.ForeignKey(
        "process.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))
    illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["session", "delegation__name", "organization__name", "name"]
        constraints = [
            models.CheckConstraint(
                name="registration_for_a_delegation_or_an_organization",
                condition=models.Q(delegation__isnull=False, organization__isnull=True)
                | models.Q(delegation__isnull=True, organization__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.delegation or self.organization})"

    @property
    def affiliation(self):
        return self.delegation or self.organization


class SpeakerGroup(models.TextChoices):
    """The order in which groups are given the floor, unless the chair orders otherwise."""

    MEMBER_STATES = "member_states", _("member states")
    OBSERVERS = "observers", _("observer states and regional organizations")
    STAKEHOLDERS = "stakeholders", _("stakeholders")


GROUP_RANK = {
    SpeakerGroup.MEMBER_STATES: 0,
    SpeakerGroup.OBSERVERS: 1,
    SpeakerGroup.STAKEHOLDERS: 2,
}


class FloorStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    SPEAKING = "speaking", _("has the floor")
    SPOKE = "spoke", _("spoke")
    WITHDRAWN = "withdrawn", _("withdrawn")


# Still on the list: waiting for the floor, or speaking now.
PENDING = [FloorStatus.WAITING.value, FloorStatus.SPEAKING.value]


class SpeakerEntry(Sourced):
    """One request for the floor on an agenda item: a delegation (possibly on behalf of a
    group of states) or a stakeholder organization."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    group = models.CharField(_("group"), max_length=20, choices=SpeakerGroup.choices)
    delegation = models.ForeignKey(
        "process.Delegation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "process.Bloc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    organization = models.ForeignKey(
        "process.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    late = models.BooleanField(
        _("late"), default=False, help_text=_("Asked after the advance notice; the chair agreed.")
    )
    position = models.PositiveIntegerField(_("place set by the chair"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FloorStatus.choices, default=FloorStatus.WAITING
    )
    called_at = models.DateTimeField(_("given the floor at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["agenda_item", "requested_at", "id"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.CheckConstraint(
                name="speaker_is_a_delegation_or_an_organization",
                condition=models.Q(delegation__isnull=False, organization__isnull=True)
                | models.Q(delegation__isnull=True, organization__isnull=False, on_behalf_of=None),
            ),
            # One pending request per speaker and item, even when two arrive at once; a
            # speaker who spoke or withdrew may be inscribed again.
            models.UniqueConstraint(
                fields=["agenda_item", "on_behalf_of"],
                condition=models.Q(on_behalf_of__isnull=False, status__in=PENDING),
                name="one_pending_entry_per_bloc_and_item",
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "delegation"],
                condition=models.Q(
                    delegation__isnull=False, on_behalf_of__isnull=True, status__in=PENDING
                ),
                name="one_pending_entry_per_delegation_and_item",
            ),
            models.UniqueConstraint(
                fields=["agenda_item", "organization"],
                condition=models.Q(organization__isnull=False, status__in=PENDING),
                name="one_pending_entry_per_organization_and_item",
            ),
        ]

    def __str__(self) -> str:
        return self.speaker_label

    @property
    def speaker_label(self) -> str:
        if self.on_behalf_of_id:
            return _("%(delegation)s (on behalf of %(bloc)s)") % {
                "delegation": self.delegation,
                "bloc": self.on_behalf_of,
            }
        return str(self.delegation or self.organization)


class InterventionKind(models.TextChoices):
    ORAL = "oral", _("oral statement")
    WRITTEN = "written", _("written contribution")


class Intervention(Sourced):
    """The published text of an oral statement, or a written contribution, on an agenda item
    and the paragraphs it addresses."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="interventions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=InterventionKind.choices)
    speaker = models.OneToOneField(
        SpeakerEntry,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="intervention",
    )
    delegation = models.ForeignKey(
        "process.Delegation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    on_behalf_of = models.ForeignKey(
        "process.Bloc", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "process.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), max_length=50_000)
    provisions = models.ManyToManyField(
        "text.Provision",
        blank=True,
        related_name="interventions",
        verbose_name=_("parts of the text addressed"),
    )
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["agenda_item", "published_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="intervention_by_a_delegation_or_an_organization",
                condition=models.Q(delegation__isnull=False, organization__isnull=True)
                | models.Q(delegation__isnull=True, organization__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.author_label}"

    @property
    def author_label(self) -> str:
        if self.on_behalf_of_id:
            return _("%(delegation)s (on behalf of %(bloc)s)") % {
                "delegation": self.delegation,
                "bloc": self.on_behalf_of,
            }
        return str(self.delegation or self.organization)


def intervention_file_path(instance: "InterventionFile", filename: str) -> str:
    """Under the uploads folder (so backups carry it), by intervention, under a random name:
    the name people gave is kept in the record, never used as a path."""
    return f"interventions/{instance.intervention_id}/{uuid.uuid4().hex}.{instance.kind}"


class InterventionFile(models.Model):
    """A file published with a statement or a written contribution (PDF, Word, ODT, text)."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=intervention_file_path, max_length=200)
    name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["intervention", "uploaded_at", "id"]
        verbose_name = _("file of an intervention")
        verbose_name_plural = _("files of interventions")

    def __str__(self) -> str:
        return self.name
