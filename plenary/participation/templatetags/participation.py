"""Template helpers of participation: time limits, and interventions on a paragraph's page."""

from django import template

from plenary.participation.visibility import interventions_on

register = template.Library()


@register.filter
def mmss(seconds: int) -> str:
    """180 → '3:00'."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.inclusion_tag("participation/_on_paragraph.html", takes_context=True)
def interventions_on_paragraph(context, negotiation, eid: str):
    """Statements and written contributions that address this paragraph (or its article)."""
    user = context.get("user")
    return {"negotiation": negotiation, "interventions": interventions_on(user, negotiation, eid)}
