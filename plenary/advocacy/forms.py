"""Forms of advocacy: forming a coalition, inviting members, drafting statements, stating and
assessing red lines. The services decide what is allowed."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plenary.advocacy.models import (
    Assessment,
    Coalition,
    MemberRole,
    RedLine,
    Statement,
    StatementWording,
    Verdict,
)
from plenary.forms import SLUG_MESSAGE, PlenaryForm, PlenaryModelForm
from plenary.text.forms import ProvisionsField
from plenary.text.structure import Outline
from plenary.validation import max_length


class CoalitionForm(PlenaryModelForm):
    submit_label = _("Form the coalition")

    class Meta:
        model = Coalition
        fields = ["name", "slug", "description", "private"]
        labels = {
            "slug": _("Short name (optional)"),
            "private": _(
                "Keep the membership list private (members, the secretariat and the chair see it)"
            ),
        }
        help_texts = {"private": ""}
        error_messages = {"slug": {"invalid": SLUG_MESSAGE}}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["description"].max_length = 5000


class InviteForm(PlenaryForm):
    party = forms.CharField(
        label=_("Invite an organization (short name) or a delegation (ISO code)"), max_length=80
    )
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    submit_label = _("Invite")
    layout = "filters"


class MemberRoleForm(PlenaryForm):
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    layout = "inline"

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:
            self.fields["role"].label = _("Role of %(member)s") % {"member": member}
            self.submit_label = _("Change role")


class StatementForm(PlenaryModelForm):
    text = forms.CharField(
        label=_("Wording"),
        max_length=max_length(StatementWording, "text"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    provisions = ProvisionsField(
        label=_("Paragraphs addressed (of the latest published version)"), required=False
    )
    sessions = forms.MultipleChoiceField(label=_("Sessions"), required=False)
    submit_label = _("Save the draft")

    class Meta:
        model = Statement
        fields = ["kind", "title", "text", "provisions", "sessions"]

    def __init__(self, *args, sessions=(), outline: Outline | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].choices = [(str(s.pk), s.title) for s in sessions]
        if outline is not None:
            self.fields["provisions"].offer(outline)


class RewordForm(PlenaryForm):
    text = forms.CharField(
        label=_("New wording"),
        max_length=max_length(StatementWording, "text"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_label = _("Save a new version of the wording")


class TitleTranslationForm(PlenaryForm):
    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(
        label=_("Title in that language (empty: remove the translation)"),
        max_length=max_length(Statement, "title"),
        required=False,
    )
    submit_label = _("Save the translation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != "en"
        ]


class RedLineForm(PlenaryModelForm):
    provisions = ProvisionsField(label=_("Paragraphs"))
    submit_label = _("State the red line")

    class Meta:
        model = RedLine
        fields = ["title", "criterion", "provisions"]
        widgets = {"criterion": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, outline: Outline | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if outline is not None:
            self.fields["provisions"].offer(outline)


class AssessmentForm(PlenaryModelForm):
    version = forms.TypedChoiceField(label=_("Version"), coerce=int)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_label = _("Record the assessment")

    class Meta:
        model = Assessment
        fields = ["version", "verdict", "reasoning", "quoted_wording"]
        widgets = {
            "reasoning": forms.Textarea(attrs={"rows": 3}),
            "quoted_wording": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, versions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].choices = [(v.pk, str(v)) for v in versions]
        self.fields["verdict"].choices = Verdict.choices
