"""Forms parse what people type; the services decide whether it is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.process.models.participants import OrganizationKind
from plenary.process.models.sessions import Openness, SessionKind, SessionMode


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    number = forms.IntegerField(label=_("Number"), required=False, min_value=1, max_value=99)
    title = forms.CharField(label=_("Title"), max_length=200)
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    city = forms.CharField(label=_("City (empty if remote)"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    openness = forms.ChoiceField(label=_("Openness"), choices=Openness.choices)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SuspendForm(forms.Form):
    on = forms.DateField(label=_("Suspended on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class ReconveneForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    city = forms.CharField(label=_("City (empty if remote)"), max_length=100, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=SessionMode.choices)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)


class RoadmapDeadlineForm(forms.Form):
    date = forms.DateField(label=_("Due by"), widget=forms.DateInput(attrs={"type": "date"}))
    chapters = forms.CharField(
        label=_("Chapters (one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_chapters(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["chapters"].splitlines() if line.strip()]


class ObjectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the objection"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    admit = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("admit")), ("0", _("do not admit"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("How it was decided"), max_length=2000)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ListOrganizationForm(forms.Form):
    name = forms.CharField(label=_("Organization"), max_length=300)
    slug = forms.SlugField(label=_("Short name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    ecosoc_status = forms.BooleanField(label=_("ECOSOC consultative status"), required=False)
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
