"""Search that serves a reader: the text of the version they choose (the current one by default,
or all of them), one chapter or all, and the other records that address the text (open
proposals at the table, coalitions' statements, interventions, documents of the record), each
ranked, with its matches highlighted, named as readers cite it and linked to its page.

Who sees what is decided where it always is (plenary.process.visibility and each app's
visibility module): informal drafts, closed sessions' interventions and documents, and private
coalitions' drafts stay invisible to those who may not see them. How words match is
plenary.text.search_matching's to say.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy

from plenary.process.capabilities import can_view_open_proposals, can_view_working_text
from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions
from plenary.text.models import Proposal, ProposalStatus, ProvisionKind, ProvisionText, Version
from plenary.text.provisions import current_version, describe, text_outline
from plenary.text.search_matching import ORIGINAL, Field, Matcher, full_text
from plenary.text.search_records import MAX_RESULTS, Found, documents
from plenary.text.structure import Outline
from plenary.translations import supported_language

TEXT = "text"
PROPOSALS = "proposals"
STATEMENTS = "statements"
INTERVENTIONS = "interventions"
DOCUMENTS = "documents"
KINDS = (TEXT, PROPOSALS, STATEMENTS, INTERVENTIONS, DOCUMENTS)
ALL_VERSIONS = "all"
# What the page says was searched, in the reader's language (one sentence each, so that each
# language names itself as its grammar needs).
SEARCHED_IN = {
    "en": gettext_lazy("Searched in English, the language of the text and of the record."),
    "fr": gettext_lazy(
        "Searched in French for the titles of statements translated into French, and in "
        "English for the text and the rest of the record."
    ),
    "es": gettext_lazy(
        "Searched in Spanish for the titles of statements translated into Spanish, and in "
        "English for the text and the rest of the record."
    ),
    "ru": gettext_lazy(
        "Searched in Russian for the titles of statements translated into Russian, and in "
        "English for the text and the rest of the record."
    ),
    "ar": gettext_lazy(
        "Searched in Arabic for the titles of statements translated into Arabic, and in "
        "English for the text and the rest of the record."
    ),
    "zh-hans": gettext_lazy(
        "Searched in Chinese for the titles of statements translated into Chinese, and in "
        "English for the text and the rest of the record."
    ),
}


# The records of the apps above the text that address it (coalitions' statements, interventions):
# each app registers how to search its own (in its AppConfig.ready), as it alone says who may
# see them. A search is given the negotiation, the reader, the matcher, the reader's language
# and the provisions of the chapter searched (None: all).
RecordSearch = Callable[[Negotiation, Any, Matcher, str, set[int] | None], list[Found]]
RECORD_SEARCHES: dict[str, RecordSearch] = {}


def register_record_search(kind: str, search: RecordSearch) -> None:
    """Search the records of this kind (STATEMENTS, INTERVENTIONS) with this function."""
    if kind not in KINDS:
        raise ValueError(f"{kind!r} is not a kind of record searched.")
    RECORD_SEARCHES[kind] = search


@dataclass(frozen=True)
class Scope:
    """What to search: the text of one version (`version`) or of every version the reader may
    see (`version` None), one chapter (a provision) or all, and which kinds of record."""

    versions: QuerySet[Any]
    version: Version | None
    chapter: int | None = None
    kinds: tuple[str, ...] = KINDS

    @property
    def all_versions(self) -> bool:
        return self.version is None


def scope_for(
    negotiation: Negotiation,
    viewer: Any,
    *,
    version: Version | None = None,
    all_versions: bool = False,
    chapter: int | None = None,
    kind: str = "",
) -> Scope:
    """The scope of a search: the chosen version (the current text when none is chosen) or all
    versions; the version and the chapter have been checked against what the reader may see."""
    visible = visible_versions(viewer, negotiation)
    if all_versions:
        return Scope(visible, None, chapter, (kind,) if kind else KINDS)
    chosen = version or current_version(negotiation, viewer)
    versions = visible.filter(pk=chosen.pk) if chosen is not None else visible.none()
    return Scope(versions, chosen, chapter, (kind,) if kind else KINDS)


@dataclass
class Results:
    """What a search found, kind by kind, and how it searched."""

    query: str
    scope: Scope
    language: str  # the reader's language, searched where records are written in it
    full_text: bool  # PostgreSQL's dictionaries (True) or words as typed (False)
    paragraphs: list[Found] = field(default_factory=list)
    proposals: list[Found] = field(default_factory=list)
    statements: list[Found] = field(default_factory=list)
    interventions: list[Found] = field(default_factory=list)
    documents: list[Found] = field(default_factory=list)

    @property
    def version(self) -> Version | None:
        return self.scope.version

    @property
    def chapter(self) -> int | None:
        return self.scope.chapter

    @property
    def kinds(self) -> tuple[str, ...]:
        return self.scope.kinds

    @property
    def languages(self) -> list[str]:
        """The languages searched: English, and the reader's where records are translated."""
        return list(dict.fromkeys([ORIGINAL, self.language]))

    @property
    def capped(self) -> bool:
        """Whether some kind found more than are shown (the best MAX_RESULTS of each)."""
        kinds = (self.paragraphs, self.proposals, self.statements, self.interventions)
        return any(len(found) >= MAX_RESULTS for found in (*kinds, self.documents))

    @property
    def limit(self) -> int:
        return MAX_RESULTS

    @property
    def searched_in(self) -> str:
        """Which languages were searched, as a sentence for the page."""
        return str(SEARCHED_IN.get(self.language, SEARCHED_IN[ORIGINAL]))


def search_text(
    negotiation: Negotiation, viewer: Any, query: str, scope: Scope | None = None
) -> Results:
    """Search the records this person may see, within the scope (the current text and every
    kind of record by default)."""
    scope = scope or scope_for(negotiation, viewer)
    matcher = Matcher(query)
    language = supported_language(get_language())
    results = Results(matcher.query, scope, language, full_text())
    if not matcher:
        return results
    in_chapter = provisions_in_chapter(negotiation, viewer, scope)
    if TEXT in scope.kinds:
        results.paragraphs = _paragraphs(negotiation, matcher, scope)
    if PROPOSALS in scope.kinds and can_view_open_proposals(viewer):
        results.proposals = _proposals(negotiation, viewer, matcher, in_chapter)
    for kind, search in RECORD_SEARCHES.items():
        if kind in scope.kinds:
            setattr(results, kind, search(negotiation, viewer, matcher, language, in_chapter))
    if DOCUMENTS in scope.kinds and in_chapter is None:
        # Documents of the record are not tied to provisions: a chapter leaves them out.
        results.documents = documents(negotiation, viewer, matcher)
    return results


def provisions_in_chapter(negotiation: Negotiation, viewer: Any, scope: Scope) -> set[int] | None:
    """The chapter and every provision in it, in the versions searched (and, at the table, in
    the working text): what a record must address to be "in" the chapter. None: no chapter."""
    if scope.chapter is None:
        return None
    inside = set(
        ProvisionText.objects.filter(
            version__in=scope.versions, in_chapter_id=scope.chapter
        ).values_list("provision_id", flat=True)
    )
    if can_view_working_text(viewer):
        inside |= {part.provision for part in text_outline(negotiation).within(scope.chapter)}
    return inside | {scope.chapter}


PARAGRAPH_FIELDS = (Field("text"), Field("article"))


def _paragraphs(negotiation: Negotiation, matcher: Matcher, scope: Scope) -> list[Found]:
    rows = ProvisionText.objects.filter(version__in=scope.versions, kind=ProvisionKind.PARAGRAPH)
    if scope.chapter is not None:
        rows = rows.filter(in_chapter_id=scope.chapter)
    matched = list(matcher.on(rows, PARAGRAPH_FIELDS)[:MAX_RESULTS])
    versions = {v.pk: v for v in Version.objects.filter(pk__in={r.version_id for r in matched})}
    outlines = {pk: Outline(v.content) for pk, v in versions.items()}
    found = []
    for row in matched:
        row.version = versions[row.version_id]
        label = outlines[row.version_id].label(row.provision_id) or row.article
        url = reverse("version-paragraph", args=[negotiation.slug, row.version_id, row.eid])
        found.append(
            Found(
                row,
                row.rank,
                label,
                url,
                matcher.mark(label),
                matcher.marked(row, PARAGRAPH_FIELDS[0]),
            )
        )
    return found


def _proposals(
    negotiation: Negotiation, viewer: Any, matcher: Matcher, in_chapter: set[int] | None
) -> list[Found]:
    rows = Proposal.objects.filter(
        negotiation=negotiation, status=ProposalStatus.OPEN
    ).select_related("delegation")
    if in_chapter is not None:
        rows = rows.filter(provision_id__in=in_chapter)
    text = Field("text")
    matched = list(matcher.on(rows, [text])[:MAX_RESULTS])
    named = describe(negotiation, viewer, [p.provision_id for p in matched])
    found = []
    for proposal in matched:
        seen = named.get(proposal.provision_id)
        proposal.eid = seen.eid if seen else ""
        label = seen.label if seen else ""
        url = reverse("draft-paragraph", args=[negotiation.slug, proposal.provision_id])
        found.append(
            Found(
                proposal,
                proposal.rank,
                label,
                url,
                matcher.mark(label),
                matcher.marked(proposal, text),
            )
        )
    return found
