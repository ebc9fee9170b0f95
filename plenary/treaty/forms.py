"""Forms for the secretariat's record of the treaty; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.treaty.models import InstrumentKind


class SourceFields(forms.Form):
    source_title = forms.CharField(label=_("Source: title"), max_length=500, required=False)
    source_symbol = forms.CharField(
        label=_("Source: document symbol"), max_length=500, required=False
    )
    source_url = forms.URLField(
        label=_("Source: address"), max_length=500, required=False, assume_scheme="https"
    )
    illustrative = forms.BooleanField(
        label=_("Illustrative (not from the public record)"), required=False
    )

    def sources(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        entry = {
            key: data[f"source_{key}"]
            for key in ("title", "symbol", "url")
            if data.get(f"source_{key}")
        }
        return [entry] if entry else []


class InstrumentForm(SourceFields):
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


class NationalStepForm(SourceFields):
    delegation = forms.ChoiceField(label=_("State"))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    step = forms.CharField(label=_("Step (e.g. parliamentary approval)"), max_length=300)
    field_order = ["delegation", "date", "step"]

    def __init__(self, *args, delegations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [(d.pk, d.name) for d in delegations]
