"""Template helpers of positions: the stances and objections on a paragraph's page."""

from django import template

from plenary.positions.models import Objection, Stance
from plenary.positions.services import proposal_provision
from plenary.positions.views import objection_form, stance_form, withdrawal_form
from plenary.process.models import Role
from plenary.text.models import ProposalStatus

register = template.Library()


@register.inclusion_tag("positions/_on_paragraph.html", takes_context=True)
def positions_on_paragraph(context, negotiation, eid: str):
    """Each delegation's latest stance on the paragraph and on its open proposals, the earlier
    stances as history, and the open objections, with the forms for a delegation member to
    state its own and withdraw its objection (and for the secretariat and the chair to record
    a withdrawal). The paragraph page is for those who see the working text."""
    user = context.get("user")
    proposals = {
        proposal_provision(p): p
        for p in negotiation.proposals.filter(eid=eid, status=ProposalStatus.OPEN)
        .select_related("delegation")
        .order_by("made_at", "id")
    }
    latest: dict[tuple[str, int], Stance] = {}
    history: list[Stance] = []
    for stance in (
        Stance.objects.filter(negotiation=negotiation, eid__in=[eid, *proposals])
        .select_related("delegation")
        .order_by("recorded_at", "id")
    ):
        earlier = latest.get((stance.eid, stance.delegation_id))
        if earlier is not None:
            history.append(earlier)
        latest[(stance.eid, stance.delegation_id)] = stance
    by_code = sorted(latest.values(), key=lambda s: s.delegation.code)
    delegation = (
        getattr(user, "delegation", None) if getattr(user, "role", "") == Role.DELEGATION else None
    )
    objections = list(
        Objection.objects.filter(
            negotiation=negotiation, eid=eid, withdrawn_at__isnull=True
        ).select_related("delegation")
    )
    records_withdrawals = bool(getattr(user, "runs_process", False))
    own_objection = delegation is not None and any(
        o.delegation_id == delegation.pk for o in objections
    )
    return {
        "negotiation": negotiation,
        "eid": eid,
        "stances": [s for s in by_code if s.eid == eid],
        "on_proposals": [
            (proposal, [s for s in by_code if s.eid == name])
            for name, proposal in proposals.items()
        ],
        "history": sorted(history, key=lambda s: (s.recorded_at, s.pk), reverse=True),
        "objections": [
            (o, withdrawal_form(negotiation, o) if records_withdrawals else None)
            for o in objections
        ],
        "delegation": delegation,
        "stance_form": stance_form(negotiation, delegation, eid) if delegation else None,
        # One standing objection per delegation: the form is offered until it has objected.
        "objection_form": objection_form(negotiation, delegation, eid)
        if delegation and not own_objection
        else None,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
