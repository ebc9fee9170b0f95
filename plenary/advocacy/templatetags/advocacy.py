"""What advocacy adds to other pages: the published statements and the red lines on a
paragraph, and the published statements for a session."""

from typing import Any

from django import template
from django.db.models import QuerySet

from plenary.advocacy.models import Assessment, Statement, StatementStatus
from plenary.advocacy.services.statements import with_signature_count
from plenary.advocacy.visibility import visible_red_lines

register = template.Library()


def _published(**where: Any) -> QuerySet[Statement]:
    """Published statements, newest first, with their signatory counts."""
    published = Statement.objects.filter(status=StatementStatus.PUBLISHED, **where)
    return with_signature_count(published.select_related("coalition")).order_by(
        "-published_at", "id"
    )


def published_on(negotiation: Any, provision: int) -> list[Statement]:
    """Published statements that address this paragraph, with their signatory counts."""
    return list(_published(coalition__negotiation=negotiation, provisions=provision))


@register.inclusion_tag("advocacy/_paragraph_statements.html")
def statements_on(negotiation: Any, provision: int) -> dict[str, Any]:
    return {"negotiation": negotiation, "statements": published_on(negotiation, provision)}


@register.inclusion_tag("advocacy/_session_statements.html")
def statements_in_session(negotiation: Any, session: Any) -> dict[str, Any]:
    """Published joint statements and open letters that their coalition made for this session:
    a coalition's statement is its written contribution to the session (the page showing the
    session has already checked that this person may see it)."""
    return {"negotiation": negotiation, "statements": list(_published(sessions=session))}


@register.inclusion_tag("advocacy/_paragraph_red_lines.html", takes_context=True)
def red_lines_on(context: Any, negotiation: Any, provision: int, version: Any) -> dict[str, Any]:
    """The red lines this person may see that are linked to the paragraph, each with its verdict
    on the version shown (which the page has already checked this person may see)."""
    lines = list(
        visible_red_lines(context.get("user"), negotiation).filter(provisions=provision)
    )
    verdicts = {
        a.red_line_id: a for a in Assessment.objects.filter(red_line__in=lines, version=version)
    }
    return {
        "negotiation": negotiation,
        "rows": [(red_line, verdicts.get(red_line.pk)) for red_line in lines],
        "version": version,
    }
