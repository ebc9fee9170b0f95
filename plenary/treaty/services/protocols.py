"""Additional protocols: child negotiations with their own sessions, text and participants,
open only to parties to the parent treaty where their rule says so."""

from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.treaty.models import Treaty
from plenary.treaty.services.instruments import is_party


def create_protocol(
    parent: Negotiation,
    *,
    by: Actor,
    slug: str,
    title: str,
    short_title: str,
    mandate: str,
    open_to_parent_parties_only: bool,
    sources: Any = None,
) -> Negotiation:
    """Start the negotiation of an additional protocol: a child of the parent negotiation,
    with its own sessions, text and participants."""
    require_runs_process(by, _("start the negotiation of a protocol"))
    if parent.parent_id is not None:
        raise InvalidInput(_("A protocol is to a treaty, not to another protocol."))
    if not slug or slugify(slug) != slug or len(slug) > 80:
        raise InvalidInput(
            _("Give the protocol a short name of lower-case letters, digits and hyphens.")
        )
    if Negotiation.objects.filter(slug=slug).exists():
        raise Conflict(_("The short name %(slug)s is taken.") % {"slug": repr(slug)})
    if not title.strip() or not short_title.strip() or not mandate.strip():
        raise InvalidInput(_("A protocol needs a title, a short title and its mandate."))
    if len(title.strip()) > 400 or len(short_title.strip()) > 160 or len(mandate.strip()) > 60:
        raise InvalidInput(
            _("A title is at most 400 characters, a short title 160 and a mandate's symbol 60.")
        )
    with transaction.atomic():
        protocol = Negotiation.objects.create(
            parent=parent,
            slug=slug,
            title=title.strip(),
            short_title=short_title.strip(),
            mandate=mandate.strip(),
            body=parent.body,
            secretariat=parent.secretariat,
            decision_rule=parent.decision_rule,
            voting_majority=parent.voting_majority,
            timezone=parent.timezone,
            non_objection_days=parent.non_objection_days,
            open_to_parent_parties_only=open_to_parent_parties_only,
            sources=clean_sources(sources),
        )
        record(
            "protocol.created", protocol, by=by.user, negotiation=parent, after=snapshot(protocol)
        )
    return protocol


def admit_to_protocol(protocol: Negotiation, *, by: Actor, state: Delegation) -> Delegation:
    """Seat a State of the parent negotiation at the protocol's table; where the protocol is
    open only to parties to the parent treaty, a State that is not a party is refused."""
    require_runs_process(by, _("admit delegations to a protocol"))
    parent = protocol.parent
    if parent is None:
        raise InvalidInput(_("%(n)s is not a protocol.") % {"n": protocol})
    if state.negotiation_id != parent.pk:
        raise InvalidInput(
            _("%(state)s is not a delegation of %(parent)s.") % {"state": state, "parent": parent}
        )
    if protocol.open_to_parent_parties_only:
        treaty = Treaty.objects.filter(negotiation=parent).first()
        if treaty is None or not is_party(treaty, state):
            raise NotAllowed(
                _(
                    "%(protocol)s is open only to parties to %(parent)s, and %(state)s is not a "
                    "party: it has deposited no instrument of ratification, acceptance, approval "
                    "or accession."
                )
                % {"protocol": protocol, "parent": parent, "state": state}
            )
    if protocol.delegations.filter(name=state.name).exists():
        raise Conflict(_("%(state)s already takes part.") % {"state": state})
    with transaction.atomic():
        seated = Delegation.objects.create(
            negotiation=protocol,
            name=state.name,
            iso2=state.iso2,
            kind=state.kind,
            region=state.region,
            subregion=state.subregion,
            sources=state.sources,
            illustrative=state.illustrative,
        )
        record("protocol.delegation_admitted", seated, by=by.user, negotiation=protocol)
    return seated
