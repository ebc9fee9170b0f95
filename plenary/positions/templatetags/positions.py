"""Template helpers of positions: the stances and objections on a paragraph's page."""

from django import template
from django.db.models import Q

from plenary.positions.models import Objection, Stance
from plenary.positions.services import key_of, proposal_key, provision_key
from plenary.positions.views import objection_form, stance_form, withdrawal_form
from plenary.process.actors import actor_of
from plenary.process.capabilities import can_run_process
from plenary.process.models import Role
from plenary.text.models import ProposalStatus
from plenary.text.provisions import MadeOn, current_outline

register = template.Library()


@register.inclusion_tag("positions/_on_paragraph.html", takes_context=True)
def positions_on_paragraph(context, negotiation, provision: int):
    """Each delegation's latest stance on the paragraph and on its open proposals, the earlier
    stances as history, and the open objections, with the forms for a delegation member to
    state its own and withdraw its objection (and for the secretariat and the chair to record
    a withdrawal). The paragraph page is for those who see the working text."""
    user = context.get("user")
    key = provision_key(provision)
    proposals = {
        proposal_key(p): p
        for p in negotiation.proposals.filter(provision_id=provision, status=ProposalStatus.OPEN)
        .select_related("delegation")
        .order_by("made_at", "id")
    }
    latest: dict[tuple[str, int], Stance] = {}
    history: list[Stance] = []
    made_on = MadeOn(current_outline(negotiation, user))
    for stance in (
        Stance.objects.filter(negotiation=negotiation)
        .filter(Q(provision_id=provision) | Q(proposal__in=proposals.values()))
        .select_related("delegation")
        .prefetch_related("made_on")
        .order_by("recorded_at", "id")
    ):
        stance.key = key_of(stance)
        stance.made_on_note = made_on(provision, stance.made_on) if stance.provision_id else ""
        earlier = latest.get((stance.key, stance.delegation_id))
        if earlier is not None:
            history.append(earlier)
        latest[(stance.key, stance.delegation_id)] = stance
    by_code = sorted(latest.values(), key=lambda s: s.delegation.code)
    actor = actor_of(user)
    delegation = actor.delegation if actor.role == Role.DELEGATION else None
    objections = list(
        Objection.objects.filter(
            negotiation=negotiation, provision_id=provision, withdrawn_at__isnull=True
        )
        .select_related("delegation")
        .prefetch_related("made_on")
    )
    for objection in objections:
        objection.made_on_note = made_on(provision, objection.made_on)
    # The secretariat and the chair record a withdrawal from the record, with its source.
    records_withdrawals = can_run_process(actor)
    own_objection = delegation is not None and any(
        o.delegation_id == delegation.pk for o in objections
    )
    return {
        "negotiation": negotiation,
        "key": key,
        "stances": [s for s in by_code if s.key == key],
        "on_proposals": [
            (proposal, [s for s in by_code if s.key == name])
            for name, proposal in proposals.items()
        ],
        "history": sorted(history, key=lambda s: (s.recorded_at, s.pk), reverse=True),
        "objections": [
            (o, withdrawal_form(negotiation, o) if records_withdrawals else None)
            for o in objections
        ],
        "delegation": delegation,
        "stance_form": stance_form(negotiation, delegation, provision) if delegation else None,
        # One standing objection per delegation: the form is offered until it has objected.
        "objection_form": objection_form(negotiation, delegation, provision)
        if delegation and not own_objection
        else None,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
