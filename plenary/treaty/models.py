"""The treaty after adoption: its opening for signature, the rule for its entry into force,
States' instruments (signature, ratification, acceptance, approval, accession) and the
national steps that lead to them."""

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced
from plenary.treaty.entry_into_force import CONSENT_KINDS, Rule


class Treaty(Sourced):
    """The adopted text as a treaty: one per negotiation."""

    negotiation = models.OneToOneField(
        "process.Negotiation", on_delete=models.CASCADE, related_name="treaty"
    )
    title = models.CharField(_("title"), max_length=400)
    approved_by = models.OneToOneField(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_treaty",
        verbose_name=_("approved by (negotiating body)"),
    )
    adopted_by = models.OneToOneField(
        "decisions.Decision",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_treaty",
        verbose_name=_("adopted by"),
    )
    signature_place = models.CharField(_("opened for signature at"), max_length=200, blank=True)
    signature_opens = models.DateField(_("open for signature from"), null=True, blank=True)
    signature_first_period_ends = models.DateField(
        _("signature there until"), null=True, blank=True
    )
    signature_then_at = models.CharField(_("thereafter at"), max_length=200, blank=True)
    signature_closes = models.DateField(_("open for signature until"), null=True, blank=True)
    threshold = models.PositiveSmallIntegerField(
        _("instruments needed"),
        help_text=_("Instruments of ratification, acceptance, approval or accession."),
    )
    days_after_threshold = models.PositiveSmallIntegerField(
        _("days after the last instrument needed")
    )
    days_after_later_deposit = models.PositiveSmallIntegerField(
        _("days after a later deposit"),
        help_text=_("For a State depositing after the threshold: its own entry into force."),
    )
    reio_counted = models.BooleanField(
        _("instruments of organizations of States count in addition"), default=False
    )
    rule_text = models.TextField(_("the rule in the treaty's words"), blank=True)
    depositary_record = models.JSONField(
        _("the depositary's record"),
        default=list,
        blank=True,
        help_text=_(
            "Where the depositary publishes signatures and instruments: the source of "
            "an instrument recorded without one of its own."
        ),
    )
    record_as_of = models.DateField(
        _("record checked up to"),
        null=True,
        blank=True,
        help_text=_(
            "The date up to which the depositary's record of signatures and instruments was "
            "checked: every count is as of this date."
        ),
    )
    status_note = models.TextField(
        _("note on the status"),
        blank=True,
        help_text=_("What the counts here leave out, e.g. the part of the record not yet entered."),
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name_plural = _("treaties")

    def __str__(self) -> str:
        return self.title

    @property
    def rule(self) -> Rule:
        return Rule(
            threshold=self.threshold,
            days_after_threshold=self.days_after_threshold,
            days_after_later_deposit=self.days_after_later_deposit,
            reio_counted=self.reio_counted,
        )


class InstrumentKind(models.TextChoices):
    SIGNATURE = "signature", _("signature")
    RATIFICATION = "ratification", _("ratification")
    ACCEPTANCE = "acceptance", _("acceptance")
    APPROVAL = "approval", _("approval")
    ACCESSION = "accession", _("accession")


class Instrument(Sourced):
    """A State's (or organization's) signature or instrument of consent, with its date and
    what it declared or reserved."""

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="instruments")
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="treaty_instruments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    date = models.DateField(_("date of signature or deposit"))
    declarations = models.TextField(_("declarations"), blank=True)
    reservations = models.TextField(_("reservations"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["treaty", "date", "delegation__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["treaty", "delegation"],
                condition=models.Q(kind="signature"),
                name="one_signature_per_state",
            ),
            models.UniqueConstraint(
                fields=["treaty", "delegation"],
                condition=~models.Q(kind="signature"),
                name="one_consent_instrument_per_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.get_kind_display()} {date_format(self.date)}"

    @property
    def is_consent(self) -> bool:
        return self.kind in CONSENT_KINDS


class NationalStep(Sourced):
    """A step at home towards joining the treaty, e.g. parliamentary approval."""

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="national_steps")
    delegation = models.ForeignKey(
        "process.Delegation", on_delete=models.PROTECT, related_name="treaty_national_steps"
    )
    date = models.DateField(_("date"))
    step = models.CharField(_("step"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["treaty", "date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["treaty", "delegation", "date", "step"], name="national_step_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.delegation}: {self.step} ({date_format(self.date)})"


class AdoptionStep(Sourced):
    """A step between the negotiating body's approval of the text and its adoption, such as a
    Main Committee's approval of the draft resolution or the review of its costs. The record
    does not always date a step; then `date` is empty and `when` says what is known."""

    treaty = models.ForeignKey(Treaty, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("order"))
    body = models.CharField(_("body"), max_length=200)
    action = models.CharField(_("what it did"), max_length=400)
    document = models.CharField(_("document symbol"), max_length=100, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    when = models.CharField(
        _("when, if not dated"),
        max_length=200,
        blank=True,
        help_text=_("What the record says of its date, e.g. 'before 24 December 2024'."),
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["treaty", "position"]
        constraints = [
            models.UniqueConstraint(fields=["treaty", "position"], name="adoption_step_order")
        ]

    def __str__(self) -> str:
        return f"{self.body}: {self.action}"
