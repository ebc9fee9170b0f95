"""Forms parse what people type; the services decide whether it is allowed."""

import datetime
import zoneinfo
from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plenary.forms import PlenaryForm, PlenaryModelForm
from plenary.participation.attachments import MAX_FILE_BYTES, MAX_FILES
from plenary.participation.models import AgendaItem, Arrangements, Intervention, Registration
from plenary.participation.services.agenda import room_outline
from plenary.text.forms import ALL_KINDS, ProvisionsField, picker_attrs
from plenary.validation import max_length

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
ACCEPTED_FILES = (
    ".pdf,.docx,.odt,.txt,application/pdf,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
    "application/vnd.oasis.opendocument.text,text/plain"
)


class PartsOfTheText(PlenaryModelForm):
    """A form that offers the parts of the text everyone following the session may see."""

    def __init__(self, *args: Any, session: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["provisions"].offer(room_outline(session), ALL_KINDS)


class AgendaItemForm(PartsOfTheText):
    provisions = ProvisionsField(label=_("Parts of the text"), required=False)
    scheduled_at = forms.DateTimeField(
        label=_("Taken up at (the session's local time)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    submit_label = _("Add to the agenda")

    class Meta:
        model = AgendaItem
        fields = ["number", "title", "provisions", "scheduled_at"]

    def __init__(self, *args, zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zoneinfo.ZoneInfo(zone)

    def clean_scheduled_at(self) -> datetime.datetime | None:
        """The time as typed is the session's local time."""
        value = self.cleaned_data["scheduled_at"]
        return value.replace(tzinfo=self.zone) if value is not None else None


class RegistrationForm(PlenaryModelForm):
    submit_label = _("Register")

    class Meta:
        model = Registration
        fields = ["name", "function", "attendance"]


class ArrangementsForm(PlenaryModelForm):
    remote_url = forms.URLField(
        label=_("Remote participation (address)"),
        required=False,
        assume_scheme="https",
        max_length=max_length(Arrangements, "remote_url"),
        help_text=Arrangements._meta.get_field("remote_url").help_text,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Arrangements
        fields = [
            "opens_at",
            "closes_at",
            "registration_closes_days",
            "advance_notice_hours",
            "member_state_seconds",
            "bloc_seconds",
            "observer_seconds",
            "stakeholder_seconds",
            "remote_url",
        ]
        widgets = {"opens_at": TIME, "closes_at": TIME}


class FloorRequestForm(PlenaryForm):
    """Who asks for the floor: one's own delegation or a group of states it belongs to (a
    delegation member), or whom the secretariat or the chair inscribes."""

    speaker = forms.ChoiceField(label=_("Speaker"), required=False)
    on_behalf_of = forms.ChoiceField(label=_("Speaking"), required=False)
    layout = "filters"

    def __init__(self, *args, speakers=(), groups=(), label="", **kwargs):
        super().__init__(*args, **kwargs)
        # Only what this person chooses from is asked (a button alone for one's own speaker).
        if speakers:
            self.fields["speaker"].choices = [("", "—"), *speakers]
        else:
            del self.fields["speaker"]
        if groups:
            self.fields["on_behalf_of"].choices = groups
        else:
            del self.fields["on_behalf_of"]
        self.submit_label = label or _("Ask for the floor")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files at once; the service checks each of them (attachments.py)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(FilesField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


def _files_label() -> str:
    return gettext("Files (PDF, Word, OpenDocument or text; at most %(max)s, %(size)s MB each)") % {
        "max": MAX_FILES,
        "size": MAX_FILE_BYTES // 1024 // 1024,
    }


def files_field() -> FilesField:
    return FilesField(
        label=lazy(_files_label, str)(),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_FILES}),
    )


class InterventionForm(PartsOfTheText):
    provisions = ProvisionsField(
        label=_("Parts of the text addressed (none chosen: those of the agenda item)"),
        required=False,
    )
    files = files_field()
    submit_label = _("Publish")

    class Meta:
        model = Intervention
        fields = ["title", "text", "provisions"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}


class AttachForm(PlenaryForm):
    files = files_field()
    submit_label = _("Attach")


class UnderDiscussionForm(PlenaryForm):
    """The paragraphs of the item, each named as readers cite it and by its first words."""

    provision = forms.TypedChoiceField(
        label=_("Paragraph under discussion"), coerce=int, required=False, empty_value=None
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_label = _("Show to everyone")

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = [("", _("none")), *choices]
        self.fields["provision"].widget.attrs.update(picker_attrs())


class ReorderForm(PlenaryForm):
    """The chair's order of the speakers still waiting: a place for each (1, 2, 3…). Its inputs
    stand in the rows of the speakers list, tied to the form by its id."""

    submit_label = _("Save the order")
    layout = "inline"

    def __init__(self, *args, waiting=(), **kwargs):
        super().__init__(*args, key="reorder", **kwargs)
        for place, entry in enumerate(waiting, start=1):
            self.fields[f"place-{entry.pk}"] = forms.IntegerField(
                label=_("Place of %(speaker)s") % {"speaker": entry.speaker_label},
                min_value=1,
                initial=place,
                widget=forms.NumberInput(attrs={"form": self.element, "size": 3, "step": 1}),
            )

    def order(self) -> list[int]:
        """The waiting speakers' ids, in the places given (ties keep the list's order)."""
        places = [
            (value, index, int(name.removeprefix("place-")))
            for index, (name, value) in enumerate(self.cleaned_data.items())
            if name.startswith("place-")
        ]
        return [pk for _place, _index, pk in sorted(places)]
