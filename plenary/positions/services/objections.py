"""Objections: a delegation's objection to a paragraph or a package blocks consensus."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Objection
from plenary.positions.services.provisions import (
    PROPOSAL_PREFIX,
    provisions_seen_by,
    require_provision,
    speaks_for,
)
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_delegation_member, require_takes_part
from plenary.sources import clean_sources


def object_to_paragraph(
    negotiation: Negotiation, *, by: Any, delegation: Delegation, eid: str, reason: str
) -> Objection:
    """A delegation objects to a paragraph or a package, for itself only and with its reason."""
    require_delegation_member(by, delegation)
    require_takes_part(delegation, negotiation)
    reason = (reason or "").strip()
    if not reason or len(reason) > 2000:
        raise InvalidInput(_("An objection states its reason, in at most 2,000 characters."))
    if eid.startswith(PROPOSAL_PREFIX):
        raise InvalidInput(
            _(
                "An objection is to a paragraph or a package; to oppose a proposal, record "
                "the delegation's stance on it."
            )
        )
    require_provision(negotiation, eid)
    already = Conflict(
        _("%(delegation)s already objects to %(eid)s.") % {"delegation": delegation, "eid": eid}
    )
    try:
        with transaction.atomic():
            if Objection.objects.filter(
                negotiation=negotiation, delegation=delegation, eid=eid, withdrawn_at__isnull=True
            ).exists():
                raise already
            # The database holds one standing objection per delegation and target, so two
            # requests at once make one (one_standing_objection).
            objection = Objection.objects.create(
                negotiation=negotiation,
                delegation=delegation,
                eid=eid,
                reason=reason,
                objected_by=by,
            )
            record("objection.made", objection, by=by, negotiation=negotiation, note=reason)
    except IntegrityError:
        raise already from None
    return objection


def withdraw_objection(
    objection: Objection, *, by: Any, sources: Any = None, note: str = ""
) -> Objection:
    """Withdraw an objection: the delegation itself, or the secretariat or chair recording it
    from the record (with its source); consensus no longer waits on it."""
    speaks_for(by, objection.delegation)
    cleaned = clean_sources(sources)
    if by.runs_process and not cleaned:
        raise InvalidInput(
            _(
                "Recording a withdrawal for a delegation needs its source: the statement "
                "or document in which it lifted the objection."
            )
        )
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(_("A note on a withdrawal is at most 2,000 characters."))
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.withdrawn_at is not None:
            raise Conflict(
                _("%(delegation)s already withdrew this objection to %(eid)s.")
                % {"delegation": locked.delegation, "eid": locked.eid}
            )
        before = snapshot(locked)
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        record(
            "objection.withdrawn",
            locked,
            by=by,
            negotiation=locked.negotiation,
            before=before,
            after=snapshot(locked) | {"sources": cleaned},
            note=note,
        )
    objection.withdrawn_at = locked.withdrawn_at
    return objection


def objections_seen_by(
    negotiation: Negotiation,
    *,
    viewer: Any,
    eid: str = "",
    delegation: Delegation | None = None,
    standing: bool = False,
) -> list[Objection]:
    """The objections made, oldest first (withdrawn ones with their date), on what the viewer
    may see: objections to paragraphs of informal drafts are for those who see the working
    text."""
    objections = Objection.objects.filter(negotiation=negotiation)
    if eid:
        objections = objections.filter(eid=eid)
    if delegation is not None:
        objections = objections.filter(delegation=delegation)
    if standing:
        objections = objections.filter(withdrawn_at__isnull=True)
    found = list(objections.select_related("delegation").order_by("objected_at", "id"))
    seen = provisions_seen_by(negotiation, viewer, {o.eid for o in found})
    return [o for o in found if o.eid in seen]
