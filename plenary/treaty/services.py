"""The treaty after adoption: adoption decisions, opening for signature, instruments, national
steps, where the treaty stands, and additional protocols open to its parties."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotFound
from plenary.positions.models import Decision
from plenary.positions.services import record_decision
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.participants import DelegationKind
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.treaty.entry_into_force import CONSENT_KINDS, Deposit, EntryIntoForce
from plenary.treaty.entry_into_force import entry_into_force as compute_entry_into_force
from plenary.treaty.models import Instrument, InstrumentKind, NationalStep, Treaty


def get_treaty(negotiation: Negotiation) -> Treaty:
    """The negotiation's treaty, or a 404 that says there is none yet."""
    treaty = Treaty.objects.filter(negotiation=negotiation).select_related("adopted_by").first()
    if treaty is None:
        raise NotFound(
            _("%(negotiation)s has no adopted treaty yet.") % {"negotiation": negotiation}
        )
    return treaty


def record_approval(
    negotiation: Negotiation,
    *,
    by: Any,
    symbol: str,
    date: datetime.date,
    method: str,
    votes: dict[Delegation, str] | None = None,
    sources: Any = None,
) -> Decision:
    """Record the negotiating body's approval of the text, to go to the General Assembly."""
    require_runs_process(by, _("record the approval of the text"))
    with transaction.atomic():
        return record_decision(
            negotiation,
            by=by,
            symbol=symbol,
            body=negotiation.body,
            title=_("Approval of the draft text: %(title)s") % {"title": negotiation.title},
            date=date,
            method=method,
            votes=votes,
            sources=sources,
        )


def record_adoption(
    negotiation: Negotiation,
    *,
    by: Any,
    title: str,
    symbol: str,
    date: datetime.date,
    method: str,
    threshold: int,
    days_after_threshold: int,
    days_after_later_deposit: int,
    reio_counted: bool = False,
    rule_text: str = "",
    depositary_record: Any = None,
    approved_by: Decision | None = None,
    votes: dict[Delegation, str] | None = None,
    body: str = "General Assembly",
    sources: Any = None,
) -> Treaty:
    """Record the adopting resolution and the treaty it adopts, with its rule of entry into
    force; the committee's approval, if recorded, is linked to it."""
    require_runs_process(by, _("record the adoption of the treaty"))
    title = (title or "").strip()
    if not title or len(title) > 400:
        raise InvalidInput(_("A treaty needs its title, of 1 to 400 characters."))
    if Treaty.objects.filter(negotiation=negotiation).exists():
        raise Conflict(_("The adoption of this treaty is already recorded."))
    if not 1 <= threshold <= 1000:
        raise InvalidInput(_("The number of instruments needed is from 1 to 1,000."))
    if not (0 <= days_after_threshold <= 3650 and 0 <= days_after_later_deposit <= 3650):
        raise InvalidInput(_("The days before entry into force are from 0 to 3,650."))
    if approved_by is not None and (
        approved_by.negotiation_id != negotiation.pk or approved_by.date > date
    ):
        raise InvalidInput(
            _("The approval must be this negotiation's and come before the adoption.")
        )
    with transaction.atomic():
        decision = record_decision(
            negotiation,
            by=by,
            symbol=symbol,
            body=body,
            title=title,
            date=date,
            method=method,
            votes=votes,
            sources=sources,
        )
        treaty = Treaty.objects.create(
            negotiation=negotiation,
            title=title,
            adopted_by=decision,
            approved_by=approved_by,
            threshold=threshold,
            days_after_threshold=days_after_threshold,
            days_after_later_deposit=days_after_later_deposit,
            reio_counted=reio_counted,
            rule_text=rule_text.strip(),
            depositary_record=clean_sources(depositary_record),
            sources=clean_sources(sources),
        )
        record("treaty.adopted", treaty, by=by, negotiation=negotiation, after=snapshot(treaty))
    return treaty


def open_for_signature(
    treaty: Treaty,
    *,
    by: Any,
    place: str,
    opens: datetime.date,
    first_period_ends: datetime.date,
    then_at: str,
    closes: datetime.date,
    expected_version: int | None = None,
) -> Treaty:
    """Set where and until when the treaty is open for signature."""
    require_runs_process(by, _("open the treaty for signature"))
    adopted_on = treaty.adopted_by.date if treaty.adopted_by else None
    if adopted_on and opens < adopted_on:
        raise InvalidInput(
            _("The treaty cannot open for signature (%(opens)s) before its adoption (%(adopted)s).")
            % {"opens": opens, "adopted": adopted_on}
        )
    if not opens <= first_period_ends <= closes:
        raise InvalidInput(_("Signature opens, moves on, then closes: the dates must follow."))
    if not place.strip() or len(place) > 200 or len(then_at) > 200:
        raise InvalidInput(_("Say where the treaty opens for signature (at most 200 characters)."))
    with audited_change(
        "treaty.opened_for_signature",
        treaty,
        by=by,
        negotiation=treaty.negotiation,
        expected_version=expected_version,
    ):
        treaty.signature_place = place.strip()
        treaty.signature_opens = opens
        treaty.signature_first_period_ends = first_period_ends
        treaty.signature_then_at = then_at.strip()
        treaty.signature_closes = closes
    return treaty


def _check_instrument(
    treaty: Treaty, delegation: Delegation, kind: str, date: datetime.date
) -> None:
    if kind not in InstrumentKind.values:
        raise InvalidInput(
            _("Kind must be one of: %(kinds)s.") % {"kinds": ", ".join(InstrumentKind.values)}
        )
    if delegation.negotiation_id != treaty.negotiation_id:
        raise InvalidInput(
            _("%(state)s is not a delegation of this negotiation.") % {"state": delegation}
        )
    if date > timezone.localdate():
        raise InvalidInput(
            _("%(date)s is in the future: record an instrument once it is signed or deposited.")
            % {"date": date}
        )
    adopted_on = treaty.adopted_by.date if treaty.adopted_by else None
    if adopted_on and date < adopted_on:
        raise InvalidInput(
            _("%(date)s is before the treaty's adoption on %(adopted)s.")
            % {"date": date, "adopted": adopted_on}
        )
    instruments = treaty.instruments.filter(delegation=delegation)
    signature = instruments.filter(kind=InstrumentKind.SIGNATURE).first()
    if kind == InstrumentKind.SIGNATURE:
        _check_signature(treaty, delegation, date, signature)
        return
    consent = instruments.exclude(kind=InstrumentKind.SIGNATURE).first()
    if consent is not None:
        raise Conflict(
            _("%(state)s already deposited its instrument of %(kind)s on %(date)s.")
            % {"state": delegation, "kind": consent.get_kind_display(), "date": consent.date}
        )
    if kind == InstrumentKind.ACCESSION and signature is not None:
        raise InvalidInput(
            _(
                "%(state)s signed the treaty: it ratifies, accepts or approves it; accession is "
                "for States that did not sign."
            )
            % {"state": delegation}
        )
    if kind != InstrumentKind.ACCESSION:
        if signature is None:
            raise InvalidInput(
                _("%(state)s has not signed the treaty: without a signature it joins by accession.")
                % {"state": delegation}
            )
        if date < signature.date:
            raise InvalidInput(
                _("%(date)s is before %(state)s signed, on %(signed)s.")
                % {"date": date, "state": delegation, "signed": signature.date}
            )


def _check_signature(
    treaty: Treaty, delegation: Delegation, date: datetime.date, signature: Instrument | None
) -> None:
    if signature is not None:
        raise Conflict(
            _("%(state)s already signed the treaty, on %(date)s.")
            % {"state": delegation, "date": signature.date}
        )
    if treaty.signature_opens is None or treaty.signature_closes is None:
        raise InvalidInput(_("The treaty has not been opened for signature yet."))
    if not treaty.signature_opens <= date <= treaty.signature_closes:
        raise InvalidInput(
            _("The treaty is open for signature from %(opens)s to %(closes)s, not on %(date)s.")
            % {"opens": treaty.signature_opens, "closes": treaty.signature_closes, "date": date}
        )


def record_instrument(
    treaty: Treaty,
    *,
    by: Any,
    delegation: Delegation,
    kind: str,
    date: datetime.date,
    declarations: str = "",
    reservations: str = "",
    sources: Any = None,
    illustrative: bool = False,
) -> Instrument:
    """Record a signature or the deposit of an instrument of ratification, acceptance, approval
    or accession; a duplicate, or a date before adoption or outside the signature period, is
    refused."""
    require_runs_process(by, _("record treaty instruments"))
    _check_instrument(treaty, delegation, kind, date)
    if len(declarations) > 20000 or len(reservations) > 20000:
        raise InvalidInput(_("Declarations and reservations are at most 20,000 characters each."))
    # An instrument is checked against the depositary's record unless it cites its own source.
    cleaned = clean_sources(sources) or ([] if illustrative else treaty.depositary_record)
    if not cleaned and not illustrative:
        raise InvalidInput(
            _(
                "An instrument needs its source (e.g. the depositary notification), or mark it "
                "illustrative."
            )
        )
    with transaction.atomic():
        instrument = Instrument.objects.create(
            treaty=treaty,
            delegation=delegation,
            kind=kind,
            date=date,
            declarations=declarations.strip(),
            reservations=reservations.strip(),
            sources=cleaned,
            illustrative=illustrative,
            recorded_by=by,
        )
        record(
            "treaty.instrument_recorded",
            instrument,
            by=by,
            negotiation=treaty.negotiation,
            after=snapshot(instrument),
        )
    return instrument


def record_national_step(
    treaty: Treaty,
    *,
    by: Any,
    delegation: Delegation,
    date: datetime.date,
    step: str,
    sources: Any = None,
    illustrative: bool = False,
) -> NationalStep:
    """Record a step at home towards joining the treaty (e.g. parliamentary approval)."""
    require_runs_process(by, _("record national steps"))
    step = (step or "").strip()
    if not step or len(step) > 300:
        raise InvalidInput(
            _("Say what the step was (e.g. parliamentary approval), in 1 to 300 characters.")
        )
    if delegation.negotiation_id != treaty.negotiation_id:
        raise InvalidInput(
            _("%(state)s is not a delegation of this negotiation.") % {"state": delegation}
        )
    if date > timezone.localdate():
        raise InvalidInput(_("%(date)s is in the future.") % {"date": date})
    cleaned = clean_sources(sources)
    if not cleaned and not illustrative:
        raise InvalidInput(_("A national step needs its source, or mark it illustrative."))
    if treaty.national_steps.filter(delegation=delegation, date=date, step=step).exists():
        raise Conflict(_("This step is already recorded."))
    with transaction.atomic():
        national_step = NationalStep.objects.create(
            treaty=treaty,
            delegation=delegation,
            date=date,
            step=step,
            sources=cleaned,
            illustrative=illustrative,
            recorded_by=by,
        )
        record(
            "treaty.national_step_recorded",
            national_step,
            by=by,
            negotiation=treaty.negotiation,
            after=snapshot(national_step),
        )
    return national_step


@dataclass(frozen=True)
class TreatyStatus:
    """Where the treaty stands: counts, the computed entry into force, illustrative entries."""

    treaty: Treaty
    signatures: int
    parties: int
    illustrative_instruments: int
    entry_into_force: EntryIntoForce

    @property
    def still_needed(self) -> int:
        return max(self.treaty.threshold - self.entry_into_force.counted, 0)


def deposits(treaty: Treaty) -> list[Deposit]:
    """The treaty's instruments as plain data for the entry-into-force rule."""
    return [
        Deposit(
            party=str(row["delegation_id"]),
            kind=row["kind"],
            date=row["date"],
            reio=row["delegation__kind"] == DelegationKind.REIO,
        )
        for row in treaty.instruments.values("delegation_id", "kind", "date", "delegation__kind")
    ]


def treaty_status(treaty: Treaty) -> TreatyStatus:
    """Count signatures and parties and compute entry into force from the treaty's rule."""
    kinds = list(treaty.instruments.values_list("kind", "illustrative"))
    return TreatyStatus(
        treaty=treaty,
        signatures=sum(1 for kind, _i in kinds if kind == InstrumentKind.SIGNATURE),
        parties=sum(1 for kind, _i in kinds if kind in CONSENT_KINDS),
        illustrative_instruments=sum(1 for _k, illustrative in kinds if illustrative),
        entry_into_force=compute_entry_into_force(deposits(treaty), treaty.rule),
    )


def is_party(treaty: Treaty, state: Delegation) -> bool:
    """A State is a party once it has deposited an instrument of consent."""
    return treaty.instruments.filter(delegation=state, kind__in=CONSENT_KINDS).exists()


def create_protocol(
    parent: Negotiation,
    *,
    by: Any,
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
    if not slug or Negotiation.objects.filter(slug=slug).exists():
        raise Conflict(_("The short name %(slug)s is taken.") % {"slug": repr(slug)})
    if not title.strip() or not short_title.strip() or not mandate.strip():
        raise InvalidInput(_("A protocol needs a title, a short title and its mandate."))
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
        record("protocol.created", protocol, by=by, negotiation=parent, after=snapshot(protocol))
    return protocol


def admit_to_protocol(protocol: Negotiation, *, by: Any, state: Delegation) -> Delegation:
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
        record("protocol.delegation_admitted", seated, by=by, negotiation=protocol)
    return seated
