"""The treaty after adoption through the API: its status, the instruments States deposit, and
the secretariat's record of the adoption, the opening for signature and protocols."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from plenary.api.auth import WRITE_AUTH
from plenary.api.schemas import SourceIn, SourceOut
from plenary.errors import InvalidInput, NotFound
from plenary.process.actors import request_actor
from plenary.process.permissions import require_runs_process
from plenary.process.visibility import get_negotiation
from plenary.treaty.models import Treaty
from plenary.treaty.services import adoption, instruments, protocols

router = Router(tags=["treaty"])


class AdoptedOut(Schema):
    symbol: str
    date: datetime.date
    body: str
    method: str


class RuleOut(Schema):
    threshold: int = Field(..., description="Instruments of consent needed.")
    days: int = Field(..., description="Days after the deposit of the last instrument needed.")
    days_after_later_deposit: int
    reio_counted: bool = Field(
        ..., description="Whether an organization's instrument counts besides its members'."
    )
    text: str


class OpeningOut(Schema):
    place: str
    opens: datetime.date | None
    until: datetime.date | None
    then_at: str
    closes: datetime.date | None


class InstrumentOut(Schema):
    state: str = Field(..., description="ISO code, or the name of an organization of States.")
    name: str
    kind: str
    date: datetime.date
    declarations: str
    reservations: str
    illustrative: bool
    sources: list[SourceOut]


class StepOut(Schema):
    body: str
    action: str
    document: str
    date: datetime.date | None
    when: str = Field(..., description="What the record says of the date of an undated step.")
    summary: str
    illustrative: bool
    sources: list[SourceOut]


class TreatyOut(Schema):
    title: str
    adopted: AdoptedOut | None
    opening: OpeningOut
    signatures: int
    parties: int
    record_as_of: datetime.date | None = Field(
        ...,
        description="The date up to which the depositary's record was checked; counts are "
        "as of it.",
    )
    illustrative_instruments: int = Field(..., description="Counted above, not from the record.")
    entry_into_force: datetime.date | None
    instruments_counted: int
    rule: RuleOut
    instruments: list[InstrumentOut]
    steps: list[StepOut] = Field(
        default_factory=list, description="From the negotiators' approval to the adoption."
    )
    sources: list[SourceOut]
    lock_version: int = Field(..., description="Send it back to change the opening for signature.")


class InstrumentIn(Schema):
    state: str = Field(..., min_length=2, max_length=200, description="ISO code or name")
    kind: str = Field(..., max_length=20)
    date: datetime.date
    declarations: str = Field("", max_length=20000)
    reservations: str = Field("", max_length=20000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)
    illustrative: bool = False


def _instrument(instrument) -> dict:
    delegation = instrument.delegation
    return {
        "state": delegation.code,
        "name": delegation.name,
        "kind": instrument.kind,
        "date": instrument.date,
        "declarations": instrument.declarations,
        "reservations": instrument.reservations,
        "illustrative": instrument.illustrative,
        "sources": instrument.sources,
    }


def _treaty_out(treaty: Treaty) -> dict:
    status = instruments.treaty_status(treaty)
    adopted = treaty.adopted_by
    return {
        "title": treaty.title,
        "adopted": {
            "symbol": adopted.symbol,
            "date": adopted.date,
            "body": adopted.body,
            "method": adopted.method,
        }
        if adopted
        else None,
        "opening": {
            "place": treaty.signature_place,
            "opens": treaty.signature_opens,
            "until": treaty.signature_first_period_ends,
            "then_at": treaty.signature_then_at,
            "closes": treaty.signature_closes,
        },
        "signatures": status.signatures,
        "parties": status.parties,
        "record_as_of": treaty.record_as_of,
        "steps": list(treaty.steps.all()),
        "illustrative_instruments": status.illustrative_instruments,
        "entry_into_force": status.entry_into_force.date,
        "instruments_counted": status.entry_into_force.counted,
        "rule": {
            "threshold": treaty.threshold,
            "days": treaty.days_after_threshold,
            "days_after_later_deposit": treaty.days_after_later_deposit,
            "reio_counted": treaty.reio_counted,
            "text": treaty.rule_text,
        },
        "instruments": [_instrument(i) for i in treaty.instruments.select_related("delegation")],
        "sources": treaty.sources,
        "lock_version": treaty.lock_version,
    }


@router.get("/{slug}/treaty", response=TreatyOut)
def treaty_status(request: HttpRequest, slug: str):
    """The adopted treaty: signatures, parties and its computed entry into force."""
    return _treaty_out(adoption.get_treaty(get_negotiation(slug)))


@router.post("/{slug}/treaty/instruments", response={201: InstrumentOut}, auth=WRITE_AUTH)
def record_treaty_instrument(request: HttpRequest, slug: str, payload: InstrumentIn):
    """Record a signature or the deposit of an instrument (secretariat or chair)."""
    negotiation = get_negotiation(slug)
    treaty = adoption.get_treaty(negotiation)
    unknown = _("There is no State %(state)s in this negotiation.")
    delegation = _state(negotiation, payload.state, unknown)
    instrument = instruments.record_instrument(
        treaty,
        by=request_actor(request),
        delegation=delegation,
        kind=payload.kind,
        date=payload.date,
        declarations=payload.declarations,
        reservations=payload.reservations,
        sources=[s.dict() for s in payload.sources],
        illustrative=payload.illustrative,
    )
    return Status(201, _instrument(instrument))


class TreatyAdoptionIn(Schema):
    title: str = Field(..., min_length=1, max_length=400)
    symbol: str = Field(..., min_length=1, max_length=60, description="e.g. A/RES/79/243")
    body: str = Field("General Assembly", min_length=1, max_length=200)
    date: datetime.date
    method: str = Field(..., max_length=20, description="recorded_vote, without_vote, consensus")
    votes: dict[str, str] = Field(
        default_factory=dict, description="For a recorded vote: ISO code → yes, no, abstain, absent"
    )
    threshold: int = Field(..., ge=1, le=1000, description="Instruments of consent needed.")
    days_after_threshold: int = Field(..., ge=0, le=3650)
    days_after_later_deposit: int = Field(..., ge=0, le=3650)
    reio_counted: bool = False
    rule_text: str = Field("", max_length=5000)
    depositary_record: list[SourceIn] = Field(default_factory=list, max_length=20)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class SignatureOpeningIn(Schema):
    place: str = Field(..., min_length=1, max_length=200)
    opens: datetime.date
    until: datetime.date = Field(..., description="The end of the first period, at the place.")
    then_at: str = Field("", max_length=200)
    closes: datetime.date
    lock_version: int | None = Field(None, description="The version you edited; newer gives 409.")


class ProtocolIn(Schema):
    slug: str = Field(..., min_length=1, max_length=80, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(..., min_length=1, max_length=400)
    short_title: str = Field(..., min_length=1, max_length=160)
    mandate: str = Field(..., min_length=1, max_length=60)
    open_to_parent_parties_only: bool = True
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class ProtocolOut(Schema):
    slug: str
    title: str
    short_title: str
    mandate: str
    parent: str
    open_to_parent_parties_only: bool


class AdmissionIn(Schema):
    state: str = Field(..., min_length=2, max_length=200, description="ISO code or name")


class SeatedOut(Schema):
    state: str = Field(..., description="ISO code, or the name of an organization of States.")
    name: str
    kind: str


def _states(negotiation: Any, states: Iterable[str], unknown: str = "") -> list[Any]:
    """Each State named, by ISO code or else by name, found in one query (a roll call names
    every State); a name that is not one of the negotiation's is refused, with `unknown`
    (a sentence holding %(state)s) when given."""
    states = list(states)
    found = negotiation.delegations.filter(
        Q(iso2__in=[state.upper() for state in states]) | Q(name__in=states)
    )
    by_code: dict[str, Any] = {}
    by_name: dict[str, Any] = {}
    for delegation in found:
        by_code.setdefault(delegation.iso2, delegation)
        by_name.setdefault(delegation.name, delegation)
    delegations = []
    for state in states:
        delegation = by_code.get(state.upper()) or by_name.get(state)
        if delegation is None:
            raise InvalidInput(
                unknown % {"state": repr(state)}
                if unknown
                else _("There is no State %(state)s in %(negotiation)s.")
                % {"state": repr(state), "negotiation": negotiation}
            )
        delegations.append(delegation)
    return delegations


def _state(negotiation: Any, state: str, unknown: str = "") -> Any:
    return _states(negotiation, [state], unknown)[0]


@router.post("/{slug}/treaty", response={201: TreatyOut}, auth=WRITE_AUTH)
def record_treaty_adoption(request: HttpRequest, slug: str, payload: TreatyAdoptionIn):
    """Record the adopting resolution and the treaty's rule of entry into force (secretariat
    or chair)."""
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("record the adoption of the treaty"))
    fields = payload.dict(exclude={"votes", "depositary_record", "sources"})
    states = _states(negotiation, payload.votes)
    votes = dict(zip(states, payload.votes.values(), strict=True))
    treaty = adoption.record_adoption(
        negotiation,
        by=actor,
        votes=votes or None,
        depositary_record=[s.dict() for s in payload.depositary_record],
        sources=[s.dict() for s in payload.sources],
        **fields,
    )
    return Status(201, _treaty_out(treaty))


@router.put("/{slug}/treaty/signature", response=TreatyOut, auth=WRITE_AUTH)
def open_treaty_for_signature(request: HttpRequest, slug: str, payload: SignatureOpeningIn):
    """Set where and until when the treaty is open for signature (secretariat or chair)."""
    treaty = adoption.get_treaty(get_negotiation(slug))
    adoption.open_for_signature(
        treaty,
        by=request_actor(request),
        place=payload.place,
        opens=payload.opens,
        first_period_ends=payload.until,
        then_at=payload.then_at,
        closes=payload.closes,
        expected_version=payload.lock_version,
    )
    return _treaty_out(treaty)


def _protocol_out(protocol) -> dict:
    return {
        "slug": protocol.slug,
        "title": protocol.title,
        "short_title": protocol.short_title,
        "mandate": protocol.mandate,
        "parent": protocol.parent.slug,
        "open_to_parent_parties_only": protocol.open_to_parent_parties_only,
    }


@router.post("/{slug}/protocols", response={201: ProtocolOut}, auth=WRITE_AUTH)
def create_protocol(request: HttpRequest, slug: str, payload: ProtocolIn):
    """Start the negotiation of an additional protocol to this one (secretariat or chair)."""
    protocol = protocols.create_protocol(
        get_negotiation(slug),
        by=request_actor(request),
        slug=payload.slug,
        title=payload.title,
        short_title=payload.short_title,
        mandate=payload.mandate,
        open_to_parent_parties_only=payload.open_to_parent_parties_only,
        sources=[s.dict() for s in payload.sources],
    )
    return Status(201, _protocol_out(protocol))


@router.post("/{slug}/protocol/delegations", response={201: SeatedOut}, auth=WRITE_AUTH)
def admit_to_protocol(request: HttpRequest, slug: str, payload: AdmissionIn):
    """Seat a State of the parent negotiation at this protocol's table (secretariat or chair);
    where the protocol is open only to parties, a State that is not a party gets 403."""
    protocol = get_negotiation(slug)
    if protocol.parent is None:
        raise NotFound(_("%(n)s is not a protocol.") % {"n": protocol})
    actor = request_actor(request)
    require_runs_process(actor, _("admit delegations to a protocol"))
    seated = protocols.admit_to_protocol(
        protocol, by=actor, state=_state(protocol.parent, payload.state)
    )
    return Status(201, {"state": seated.code, "name": seated.name, "kind": seated.kind})
