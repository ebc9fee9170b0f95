"""Entry into force, computed from a treaty's own rule: pure Python, no Django.

The rule is data per treaty. For the Convention against Cybercrime (article 65): the ninetieth
day after the date of deposit of the fortieth instrument of ratification, acceptance, approval
or accession, where an instrument of a regional economic integration organization is not
counted as additional to those of its member States; for a State or organization depositing
after that, the thirtieth day after its own deposit, or the treaty's date if that is later.
Signatures bind no one and are never counted.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

# The instruments by which a State (or organization) consents to be bound.
CONSENT_KINDS = frozenset({"ratification", "acceptance", "approval", "accession"})


@dataclass(frozen=True)
class Rule:
    """When a treaty enters into force, in numbers."""

    threshold: int
    days_after_threshold: int
    days_after_later_deposit: int
    reio_counted: bool = False


@dataclass(frozen=True)
class Deposit:
    """One instrument: who deposited it (a code), its kind and date; `reio` for an
    organization of States such as the European Union."""

    party: str
    kind: str
    date: datetime.date
    reio: bool = False


@dataclass(frozen=True)
class EntryIntoForce:
    """The treaty's date (None while not in force), how many instruments count towards the
    threshold, the date the threshold was reached, and each party's own date."""

    date: datetime.date | None
    counted: int
    threshold: int
    threshold_reached_on: datetime.date | None
    for_party: dict[str, datetime.date] = field(default_factory=dict)

    def in_force_on(self, day: datetime.date) -> bool:
        """In force on that day: the date is computed from the deposits and can lie ahead."""
        return self.date is not None and self.date <= day


def _consents(deposits: Iterable[Deposit]) -> list[Deposit]:
    """Each party's first instrument of consent, in order of deposit."""
    first: dict[str, Deposit] = {}
    for deposit in sorted(deposits, key=lambda d: (d.date, d.party)):
        if deposit.kind in CONSENT_KINDS and deposit.party not in first:
            first[deposit.party] = deposit
    return list(first.values())


def entry_into_force(deposits: Iterable[Deposit], rule: Rule) -> EntryIntoForce:
    """Compute the treaty's entry into force, and each party's, from the instruments."""
    consents = _consents(deposits)
    counting = [d for d in consents if rule.reio_counted or not d.reio]
    if rule.threshold < 1 or len(counting) < rule.threshold:
        return EntryIntoForce(None, len(counting), rule.threshold, None)
    # Several instruments deposited on the threshold day all count; the day is what matters.
    reached_on = counting[rule.threshold - 1].date
    in_force_on = reached_on + datetime.timedelta(days=rule.days_after_threshold)
    later = datetime.timedelta(days=rule.days_after_later_deposit)
    for_party = {
        d.party: in_force_on if d.date <= reached_on else max(d.date + later, in_force_on)
        for d in consents
    }
    return EntryIntoForce(in_force_on, len(counting), rule.threshold, reached_on, for_party)


def earliest_possible(result: EntryIntoForce, rule: Rule, day: datetime.date) -> datetime.date:
    """The earliest date of entry into force seen from `day`: the computed date once the
    threshold is reached; before that, the date it would be if every instrument still needed
    were deposited on `day`."""
    if result.date is not None:
        return result.date
    return day + datetime.timedelta(days=rule.days_after_threshold)
