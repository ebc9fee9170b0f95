"""The scenario's positions (`positions.toml`): issues, the recorded vote on the mandate as each
state's stance on it, and illustrative positions, stances and objections that follow the rule
the data file states. Issues are updated on every load; stances and objections are history, so
they are created once and then left alone."""

import hashlib
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plenary.positions.models import Decision, Issue, Objection, Stance
from plenary.process.models import Delegation, Negotiation
from plenary.text.provisions import text_outline

VOTE_STANCE = {"yes": "support", "no": "oppose", "abstain": "reservation"}
# How far a paragraph's wording may sit from a state's position before it seeks to amend it,
# opposes it, and (with a high salience) objects to it: see positions.toml.
SUPPORTS_WITHIN = 20
AMENDS_WITHIN = 40
OBJECTS_BEYOND = 60
OBJECTS_FROM_SALIENCE = 0.9
JITTER = 12


def _spread(code: str, issue: str, salt: str) -> int:
    """A fixed number from -JITTER to JITTER for this state and issue (no randomness)."""
    digest = hashlib.sha256(f"{code}:{issue}:{salt}".encode()).hexdigest()
    return int(digest, 16) % (2 * JITTER + 1) - JITTER


def load_positions(
    negotiation: Negotiation,
    folder: Path,
    delegations: dict[str, Delegation],
    sourced: Callable[[dict[str, Any], str], dict[str, Any]],
) -> None:
    path = folder / "positions.toml"
    if not path.exists():
        return
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("issues", [])
    issues = [(_issue(negotiation, entry, sourced), entry) for entry in entries]
    if Stance.objects.filter(negotiation=negotiation, recorded_by__isnull=True).exists():
        return
    stances: list[Stance] = []
    objections: list[Objection] = []
    for issue, entry in issues:
        if "stances_from_vote" in entry:
            stances += _stances_from_vote(negotiation, issue, entry["stances_from_vote"])
        elif "lean" in entry:
            made = _illustrative(negotiation, issue, entry, delegations)
            stances += made[0]
            objections += made[1]
    Stance.objects.bulk_create(stances)
    Objection.objects.bulk_create(objections)


def _issue(negotiation: Negotiation, entry: dict[str, Any], sourced) -> Issue:
    issue, _ = Issue.objects.update_or_create(
        negotiation=negotiation,
        slug=entry["slug"],
        defaults={
            "title": entry["title"],
            "description": entry.get("description", ""),
            "low": entry.get("low", ""),
            "high": entry.get("high", ""),
            "status_quo": float(entry.get("status_quo", 0)),
            "options": [
                {"label": o["label"], "value": float(o["value"])} for o in entry.get("options", [])
            ],
        }
        | sourced(entry, f"Issue {entry['slug']}"),
    )
    issue.provisions.set(_provisions(negotiation, list(entry.get("wording", {}))))
    return issue


def _provisions(negotiation: Negotiation, eids: list[str]) -> list[int]:
    """The data names paragraphs by their eIds in the scenario's latest text."""
    outline = text_outline(negotiation)
    found = [outline.by_eid(eid) for eid in eids]
    missing = [eid for eid, part in zip(eids, found, strict=True) if part is None]
    if missing:
        raise ValueError(f"positions.toml names paragraphs not in the text: {missing}")
    return [part.provision for part in found if part is not None]


def _stances_from_vote(negotiation: Negotiation, issue: Issue, symbol: str) -> list[Stance]:
    """Each state's vote as its stance on the issue, sourced to the vote."""
    decision = Decision.objects.get(symbol=symbol)
    return [
        Stance(
            negotiation=negotiation,
            delegation_id=delegation_id,
            issue=issue,
            stance=VOTE_STANCE[vote],
            position=100.0 if vote == "yes" else 0.0 if vote == "no" else None,
            sources=[s | {"title": f"Recorded vote on {symbol}"} for s in decision.sources[:1]],
        )
        for delegation_id, vote in decision.votes.values_list("delegation_id", "vote")
        if vote in VOTE_STANCE
    ]


def _illustrative(
    negotiation: Negotiation,
    issue: Issue,
    entry: dict[str, Any],
    delegations: dict[str, Delegation],
) -> tuple[list[Stance], list[Objection]]:
    """Positions by the stated rule, and the stances and objections they imply on the
    paragraphs whose wording the data places on the issue's scale."""
    group_of = dict(
        Decision.objects.get(symbol="A/RES/74/247").votes.values_list("delegation_id", "vote")
    )
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
            _provisions(negotiation, list(wordings)), wordings.values(), strict=True
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
