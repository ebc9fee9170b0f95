"""The text's forms, on the one form mechanism (plenary.forms): proposals, statuses, the chair's
drafting, packages, issuing a version, adoption, submissions, consolidation and imports; and the
fields that offer the text's provisions by name, so that nobody types an eId."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from plenary.decisions.models import Decision
from plenary.forms import PlenaryForm
from plenary.text.models import Package, ParagraphStatus, ProposalKind, Submission, Version
from plenary.text.services.drafting import MAX_REASON
from plenary.text.services.submissions import MAX_CHARACTERS
from plenary.text.services.working import MAX_PROPOSAL
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH, Outline
from plenary.validation import max_length

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
# Limits are the models' where a model holds the value (a version's label, a package's title, a
# decision's symbol), else the services' (MAX_PROPOSAL, MAX_REASON, MAX_CHARACTERS), stated once
# and used here. A form's `key` tells it from the others of its kind on the same page.

DATE = forms.DateInput(attrs={"type": "date"})
MAX_ARTICLE_TITLE = 300
MAX_PACKAGE_DESCRIPTION = 5000


def _reason(*, required: bool = True) -> forms.CharField:
    label = (
        gettext_lazy("Why (kept with the change)")
        if required
        else gettext_lazy("Why (optional, kept with the change)")
    )
    return forms.CharField(
        label=label,
        max_length=MAX_REASON,
        required=required,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _places(outline: Outline) -> tuple[list[Any], list[Any]]:
    """The chapters of the text, and the articles to put an article after (or first)."""
    chapters = [(p.provision, outline.label(p.provision)) for p in outline.of_kind(CHAPTER)]
    articles = [("", _("first in the chapter"))] + [
        (p.provision, outline.label(p.provision)) for p in outline.of_kind(ARTICLE)
    ]
    return chapters, articles


class ProposalForm(PlenaryForm):
    kind = forms.ChoiceField(label=gettext_lazy("Proposal"), choices=ProposalKind.choices)
    text = forms.CharField(
        label=gettext_lazy("Wording"),
        max_length=MAX_PROPOSAL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    submit_label = gettext_lazy("Propose")


class AcceptForm(PlenaryForm):
    """The chair takes one proposal into the text (key: accept-<proposal>)."""

    reason = _reason(required=False)
    submit_label = gettext_lazy("Take it into the text")


class StatusForm(PlenaryForm):
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=ParagraphStatus.choices)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_label = gettext_lazy("Set status")


class EditWordingForm(PlenaryForm):
    text = forms.CharField(
        label=gettext_lazy("Wording (brackets mark what is not agreed: [a / b])"),
        max_length=MAX_PROPOSAL,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    reason = _reason()
    # The wording as it read when the chair opened it: an edit made since by someone else is
    # refused, and the form comes back with what the chair typed and what it reads now.
    seen = forms.CharField(widget=forms.HiddenInput, required=False, max_length=MAX_PROPOSAL)
    submit_label = gettext_lazy("Change the wording")


class MergeForm(PlenaryForm):
    """One wording for a bracket's alternatives (key: merge-<bracket>)."""

    wording = forms.CharField(
        label=gettext_lazy("One wording that merges the alternatives"),
        max_length=MAX_PROPOSAL,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = _reason()
    submit_label = gettext_lazy("Merge them into this wording")


class InsertParagraphForm(PlenaryForm):
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
    reason = _reason()
    submit_label = gettext_lazy("Insert")


class DeleteParagraphForm(PlenaryForm):
    reason = _reason()
    submit_label = gettext_lazy("Delete the paragraph")


class DeleteArticleForm(PlenaryForm):
    reason = _reason()
    submit_label = gettext_lazy("Delete the whole article")


class MoveArticleForm(PlenaryForm):
    chapter = forms.TypedChoiceField(label=gettext_lazy("To the chapter"), coerce=int)
    after = forms.TypedChoiceField(
        label=gettext_lazy("After the article"), coerce=int, required=False, empty_value=None
    )
    reason = _reason(required=False)
    submit_label = gettext_lazy("Move the article")

    def offer(self, outline: Outline) -> None:
        chapters, articles = _places(outline)
        self.fields["chapter"].choices = chapters  # type: ignore[attr-defined]
        self.fields["after"].choices = articles  # type: ignore[attr-defined]


class InsertArticleForm(MoveArticleForm):
    chapter = forms.TypedChoiceField(label=gettext_lazy("Chapter"), coerce=int)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=MAX_ARTICLE_TITLE)
    text = forms.CharField(
        label=gettext_lazy("First paragraph (optional)"),
        max_length=MAX_PROPOSAL,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = _reason()
    field_order = ["chapter", "after", "title", "text", "reason"]
    submit_label = gettext_lazy("Insert the article")


class RenumberForm(PlenaryForm):
    reason = _reason(required=False)
    submit_label = gettext_lazy("Renumber")


class IssueVersionForm(PlenaryForm):
    label = forms.CharField(
        label=gettext_lazy("Label of the new version (e.g. Rev.2)"),
        max_length=max_length(Version, "label"),
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    renumber = forms.BooleanField(
        label=gettext_lazy("Number the articles 1, 2, … first"), required=False
    )
    submit_label = gettext_lazy("Issue the version (informal, to publish afterwards)")


class PackageForm(PlenaryForm):
    title = forms.CharField(
        label=gettext_lazy("Package title"), max_length=max_length(Package, "title")
    )
    provisions = ProvisionsField(label=gettext_lazy("Paragraphs (at least two)"))
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=MAX_PACKAGE_DESCRIPTION,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submit_label = gettext_lazy("Propose the package")


class AdoptForm(PlenaryForm):
    symbol = forms.CharField(
        label=gettext_lazy("Decision symbol"), max_length=max_length(Decision, "symbol")
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    submit_label = gettext_lazy("Adopt the text by consensus")


# --- submissions, consolidation and imports -------------------------------------------------------


class SubmissionForm(PlenaryForm):
    chapter = forms.ChoiceField(label=gettext_lazy("Chapter"))
    text = forms.CharField(
        label=gettext_lazy(
            "Text (one paragraph per line: Article 1. Title, then 1., (a), (i); brackets as "
            "[a / b])"
        ),
        max_length=MAX_CHARACTERS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(
        label=gettext_lazy("or upload the Word document (.docx)"), required=False
    )
    submit_label = gettext_lazy("Submit")
    layout = "stack"

    def __init__(self, *args: Any, chapters: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = [(c, c) for c in chapters]  # type: ignore[attr-defined]


class ConsolidateForm(PlenaryForm):
    """The secretariat confirms, for each consolidated article of a chapter, the article of the
    text it takes the place of (`match-<n>`, in the plan's order; empty: a new article)."""

    chapter = forms.CharField(
        widget=forms.HiddenInput, max_length=max_length(Submission, "chapter")
    )
    label = forms.CharField(
        label=gettext_lazy("Label of the new version"), max_length=max_length(Version, "label")
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    submit_label = gettext_lazy("Consolidate into a new informal version")
    template_name = "text/_consolidate_fields.html"
    layout = "stack"

    def __init__(self, *args: Any, plan: list[Any], articles: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.plan = plan
        for index, article in enumerate(plan):
            self.fields[f"match-{index}"] = forms.TypedChoiceField(
                label=_("Which article %(title)s takes the place of") % {"title": article.title},
                choices=[("", _("a new article")), *articles],
                coerce=int,
                required=False,
                empty_value=None,
                initial=article.match,
            )

    def rows(self) -> list[tuple[Any, Any]]:
        """Each consolidated article with the choice of the article it takes the place of."""
        return [(article, self[f"match-{i}"]) for i, article in enumerate(self.plan)]

    def other_fields(self) -> list[Any]:
        return [f for f in self.visible_fields() if not f.name.startswith("match-")]

    def matches(self) -> dict[str, int | None]:
        """The secretariat's choice for each consolidated article, by its title."""
        return {
            article.title: self.cleaned_data[f"match-{i}"] for i, article in enumerate(self.plan)
        }


class ImportForm(PlenaryForm):
    file = forms.FileField(
        label=gettext_lazy("Draft (Word .docx, Akoma Ntoso .xml, or plain text)")
    )
    label = forms.CharField(
        label=gettext_lazy("Version label"), max_length=max_length(Version, "label")
    )
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE)
    published = forms.BooleanField(label=gettext_lazy("Publish now"), required=False)
    submit_label = gettext_lazy("Import")
