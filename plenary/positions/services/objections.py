"""Objections: a delegation's objection to a paragraph or a package blocks consensus."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Objection
from plenary.positions.services.provisions import require_provision
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_delegation_member


def object_to_paragraph(
    negotiation: Negotiation, *, by: Any, delegation: Delegation, eid: str, reason: str
) -> Objection:
    """A delegation objects to a paragraph or a package, for itself only and with its reason."""
    require_delegation_member(by, delegation)
    reason = (reason or "").strip()
    if not reason or len(reason) > 2000:
        raise InvalidInput(_("An objection states its reason, in at most 2,000 characters."))
    require_provision(negotiation, eid)
    if Objection.objects.filter(
        negotiation=negotiation, delegation=delegation, eid=eid, withdrawn_at__isnull=True
    ).exists():
        raise Conflict(
            _("%(delegation)s already objects to %(eid)s.") % {"delegation": delegation, "eid": eid}
        )
    with transaction.atomic():
        objection = Objection.objects.create(
            negotiation=negotiation, delegation=delegation, eid=eid, reason=reason, objected_by=by
        )
        record("objection.made", objection, by=by, negotiation=negotiation, note=reason)
    return objection
