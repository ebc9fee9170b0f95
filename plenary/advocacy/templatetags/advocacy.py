"""What advocacy adds to other pages: the published statements on a paragraph."""

from typing import Any

from django import template
from django.db.models import Count, Q

from plenary.advocacy.models import Statement, StatementStatus

register = template.Library()


def published_on(negotiation: Any, eid: str) -> list[Statement]:
    """Published statements that address this paragraph, with their signatory counts."""
    published = (
        Statement.objects.filter(
            coalition__negotiation=negotiation, status=StatementStatus.PUBLISHED
        )
        .select_related("coalition")
        .annotate(
            signature_count=Count("signatures", filter=Q(signatures__withdrawn_at__isnull=True))
        )
        .order_by("-published_at")
    )
    # eIds are a short JSON list; matched here so that SQLite and PostgreSQL agree.
    return [s for s in published if eid in s.eids]


@register.inclusion_tag("advocacy/_paragraph_statements.html")
def statements_on(negotiation: Any, eid: str) -> dict[str, Any]:
    return {"negotiation": negotiation, "statements": published_on(negotiation, eid)}
