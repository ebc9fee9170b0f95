"""Forms parse what people type; the services decide whether it is allowed."""

import zoneinfo
from functools import cache

from django import forms
from django.utils.translation import gettext_lazy as _

from plenary.forms import SLUG_MESSAGE, PlenaryForm, PlenaryModelForm
from plenary.process.models import Organization, RoadmapDeadline, Session
from plenary.process.models.accreditation import AccreditationObjection, AccreditationRequest
from plenary.validation import max_length

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


@cache
def time_zones() -> list[tuple[str, str]]:
    """Every IANA time zone by its name (Europe/Zurich, Africa/Nairobi, Asia/Bangkok, …)."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class SessionForm(PlenaryModelForm):
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zones,
        help_text=_(
            "Meeting hours, deadlines, the calendar and the live room's clock are in this time "
            "zone (e.g. Europe/Zurich for Geneva, Africa/Nairobi, Asia/Bangkok)."
        ),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = [
            "kind",
            "number",
            "title",
            "start",
            "end",
            "venue",
            "city",
            "timezone",
            "mode",
            "openness",
        ]
        labels = {"city": _("City (empty if online)")}
        widgets = {"start": DATE, "end": DATE}


class SuspendForm(PlenaryForm):
    on = forms.DateField(label=_("Suspended on"), widget=DATE)
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submit_label = _("Suspend")


class ReconveneForm(PlenaryModelForm):
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=lambda: [("", _("as before, or the city's")), *time_zones()],
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submit_label = _("Reconvene")

    class Meta:
        model = Session
        fields = ["title", "start", "end", "venue", "city", "timezone", "mode"]
        labels = {"city": _("City (empty if online)")}
        widgets = {"start": DATE, "end": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class RoadmapDeadlineForm(PlenaryModelForm):
    chapters = forms.CharField(
        label=_("Chapters (one per line)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = RoadmapDeadline
        fields = ["date", "chapters", "note"]
        widgets = {"date": DATE}

    def clean_chapters(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["chapters"].splitlines() if line.strip()]


class ObjectionForm(PlenaryModelForm):
    submit_label = _("Object")

    class Meta:
        model = AccreditationObjection
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if delegation is not None:
            self.fields["reason"].label = _("Objection on behalf of %(delegation)s") % {
                "delegation": delegation
            }


class DecisionForm(PlenaryForm):
    admit = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("admit")), ("0", _("do not admit"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(
        label=_("How it was decided"),
        max_length=max_length(AccreditationRequest, "decision_note"),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_label = _("Record decision")


class ListOrganizationForm(PlenaryModelForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        max_length=max_length(Organization, "website"),
    )
    submit_label = _("List")

    class Meta:
        model = Organization
        fields = ["name", "slug", "kind", "ecosoc_status", "country", "website"]
        labels = {"name": _("Organization"), "country": _("Country (ISO code)")}
        error_messages = {"slug": {"invalid": SLUG_MESSAGE}}
