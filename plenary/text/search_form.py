"""What a reader asks of search, on the page (a GET form) and in the API (the same fields as
query parameters): words, a version (the current text by default, or all, or any one they may
see), a chapter of that version, and a kind of record."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.forms import PlenaryForm
from plenary.process.capabilities import can_view_open_proposals
from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions
from plenary.text.search import (
    ALL_VERSIONS,
    DOCUMENTS,
    INTERVENTIONS,
    PROPOSALS,
    STATEMENTS,
    TEXT,
    Scope,
    scope_for,
)
from plenary.text.search_matching import MAX_QUERY
from plenary.text.structure import CHAPTER, Outline
from plenary.translations import translated

CURRENT = ""


class SearchForm(PlenaryForm):
    q = forms.CharField(label=gettext_lazy("Words"), max_length=MAX_QUERY, required=False)
    version = forms.ChoiceField(
        label=gettext_lazy("Version"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("There is no such version.")},
    )
    chapter = forms.TypedChoiceField(
        label=gettext_lazy("Chapter"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy("The version searched has no such chapter.")
        },
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Records"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose what to search: the text, statements, interventions or documents."
            )
        },
    )
    method = "get"
    layout = "filters"
    submit_label = gettext_lazy("Search")
    purpose = gettext_lazy("Search the text and the record")

    def __init__(self, *args: Any, negotiation: Negotiation, viewer: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.negotiation, self.viewer = negotiation, viewer
        self.versions = {
            str(v.pk): v
            for v in visible_versions(viewer, negotiation).order_by("-position").defer("content")
        }
        current = next(iter(self.versions.values()), None)
        self.fields["q"].widget.attrs["type"] = "search"
        self._choices(
            "version",
            [
                (
                    CURRENT,
                    _("The current text (%(version)s)") % {"version": _label(current)}
                    if current
                    else _("The current text"),
                ),
                (ALL_VERSIONS, _("All versions")),
                *((pk, _label(v)) for pk, v in self.versions.items()),
            ],
        )
        asked = self.data.get("version", CURRENT) if self.is_bound else CURRENT
        chosen = self.versions.get(asked, current)
        self._choices("chapter", [("", _("All chapters")), *_chapters(chosen)])
        kinds = [
            ("", _("All records")),
            (TEXT, _("The text")),
            *([(PROPOSALS, _("Open proposals"))] if can_view_open_proposals(viewer) else []),
            (STATEMENTS, _("Coalitions' statements")),
            (INTERVENTIONS, _("Statements and contributions in sessions")),
            (DOCUMENTS, _("Documents of the record")),
        ]
        self._choices("kind", kinds)

    def _choices(self, name: str, choices: list[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 -- declared above
        field.choices = choices

    def scope(self) -> Scope:
        """The scope asked for (the form is valid)."""
        data = self.cleaned_data
        return scope_for(
            self.negotiation,
            self.viewer,
            version=self.versions.get(data["version"]),
            all_versions=data["version"] == ALL_VERSIONS,
            chapter=data["chapter"],
            kind=data["kind"],
        )

    def first_error(self) -> str:
        """The first thing wrong, as a sentence (for the API)."""
        for errors in self.errors.values():
            return str(errors[0])
        return ""


def _label(version: Any) -> str:
    return (translated(version, "label") or version.label) if version else ""


def _chapters(version: Any) -> list[tuple[int, str]]:
    """The chapters of a version, as readers name them: "Chapter III — Jurisdiction"."""
    if version is None:
        return []
    outline = Outline(version.content)
    return [(p.provision, outline.label(p.provision)) for p in outline.of_kind(CHAPTER)]
