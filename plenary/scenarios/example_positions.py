"""Illustrative positions for tests and benchmarks, never part of the reference scenario.

`example_positions.toml` states the rule: a state's position on an example issue is the `lean`
of its vote group on resolution 74/247 (in favour, against, abstaining), moved by up to 12
points by a hash of its code; its salience likewise. On each linked paragraph the wording sits
at a point of the scale: within 20 points a state supports it, within 40 it seeks to amend it,
farther it opposes it, and farther than 60 with a salience of 0.9 or more it objects. Every
issue, stance and objection made here is marked illustrative and shown as such."""

import hashlib
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction

from plenary.decisions.models import Decision
from plenary.positions.models import Issue, Objection, Stance
from plenary.process.models import Delegation, Negotiation
from plenary.scenarios.positions import issue_fields, provisions_named

SPEC = Path(__file__).resolve().parent / "example_positions.toml"
# How far a paragraph's wording may sit from a state's position before it seeks to amend it,
# opposes it, and (with a high salience) objects to it.
SUPPORTS_WITHIN = 20
AMENDS_WITHIN = 40
OBJECTS_BEYOND = 60
OBJECTS_FROM_SALIENCE = 0.9
JITTER = 12


def _spread(code: str, issue: str, salt: str) -> int:
    """A fixed number from -JITTER to JITTER for this state and issue (no randomness)."""
    digest = hashlib.sha256(f"{code}:{issue}:{salt}".encode()).hexdigest()
    return int(digest, 16) % (2 * JITTER + 1) - JITTER


def load_example_positions(negotiation: Negotiation, vote: str = "A/RES/74/247") -> list[Issue]:
    """Add the illustrative example issues, stances and objections to a negotiation (once)."""
    with SPEC.open("rb") as handle:
        entries = tomllib.load(handle)["issues"]
    group_of = dict(Decision.objects.get(symbol=vote).votes.values_list("delegation_id", "vote"))
    delegations = {d.code: d for d in negotiation.delegations.all()}
    made: list[Issue] = []
    with transaction.atomic():
        for entry in entries:
            issue, created = Issue.objects.update_or_create(
                negotiation=negotiation,
                slug=entry["slug"],
                defaults=issue_fields(entry) | {"sources": [], "illustrative": True},
            )
            issue.provisions.set(provisions_named(negotiation, list(entry.get("wording", {}))))
            made.append(issue)
            if created or not issue.stances.exists():
                stances, objections = _illustrative(
                    negotiation, issue, entry, delegations, group_of
                )
                Stance.objects.bulk_create(stances)
                Objection.objects.bulk_create(objections)
    return made


def _illustrative(
    negotiation: Negotiation,
    issue: Issue,
    entry: dict[str, Any],
    delegations: dict[str, Delegation],
    group_of: dict[int, str],
) -> tuple[list[Stance], list[Objection]]:
    """Positions by the stated rule, and the stances and objections they imply on the
    paragraphs whose wording the data places on the issue's scale."""
    stances: list[Stance] = []
    objections: list[Objection] = []
    for code, delegation in sorted(delegations.items()):
        group = group_of.get(delegation.pk)
        if group not in entry["lean"]:
            continue
        position = min(100.0, max(0.0, entry["lean"][group] + _spread(code, issue.slug, "x")))
        salience = round(
            min(1.0, max(0.1, entry["salience"][group] + _spread(code, issue.slug, "s") / 100)), 2
        )
        common = {"negotiation": negotiation, "delegation": delegation, "illustrative": True}
        stances.append(
            Stance(
                issue=issue,
                # On an issue, support leans to what 100 means, as a vote in favour does.
                stance="support" if position >= 50 else "oppose",
                position=position,
                salience=salience,
                sources=[],
                **common,
            )
        )
        wordings = entry.get("wording", {})
        for provision, wording in zip(
            provisions_named(negotiation, list(wordings)), wordings.values(), strict=True
        ):
            distance = abs(position - wording)
            stance = (
                "support"
                if distance <= SUPPORTS_WITHIN
                else "amend"
                if distance <= AMENDS_WITHIN
                else "oppose"
            )
            stances.append(Stance(provision_id=provision, stance=stance, sources=[], **common))
            if distance > OBJECTS_BEYOND and salience >= OBJECTS_FROM_SALIENCE:
                objections.append(
                    Objection(
                        provision_id=provision,
                        reason="Illustrative: the wording is far from this delegation's "
                        "illustrative position.",
                        **common,
                    )
                )
    return stances, objections
