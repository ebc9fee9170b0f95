"""Small factories for the treaty: plain functions with the cybercrime convention's rule as
defaults, no fixed ids."""

import datetime
import itertools

from plenary.decisions.models import Decision
from plenary.process.models import Delegation
from plenary.process.models.participants import DelegationKind
from plenary.treaty.models import Instrument, Treaty

_counter = itertools.count(1)
D = datetime.date
SOURCE = [{"symbol": "C.N.1.2026.TREATIES-XVIII.16"}]
ADOPTED_ON = D(2024, 12, 24)
DEPOSITED_ON = D(2026, 3, 1)


def make_treaty(negotiation, adopted_on=ADOPTED_ON, **fields) -> Treaty:
    decision = Decision.objects.create(
        negotiation=negotiation,
        symbol=f"A/RES/79/{next(_counter)}",
        body="General Assembly",
        title="A convention",
        date=adopted_on,
        method="without_vote",
        sources=[{"symbol": "A/RES/79/243"}],
    )
    defaults = {
        "title": "Convention against Cybercrime",
        "adopted_by": decision,
        "signature_place": "Hanoi",
        "signature_opens": D(2025, 10, 25),
        "signature_first_period_ends": D(2025, 10, 26),
        "signature_then_at": "United Nations Headquarters, New York",
        "signature_closes": D(2026, 12, 31),
        "threshold": 40,
        "days_after_threshold": 90,
        "days_after_later_deposit": 30,
        "depositary_record": [{"symbol": "XVIII-16", "url": "https://treaties.un.org/"}],
        "sources": [{"symbol": "A/RES/79/243"}],
    }
    return Treaty.objects.create(negotiation=negotiation, **(defaults | fields))


def make_instrument(treaty, delegation, kind="ratification", date=DEPOSITED_ON, **fields):
    return Instrument.objects.create(
        treaty=treaty,
        delegation=delegation,
        kind=kind,
        date=date,
        sources=fields.pop("sources", SOURCE),
        **fields,
    )


def make_states(negotiation, count) -> list[Delegation]:
    """`count` member states (named, without codes, so that they never clash with others)."""
    start = next(_counter) * 1000
    return [
        Delegation.objects.create(
            negotiation=negotiation,
            iso2=None,
            name=f"State {start + n}",
            kind=DelegationKind.MEMBER_STATE,
        )
        for n in range(count)
    ]


def make_eu(negotiation) -> Delegation:
    return Delegation.objects.create(
        negotiation=negotiation, iso2=None, name="European Union", kind=DelegationKind.REIO
    )
