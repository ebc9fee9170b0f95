"""Objections: a delegation's objection to a paragraph or a package blocks consensus."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Objection
from plenary.positions.services.provisions import Subject, key_of, keys_seen_by, speaks_for
from plenary.process.actors import Actor
from plenary.process.capabilities import can_run_process
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.participants import delegation_codes
from plenary.process.permissions import require_delegation_member, require_takes_part
from plenary.sources import clean_sources
from plenary.text.blockers import OBJECTIONS, Blocker
from plenary.text.provisions import current_version
from plenary.validation import max_length


def object_to_paragraph(
    negotiation: Negotiation, *, by: Actor, delegation: Delegation, subject: Subject, reason: str
) -> Objection:
    """A delegation objects to a paragraph or a package, for itself only and with its reason;
    it stands by one objection to the same thing at a time."""
    require_delegation_member(by, delegation)
    require_takes_part(delegation, negotiation)
    reason = (reason or "").strip()
    if not reason or len(reason) > max_length(Objection, "reason"):
        raise InvalidInput(
            _("An objection states its reason, in at most 2,000 characters."), field="reason"
        )
    if subject.proposal is not None:
        raise InvalidInput(
            _(
                "An objection is to a paragraph or a package; to oppose a proposal, record "
                "the delegation's stance on it."
            )
        )
    owner = subject.provision or subject.package
    if owner is None or owner.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That is not part of this negotiation's text."))
    target = {"provision": subject.provision, "package": subject.package}
    with transaction.atomic():
        # One delegation's objections are made one at a time; the database holds the rule too.
        Delegation.objects.select_for_update().filter(pk=delegation.pk).first()
        if Objection.objects.filter(
            delegation=delegation, withdrawn_at__isnull=True, **target
        ).exists():
            raise Conflict(
                _("%(delegation)s already objects to this.") % {"delegation": delegation}
            )
        objection = Objection.objects.create(
            negotiation=negotiation,
            delegation=delegation,
            **target,
            made_on=current_version(negotiation, by) if subject.provision else None,
            reason=reason,
            objected_by=by.user,
        )
        record(
            "objection.made",
            objection,
            by=by.user,
            negotiation=negotiation,
            after={"subject": subject.key, "reason": reason},
        )
    return objection


def withdraw_objection(
    objection: Objection, *, by: Actor, sources: Any = None, note: str = ""
) -> Objection:
    """Withdraw an objection: the delegation itself, or the secretariat or chair recording it
    from the record (with its source); consensus no longer waits on it."""
    speaks_for(by, objection.delegation)
    cleaned = clean_sources(sources)
    if can_run_process(by) and not cleaned:
        raise InvalidInput(
            _(
                "Recording a withdrawal for a delegation needs its source: the statement "
                "or document in which it lifted the objection."
            )
        )
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(_("A note on a withdrawal is at most 2,000 characters."), field="note")
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.withdrawn_at is not None:
            raise Conflict(
                _("%(delegation)s already withdrew this objection.")
                % {"delegation": locked.delegation}
            )
        before = snapshot(locked)
        locked.withdrawn_at = timezone.now()
        locked.save(update_fields=["withdrawn_at"])
        record(
            "objection.withdrawn",
            locked,
            by=by.user,
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
    subject: Subject | None = None,
    delegation: Delegation | None = None,
    standing: bool = False,
) -> list[Objection]:
    """The objections made, oldest first (withdrawn ones with their date), on what the viewer
    may see: objections to paragraphs of informal drafts are for those who see the working
    text."""
    objections = Objection.objects.filter(negotiation=negotiation)
    if subject is not None:
        objections = objections.filter(provision=subject.provision, package=subject.package)
    if delegation is not None:
        objections = objections.filter(delegation=delegation)
    if standing:
        objections = objections.filter(withdrawn_at__isnull=True)
    found = list(
        objections.select_related("delegation")
        .prefetch_related("made_on")
        .order_by("objected_at", "id")
    )
    seen = keys_seen_by(negotiation, viewer, {key_of(o) for o in found})
    return [o for o in found if key_of(o) in seen]


def standing_objections(negotiation: Negotiation, provisions: Iterable[int]) -> list[Blocker]:
    """The standing objections on these provisions, as what stands in the way of agreeing them
    (registered with the text when the positions start)."""
    codes = delegation_codes(negotiation)
    objecting: dict[int, list[str]] = {}
    for provision, delegation in Objection.objects.filter(
        negotiation=negotiation, provision_id__in=list(provisions), withdrawn_at__isnull=True
    ).values_list("provision_id", "delegation_id"):
        objecting.setdefault(provision, []).append(codes.get(delegation, "?"))
    return [
        Blocker(provision, OBJECTIONS, len(names), sorted(names))
        for provision, names in objecting.items()
    ]
