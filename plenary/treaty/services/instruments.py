"""States' instruments (signature, ratification, acceptance, approval, accession) and
national steps, and where the treaty stands: counts and the computed entry into force."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.process.actors import Actor
from plenary.process.models import Delegation
from plenary.process.models.participants import DelegationKind
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.treaty.entry_into_force import (
    CONSENT_KINDS,
    Deposit,
    EntryIntoForce,
    earliest_possible,
)
from plenary.treaty.entry_into_force import entry_into_force as compute_entry_into_force
from plenary.treaty.models import Instrument, InstrumentKind, NationalStep, Treaty


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
    by: Actor,
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
            recorded_by=by.user,
        )
        # Whoever records an instrument has the depositary's record before them today.
        if not illustrative and (treaty.record_as_of is None or treaty.record_as_of < date):
            Treaty.objects.filter(pk=treaty.pk).update(record_as_of=timezone.localdate())
            treaty.record_as_of = timezone.localdate()
        record(
            "treaty.instrument_recorded",
            instrument,
            by=by.user,
            negotiation=treaty.negotiation,
            after=snapshot(instrument),
        )
    return instrument


def record_national_step(
    treaty: Treaty,
    *,
    by: Actor,
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
            recorded_by=by.user,
        )
        record(
            "treaty.national_step_recorded",
            national_step,
            by=by.user,
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

    @property
    def record_as_of(self) -> datetime.date | None:
        return self.treaty.record_as_of

    def earliest_entry_into_force(self, day: datetime.date) -> datetime.date:
        """The computed date, or the earliest it could be if the rest were deposited on `day`."""
        return earliest_possible(self.entry_into_force, self.treaty.rule, day)

    def signature_open_on(self, day: datetime.date) -> bool:
        opens, closes = self.treaty.signature_opens, self.treaty.signature_closes
        return opens is not None and closes is not None and opens <= day <= closes


def deposits(treaty: Treaty, recorded: list[Instrument] | None = None) -> list[Deposit]:
    """The treaty's instruments as plain data for the entry-into-force rule; `recorded`, its
    instruments with their delegations, if the caller has read them already."""
    if recorded is not None:
        rows = [
            (i.delegation_id, i.kind, i.date, i.delegation.kind == DelegationKind.REIO)
            for i in recorded
        ]
    else:
        rows = [
            (
                row["delegation_id"],
                row["kind"],
                row["date"],
                row["delegation__kind"] == DelegationKind.REIO,
            )
            for row in treaty.instruments.values(
                "delegation_id", "kind", "date", "delegation__kind"
            )
        ]
    return [
        Deposit(party=str(party), kind=kind, date=date, reio=reio)
        for party, kind, date, reio in rows
    ]


def treaty_status(treaty: Treaty, recorded: list[Instrument] | None = None) -> TreatyStatus:
    """Count signatures and parties and compute entry into force from the treaty's rule;
    `recorded`, its instruments with their delegations, if the caller has read them already."""
    if recorded is not None:
        kinds = [(i.kind, i.illustrative) for i in recorded]
    else:
        kinds = list(treaty.instruments.values_list("kind", "illustrative"))
    return TreatyStatus(
        treaty=treaty,
        signatures=sum(1 for kind, _i in kinds if kind == InstrumentKind.SIGNATURE),
        parties=sum(1 for kind, _i in kinds if kind in CONSENT_KINDS),
        illustrative_instruments=sum(1 for _k, illustrative in kinds if illustrative),
        entry_into_force=compute_entry_into_force(deposits(treaty, recorded), treaty.rule),
    )


def is_party(treaty: Treaty, state: Delegation) -> bool:
    """A State is a party once it has deposited an instrument of consent."""
    return treaty.instruments.filter(delegation=state, kind__in=CONSENT_KINDS).exists()
