"""Forms for the secretariat's record of the treaty; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.decisions.models import DecisionMethod, VoteChoice
from plenary.forms import SLUG_MESSAGE, PlenaryForm, SourceFields
from plenary.treaty.models import InstrumentKind


class Sources(SourceFields):
    """The source of a treaty fact."""


class SourcedFields(Sources):
    illustrative = forms.BooleanField(
        label=_("Illustrative (not from the public record)"), required=False
    )


class InstrumentForm(SourcedFields):
    delegation = forms.ChoiceField(label=_("State"))
    kind = forms.ChoiceField(label=_("Instrument"), choices=InstrumentKind.choices)
    date = forms.DateField(
        label=_("Date of signature or deposit"), widget=forms.DateInput(attrs={"type": "date"})
    )
    declarations = forms.CharField(
        label=_("Declarations"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reservations = forms.CharField(
        label=_("Reservations"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["delegation", "kind", "date", "declarations", "reservations"]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [(d.pk, d.name) for d in delegations]


class NationalStepForm(SourcedFields):
    delegation = forms.ChoiceField(label=_("State"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    step = forms.CharField(label=_("Step (e.g. parliamentary approval)"), max_length=300)
    field_order = ["delegation", "date", "step"]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [(d.pk, d.name) for d in delegations]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class AdoptionForm(Sources):
    title = forms.CharField(label=_("Title of the treaty"), max_length=400)
    symbol = forms.CharField(label=_("Adopting resolution (symbol)"), max_length=60)
    body = forms.CharField(label=_("Adopted by"), max_length=200, initial="General Assembly")
    date = _date_field(_("Date of adoption"))
    method = forms.ChoiceField(label=_("How it was adopted"), choices=DecisionMethod.choices)
    votes = forms.CharField(
        label=_("Recorded vote: one State a line, its ISO code and yes, no, abstain or absent"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    threshold = forms.IntegerField(label=_("Instruments needed"), initial=40, min_value=1)
    days_after_threshold = forms.IntegerField(
        label=_("Days after the last instrument needed"), initial=90, min_value=0
    )
    days_after_later_deposit = forms.IntegerField(
        label=_("Days after a later deposit"), initial=30, min_value=0
    )
    reio_counted = forms.BooleanField(
        label=_("Instruments of organizations of States count in addition"), required=False
    )
    rule_text = forms.CharField(
        label=_("The rule in the treaty's words"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["title", "symbol", "body", "date", "method", "votes"]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.delegations = {d.iso2: d for d in delegations if d.iso2}

    def clean_votes(self):
        """'BR yes' lines → {delegation: vote}; the service checks the rest."""
        votes = {}
        for number, line in enumerate(self.cleaned_data["votes"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = line.split()
            delegation = self.delegations.get(parts[0].upper())
            if len(parts) != 2 or delegation is None or parts[1] not in VoteChoice.values:
                raise forms.ValidationError(
                    _("Line %(number)s: write a State's ISO code and yes, no, abstain or absent.")
                    % {"number": number}
                )
            votes[delegation] = parts[1]
        return votes


class SignatureOpeningForm(PlenaryForm):
    place = forms.CharField(label=_("Opened for signature at"), max_length=200)
    opens = _date_field(_("From"))
    first_period_ends = _date_field(_("There until"))
    then_at = forms.CharField(label=_("Thereafter at"), max_length=200, required=False)
    closes = _date_field(_("Open for signature until"))
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class ProtocolForm(Sources):
    slug = forms.SlugField(
        label=_("Short name (in addresses)"),
        max_length=80,
        error_messages={"invalid": SLUG_MESSAGE},
    )
    title = forms.CharField(label=_("Title"), max_length=400)
    short_title = forms.CharField(label=_("Short title"), max_length=160)
    mandate = forms.CharField(label=_("Mandate (the resolution's symbol)"), max_length=60)
    open_to_parent_parties_only = forms.BooleanField(
        label=_("Open only to parties to the treaty"), required=False, initial=True
    )
    field_order = ["slug", "title", "short_title", "mandate", "open_to_parent_parties_only"]


class AdmissionForm(PlenaryForm):
    delegation = forms.ChoiceField(label=_("State"))

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [(d.pk, d.name) for d in delegations]
