"""Searching the text: PostgreSQL's full-text search where it runs, word matching on SQLite."""

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import QuerySet

from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions
from plenary.text.models import Proposal, ProposalStatus, ProvisionKind, ProvisionText
from plenary.text.provisions import at_the_table, describe

MAX_QUERY = 200
MAX_RESULTS = 50


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
    paragraphs = ProvisionText.objects.filter(
        version__in=visible_versions(user, negotiation), kind=ProvisionKind.PARAGRAPH
    ).select_related("version")
    found = list(_matching(paragraphs, "text", query)[:MAX_RESULTS])
    proposals: list[Any] = []
    if at_the_table(user):
        open_proposals = Proposal.objects.filter(
            negotiation=negotiation, status=ProposalStatus.OPEN
        ).select_related("delegation")
        proposals = list(_matching(open_proposals, "text", query)[:MAX_RESULTS])
        named = describe(negotiation, user, [p.provision_id for p in proposals])
        for proposal in proposals:
            seen = named.get(proposal.provision_id)
            proposal.eid = seen.eid if seen else ""
            proposal.label = seen.label if seen else ""
    return {"paragraphs": found, "proposals": proposals}
