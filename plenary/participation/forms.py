"""Forms parse what people type; the services decide whether it is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.participation.models import Attendance


class AgendaItemForm(forms.Form):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=300)
    eids = forms.CharField(
        label=_("Parts of the text (eIds, e.g. chp_2 art_7)"), max_length=4000, required=False
    )
    scheduled_at = forms.DateTimeField(
        label=_("Taken up at (the session's local time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    attendance = forms.ChoiceField(label=_("Attendance"), choices=Attendance.choices)


class FloorRequestForm(forms.Form):
    speaker = forms.CharField(max_length=40, required=False)
    on_behalf_of = forms.CharField(max_length=60, required=False)


class InterventionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    text = forms.CharField(label=_("Text"), max_length=50_000, widget=forms.Textarea)
    eids = forms.CharField(
        label=_("Paragraphs addressed (eIds; empty: those of the agenda item)"),
        max_length=4000,
        required=False,
    )
