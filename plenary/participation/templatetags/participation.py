"""Template helpers of participation: time limits, and interventions on a paragraph's page."""

from django import template

from plenary.participation.visibility import interventions_on
from plenary.text.provisions import current_outline, outline_of

register = template.Library()


@register.filter
def mmss(seconds: int) -> str:
    """180 → '3:00'."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.inclusion_tag("participation/_on_paragraph.html", takes_context=True)
def interventions_on_paragraph(context, negotiation, provision: int, version=None):
    """Statements and written contributions that address this paragraph, its article or its
    chapter in the given version (or the latest text the person may see)."""
    user = context.get("user")
    outline = outline_of(version) if version is not None else current_outline(negotiation, user)
    found = interventions_on(user, negotiation, provision, outline)
    return {"negotiation": negotiation, "interventions": found}
