"""Searching coalitions' statements: their titles in the reader's language where translated,
their wording in English, those this person may see (registered with plenary.text.search)."""

from typing import Any

from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.urls import reverse

from plenary.advocacy.models import Statement, StatementWording
from plenary.advocacy.visibility import visible_statements
from plenary.process.models import Negotiation
from plenary.text.search_matching import ORIGINAL, Field, Matcher
from plenary.text.search_records import MAX_RESULTS, TITLE, Found, addressed
from plenary.translations import translated


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
    addresses = addressed(negotiation, viewer, matched)
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
                addresses.get(statement.pk, []),
            )
        )
    return found
