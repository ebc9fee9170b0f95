"""What an analysis reads of the record, as one fingerprint for the key it is kept under: it
changes whenever a stance is added (stances are history, only ever added) and, as a reading
asks, whenever an objection is made or withdrawn, an issue is edited or a capability is set.

Pages are kept per state of the whole record (plenary/audit/state.py), which every change
moves; the package search, seconds of work, is kept by this fingerprint of its own inputs, so
that a change that does not touch them (a speaker called, a proposal) does not run it again."""

import hashlib
from typing import Any

from django.db.models import Count, Max

from plenary.positions.models import Capability, Objection, Stance
from plenary.process.models import Negotiation


def record_state(
    negotiation: Negotiation,
    *,
    objections: bool = False,
    issues: bool = False,
    capabilities: bool = False,
) -> tuple[Any, ...]:
    """The state of the parts of the record a page reads; stances always."""
    state: list[Any] = [
        negotiation.pk,
        Stance.objects.filter(negotiation=negotiation).aggregate(Max("id"), Count("id")),
    ]
    if objections:
        state.append(
            Objection.objects.filter(negotiation=negotiation).aggregate(
                Max("id"), Count("withdrawn_at"), Max("withdrawn_at")
            )
        )
    if issues:
        state.append(
            list(
                negotiation.issues.order_by("pk").values_list(
                    "pk", "slug", "title", "low", "high", "status_quo", "options", "illustrative"
                )
            )
        )
    if capabilities:
        state.append(
            list(
                Capability.objects.filter(negotiation=negotiation)
                .order_by("pk")
                .values_list("pk", "value", "illustrative")
            )
        )
    return tuple(state)


def cache_key(kind: str, state: tuple[Any, ...], *parts: Any) -> str:
    """A cache key for one kind of computed reading of this state of the record."""
    return f"{kind}:{hashlib.sha256(repr((state, parts)).encode()).hexdigest()}"
