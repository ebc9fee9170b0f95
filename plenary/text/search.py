"""Searching the text: PostgreSQL's full-text search where it runs, word matching on SQLite."""

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions
from plenary.text.models import IndexedParagraph, Proposal, ProposalStatus, Version
from plenary.text.structure import article_heading, walk

MAX_QUERY = 200
MAX_RESULTS = 50


def index_version(version: Version) -> None:
    """Keep every paragraph of a new version searchable."""
    parts = [("Preamble", version.content["preamble"])] + [
        (article_heading(article), article["paragraphs"])
        for chapter in version.content["chapters"]
        for article in chapter["articles"]
    ]
    IndexedParagraph.objects.bulk_create(
        IndexedParagraph(
            version=version, eid=p["eid"], number=p["number"], article=heading, text=p["text"]
        )
        for heading, paragraphs in parts
        for p in walk(paragraphs)
    )


def _matching(rows: QuerySet[Any], field: str, query: str) -> QuerySet[Any]:
    if connection.vendor == "postgresql":
        vector = SearchVector(field, config="english")
        terms = SearchQuery(query, config="english", search_type="websearch")
        return (
            rows.annotate(search=vector)
            .filter(search=terms)
            .annotate(rank=SearchRank(vector, terms))
            .order_by("-rank")
        )
    for word in query.split():
        rows = rows.filter(**{f"{field}__icontains": word.strip('"')})
    return rows


def search_text(negotiation: Negotiation, user: Any, query: str) -> dict[str, list[Any]]:
    """Paragraphs of the versions this person may see, and (for the table) open proposals."""
    query = " ".join((query or "").split())[:MAX_QUERY]
    if not query:
        return {"paragraphs": [], "proposals": []}
    paragraphs = IndexedParagraph.objects.filter(
        version__in=visible_versions(user, negotiation)
    ).select_related("version")
    found = list(_matching(paragraphs, "text", query)[:MAX_RESULTS])
    proposals: list[Any] = []
    if getattr(user, "sees_closed_meetings", False):
        open_proposals = Proposal.objects.filter(
            negotiation=negotiation, status=ProposalStatus.OPEN
        ).select_related("delegation")
        proposals = list(_matching(open_proposals, "text", query)[:MAX_RESULTS])
    return {"paragraphs": found, "proposals": proposals}
