"""Template helpers of positions: the stances and objections on a paragraph's page."""

from django import template

from plenary.positions.models import Objection, Stance, StanceChoice
from plenary.process.models import Role

register = template.Library()


@register.inclusion_tag("positions/_on_paragraph.html", takes_context=True)
def positions_on_paragraph(context, negotiation, eid: str):
    """Each delegation's latest stance on the paragraph and the open objections, with the forms
    for a delegation member to state its own and withdraw its objection (and for the secretariat
    and the chair to record a withdrawal)."""
    user = context.get("user")
    latest: dict[int, Stance] = {}
    for stance in (
        Stance.objects.filter(negotiation=negotiation, eid=eid)
        .select_related("delegation")
        .order_by("recorded_at", "id")
    ):
        latest[stance.delegation_id] = stance
    delegation = (
        getattr(user, "delegation", None) if getattr(user, "role", "") == Role.DELEGATION else None
    )
    return {
        "negotiation": negotiation,
        "eid": eid,
        "stances": sorted(latest.values(), key=lambda s: s.delegation.code),
        "objections": Objection.objects.filter(
            negotiation=negotiation, eid=eid, withdrawn_at__isnull=True
        ).select_related("delegation"),
        "delegation": delegation,
        # The secretariat and the chair record a withdrawal from the record, with its source.
        "records_withdrawals": bool(getattr(user, "runs_process", False)),
        "choices": StanceChoice.choices,
        "csrf_token": context.get("csrf_token"),
    }
