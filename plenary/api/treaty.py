"""The treaty after adoption through the API: its status and the instruments States deposit."""

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from plenary.api.auth import WRITE_AUTH
from plenary.api.schemas import SourceIn, SourceOut
from plenary.errors import InvalidInput
from plenary.process.visibility import get_negotiation
from plenary.treaty.models import Treaty
from plenary.treaty.services import adoption, instruments

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


class TreatyOut(Schema):
    title: str
    adopted: AdoptedOut | None
    opening: OpeningOut
    signatures: int
    parties: int
    illustrative_instruments: int = Field(..., description="Counted above, not from the record.")
    entry_into_force: datetime.date | None
    instruments_counted: int
    rule: RuleOut
    instruments: list[InstrumentOut]
    sources: list[SourceOut]


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
    delegation = (
        negotiation.delegations.filter(iso2=payload.state.upper()).first()
        or negotiation.delegations.filter(name=payload.state).first()
    )
    if delegation is None:
        raise InvalidInput(
            _("There is no State %(state)s in this negotiation.") % {"state": repr(payload.state)}
        )
    instrument = instruments.record_instrument(
        treaty,
        by=request.user,
        delegation=delegation,
        kind=payload.kind,
        date=payload.date,
        declarations=payload.declarations,
        reservations=payload.reservations,
        sources=[s.dict() for s in payload.sources],
        illustrative=payload.illustrative,
    )
    return Status(201, _instrument(instrument))
