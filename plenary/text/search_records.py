"""Searching the records that address the text, as each app says who may see them: coalitions'
statements (their titles in the reader's language where translated, their wording in English),
interventions in sessions the reader may see, and documents of the record."""

from typing import Any

from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.urls import reverse

from plenary.advocacy.models import Statement, StatementWording
from plenary.advocacy.visibility import visible_statements
from plenary.participation.models import Intervention
from plenary.participation.visibility import visible_interventions
from plenary.process.models import Negotiation
from plenary.process.visibility import visible_documents
from plenary.text.provisions import describe
from plenary.text.search import MAX_RESULTS, Found
from plenary.text.search_matching import ORIGINAL, Field, Matcher
from plenary.translations import translated

TITLE = Field("title")
TEXT = Field("text", whole=False)


def _addressed(negotiation: Negotiation, viewer: Any, records: list[Any]) -> dict[int, list[str]]:
    """For each record, the provisions it addresses as the reader cites them: "Art. 7(2)"."""
    through = {r.pk: [p.pk for p in r.provisions.all()] for r in records}
    named = describe(negotiation, viewer, [p for ids in through.values() for p in ids])
    return {pk: [named[p].short for p in ids if p in named] for pk, ids in through.items()}


def statements(
    negotiation: Negotiation,
    viewer: Any,
    matcher: Matcher,
    language: str,
    in_chapter: set[int] | None,
) -> list[Found]:
    """Coalitions' statements this person may see, by title (in English and, translated, in the
    reader's language) and current wording."""
    wording = StatementWording.objects.filter(statement=OuterRef("pk")).order_by("-number")
    rows = visible_statements(viewer, negotiation).annotate(
        wording_text=Subquery(wording.values("text")[:1])
    )
    fields = [TITLE, Field("wording_text", whole=False)]
    in_language = Field("title_in_language", language)
    if language != ORIGINAL:
        rows = rows.annotate(
            title_in_language=KeyTextTransform("title", KeyTransform(language, "translations"))
        )
        fields.append(in_language)
    if in_chapter is not None:
        addressing = Statement.provisions.through.objects.filter(provision_id__in=in_chapter)
        rows = rows.filter(pk__in=addressing.values("statement_id"))
    matched = list(matcher.on(rows.prefetch_related("provisions"), fields)[:MAX_RESULTS])
    addressed = _addressed(negotiation, viewer, matched)
    found = []
    for statement in matched:
        title_field = in_language if getattr(statement, "title_in_language", None) else TITLE
        found.append(
            Found(
                statement,
                statement.rank,
                translated(statement, "title") or statement.title,
                reverse("statement", args=[negotiation.slug, statement.pk]),
                matcher.marked(statement, title_field),
                matcher.marked(statement, fields[1]),
                addressed.get(statement.pk, []),
            )
        )
    return found


def interventions(
    negotiation: Negotiation, viewer: Any, matcher: Matcher, in_chapter: set[int] | None
) -> list[Found]:
    """Statements made and contributions written in sessions this person may see."""
    rows = visible_interventions(viewer, negotiation)
    if in_chapter is not None:
        addressing = Intervention.provisions.through.objects.filter(provision_id__in=in_chapter)
        rows = rows.filter(pk__in=addressing.values("intervention_id"))
    matched = list(matcher.on(rows.prefetch_related("provisions"), [TITLE, TEXT])[:MAX_RESULTS])
    addressed = _addressed(negotiation, viewer, matched)
    found = []
    for intervention in matched:
        item = intervention.agenda_item
        url = reverse("speakers", args=[negotiation.slug, item.session_id, item.pk])
        found.append(
            Found(
                intervention,
                intervention.rank,
                intervention.title or intervention.author_label,
                f"{url}#intervention-{intervention.pk}",
                matcher.marked(intervention, TITLE),
                matcher.marked(intervention, TEXT),
                addressed.get(intervention.pk, []),
            )
        )
    return found


def documents(negotiation: Negotiation, viewer: Any, matcher: Matcher) -> list[Found]:
    """Documents of the record this person may see, by title, authors and text."""
    rows = visible_documents(viewer, negotiation).select_related("session")
    authors = Field("authors")
    matched = list(matcher.on(rows, [TITLE, authors, TEXT])[:MAX_RESULTS])
    url = reverse("documents", args=[negotiation.slug])
    return [
        Found(
            document,
            document.rank,
            document.title,
            f"{url}#document-{document.pk}",
            matcher.marked(document, TITLE),
            matcher.marked(document, TEXT) if document.text else matcher.marked(document, authors),
        )
        for document in matched
    ]
