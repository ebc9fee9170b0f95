"""Form fields that offer the text's provisions by name, so that nobody types an eId."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plenary.text.models import ParagraphStatus, ProposalKind
from plenary.text.services.drafting import MAX_REASON
from plenary.text.services.working import MAX_PROPOSAL
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH, Outline

FIRST_WORDS = 90


def picker_groups(outline: Outline, kinds: tuple[str, ...] = (PARAGRAPH,)) -> list[Any]:
    """Choices grouped as Django forms take them, (group label, [(provision id, label)]):
    paragraphs under their article (or the preamble), each named as readers cite it and by its
    first words; articles under their chapter; chapters together."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for part in outline.parts:
        if part.kind not in kinds:
            continue
        if part.kind == PARAGRAPH:
            group = outline.label(part.article) if part.article else _("Preamble")
            words = part.text if len(part.text) <= FIRST_WORDS else part.text[:FIRST_WORDS] + "…"
            label = f"{outline.short_label(part.provision)}: {words}"
        elif part.kind == ARTICLE:
            group = outline.label(part.chapter) if part.chapter else _("Articles")
            label = outline.label(part.provision)
        else:
            group, label = _("Chapters"), outline.label(part.provision)
        groups.setdefault(group, []).append((part.provision, label))
    return list(groups.items())


def picker_attrs() -> dict[str, str]:
    """What makes a select a provision picker: the script adds a box that filters its list."""
    return {
        "data-provision-picker": "",
        "data-filter-label": _("Filter the list"),
        "data-filter-hint": _("number, title or words"),
    }


class ProvisionsField(forms.TypedMultipleChoiceField):
    """Provisions chosen from a text (set with `offer`), as their ids."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(coerce=int, **kwargs)
        self.widget.attrs.update(picker_attrs())

    def offer(self, outline: Outline, kinds: tuple[str, ...] = (PARAGRAPH,)) -> None:
        self.choices = picker_groups(outline, kinds)


ALL_KINDS = (CHAPTER, ARTICLE, PARAGRAPH)


# --- the table's forms ----------------------------------------------------------------------------
# Each refusal re-renders the same form with what was typed (see table_views.py); limits are the
# services' (MAX_PROPOSAL, MAX_REASON), stated once and used here.


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why (kept with the change)"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why (optional, kept with the change)"),
        max_length=MAX_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Proposal"), choices=ProposalKind.choices)
    text = forms.CharField(
        label=gettext_lazy("Wording"),
        max_length=MAX_PROPOSAL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ParagraphStatus.choices)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EditWordingForm(ReasonForm):
    text = forms.CharField(
        label=gettext_lazy("Wording (brackets mark what is not agreed: [a / b])"),
        max_length=MAX_PROPOSAL,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_PROPOSAL)
    field_order = ["text", "reason", "seen"]


class MergeForm(ReasonForm):
    bracket = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1000)
    wording = forms.CharField(
        label=gettext_lazy("One wording that merges the alternatives"),
        max_length=MAX_PROPOSAL,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    field_order = ["bracket", "wording", "reason"]


class ChooseForm(OptionalReasonForm):
    bracket = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1000)
    alternative = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=1000)


class InsertParagraphForm(ReasonForm):
    where = forms.ChoiceField(
        label=pgettext_lazy("a place in the text", "Where"),
        choices=[
            ("after", gettext_lazy("after this paragraph")),
            ("before", gettext_lazy("before this paragraph")),
        ],
    )
    text = forms.CharField(
        label=gettext_lazy("Wording of the new paragraph"),
        max_length=MAX_PROPOSAL,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["where", "text", "reason"]


class MoveParagraphForm(OptionalReasonForm):
    direction = forms.ChoiceField(
        choices=[("up", "up"), ("down", "down")], widget=forms.HiddenInput
    )


class IssueVersionForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Label of the new version (e.g. Rev.2)"), max_length=200
    )
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    renumber = forms.BooleanField(
        label=gettext_lazy("Number the articles 1, 2, … first"), required=False
    )


class PackageForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Package title"), max_length=200)
    provisions = ProvisionsField(label=gettext_lazy("Paragraphs (at least two)"))
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InsertArticleForm(ReasonForm):
    chapter = forms.TypedChoiceField(label=gettext_lazy("Chapter"), coerce=int)
    after = forms.TypedChoiceField(
        label=gettext_lazy("After the article"), coerce=int, required=False, empty_value=None
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    text = forms.CharField(
        label=gettext_lazy("First paragraph (optional)"),
        max_length=MAX_PROPOSAL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["chapter", "after", "title", "text", "reason"]

    def offer(self, outline: Outline) -> None:
        self.fields["chapter"].choices = [
            (p.provision, outline.label(p.provision)) for p in outline.of_kind(CHAPTER)
        ]
        self.fields["after"].choices = [("", _("first in the chapter"))] + [
            (p.provision, outline.label(p.provision)) for p in outline.of_kind(ARTICLE)
        ]


class MoveArticleForm(OptionalReasonForm):
    chapter = forms.TypedChoiceField(label=gettext_lazy("To the chapter"), coerce=int)
    after = forms.TypedChoiceField(
        label=gettext_lazy("After the article"), coerce=int, required=False, empty_value=None
    )

    def offer(self, outline: Outline) -> None:
        InsertArticleForm.offer(self, outline)  # type: ignore[arg-type]


class AdoptForm(forms.Form):
    symbol = forms.CharField(label=gettext_lazy("Decision symbol"), max_length=60)
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )


class ConsolidateForm(forms.Form):
    chapter = forms.CharField(widget=forms.HiddenInput, max_length=200)
    label = forms.CharField(label=gettext_lazy("Label of the new version"), max_length=200)
    date = forms.DateField(
        label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
