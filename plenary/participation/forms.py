"""Forms parse what people type; the services decide whether it is allowed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.participation.models import Attendance
from plenary.participation.services.agenda import room_outline
from plenary.text.forms import ALL_KINDS, ProvisionsField


class PartsOfTheText(forms.Form):
    """A form that offers the parts of the text everyone following the session may see."""

    def __init__(self, *args: Any, session: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["provisions"].offer(room_outline(session), ALL_KINDS)


class AgendaItemForm(PartsOfTheText):
    number = forms.IntegerField(label=_("Number"), min_value=1, max_value=999)
    title = forms.CharField(label=_("Title"), max_length=300)
    provisions = ProvisionsField(label=_("Parts of the text"), required=False)
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


class InterventionForm(PartsOfTheText):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    text = forms.CharField(label=_("Text"), max_length=50_000, widget=forms.Textarea)
    provisions = ProvisionsField(
        label=_("Parts of the text addressed (none chosen: those of the agenda item)"),
        required=False,
    )
