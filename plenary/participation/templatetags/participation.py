"""Template helpers of participation: time limits, and interventions on a paragraph's page."""

from django import template

from plenary.participation.services import agenda
from plenary.participation.visibility import interventions_on
from plenary.text.provisions import current_outline, outline_of

register = template.Library()


@register.filter
def mmss(seconds: int) -> str:
    """180 → '3:00'."""
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"


@register.filter
def of(mapping: dict, key: object) -> object:
    """What `mapping` holds for `key` (None if nothing): `{{ limits|of:e.pk }}`, rather than a
    loop over the whole mapping for each row."""
    return mapping.get(key)


@register.inclusion_tag("participation/_on_paragraph.html", takes_context=True)
def interventions_on_paragraph(context, negotiation, provision: int, version=None):
    """Statements and written contributions that address this paragraph, its article or its
    chapter in the given version (or the latest text the person may see)."""
    user = context.get("user")
    outline = outline_of(version) if version is not None else current_outline(negotiation, user)
    found = interventions_on(user, negotiation, provision, outline)
    return {"negotiation": negotiation, "interventions": found}


@register.inclusion_tag("participation/_session_times.html", takes_context=True)
def session_times(context, session):
    """When a session meets and when its registration closes, on its own clocks (and the
    reader's, in the browser), and how to take part remotely."""
    arrangements = agenda.arrangements_for(session)
    return {
        "session": session,
        "arrangements": arrangements,
        "opens_at": agenda.session_opens_at(session, arrangements),
        "closes_at": agenda.session_closes_at(session, arrangements),
        "registration_closes_at": agenda.registration_closes_at(session, arrangements),
        "user": context.get("user"),
    }
