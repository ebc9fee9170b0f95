"""The analysis core fed from the record: forecasts per issue, the package search over issues
with discrete options, and the opinion map of paragraph stances. Each reading says whether any
of its inputs is illustrative, so the pages can say so."""

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from plenary.analysis import (
    DelegationPreferences,
    Forecast,
    OpinionMap,
    PackageResult,
    Position,
    forecast,
    opinion_map,
    package_search,
)
from plenary.analysis import Issue as PackageIssue
from plenary.analysis.package_preferences import MAX_DELEGATIONS
from plenary.analysis.packages import ANSWER_SECONDS
from plenary.positions.models import Capability, Issue, Stance
from plenary.positions.services.consensus import marked_positions, opinion_stances
from plenary.process.models import Negotiation
from plenary.process.models.participants import delegation_codes

# A delegation accepts a package worth at least this share of the best package for it.
DEFAULT_RESERVATION_SHARE = 0.6


@dataclass(frozen=True)
class IssueForecast:
    issue: Issue
    positions: list[Position]
    forecast: Forecast | None  # None until a delegation with salience has a position on it
    illustrative: bool
    # How many delegations' latest stance on the issue is each choice (support, oppose, ...),
    # placed on the scale or not.
    stances: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class PackageReading:
    issues: list[Issue]
    result: PackageResult | None  # None when no delegation has positions on these issues
    utilities: dict[str, tuple[float, float]]  # delegation → (utility of the package, reservation)
    reservation_share: float
    illustrative: bool
    # More delegations have positions than the search handles (result is then None).
    too_many: int = 0


@dataclass(frozen=True)
class OpinionReading:
    result: OpinionMap | None  # None with fewer than two delegations or no provision
    illustrative: bool


class PlacedStance(NamedTuple):
    """The part of a delegation's latest stance on an issue that places it on the scale."""

    position: float
    salience: float
    illustrative: bool


class _LatestIssueStance(NamedTuple):
    stance: str
    position: float | None
    salience: float | None
    illustrative: bool


def _latest_issue_stances(negotiation: Negotiation) -> dict[tuple[int, int], _LatestIssueStance]:
    """(issue id, delegation id) → the latest stance, the one that counts. Read as plain rows:
    a scenario holds thousands of stances on issues."""
    rows = (
        # This negotiation's own delegations only: a row for another's places no one.
        Stance.objects.filter(
            negotiation=negotiation, delegation__negotiation=negotiation, issue__isnull=False
        )
        .order_by("recorded_at", "id")
        .values_list("issue_id", "delegation_id", "stance", "position", "salience", "illustrative")
    )
    return {
        (issue, delegation): _LatestIssueStance(stance, position, salience, illustrative)
        for issue, delegation, stance, position, salience, illustrative in rows
    }


def _placed(
    latest: dict[tuple[int, int], _LatestIssueStance],
) -> dict[int, dict[int, PlacedStance]]:
    """Per issue id: delegation id → its latest stance, where that stance gives a position and
    a salience (a stance without them places the delegation nowhere on the scale)."""
    placed: dict[int, dict[int, PlacedStance]] = {}
    for (issue_id, delegation_id), stance in latest.items():
        if stance.position is not None and stance.salience is not None:
            placed.setdefault(issue_id, {})[delegation_id] = PlacedStance(
                float(stance.position), float(stance.salience), stance.illustrative
            )
    return placed


def issue_forecasts(negotiation: Negotiation) -> list[IssueForecast]:
    """Compromise, Nash bargaining and two-thirds forecasts for every issue of the negotiation."""
    codes = delegation_codes(negotiation)
    capability = {c.delegation_id: c for c in Capability.objects.filter(negotiation=negotiation)}
    latest = _latest_issue_stances(negotiation)
    placed = _placed(latest)
    choices: dict[int, Counter[str]] = {}
    for (issue_id, _delegation), stance in latest.items():
        choices.setdefault(issue_id, Counter())[stance.stance] += 1
    readings = []
    for issue in negotiation.issues.all():
        stances = placed.get(issue.pk, {})
        positions = [
            Position(
                id=codes[delegation_id],
                position=stance.position,
                salience=stance.salience,
                capability=capability[delegation_id].value if delegation_id in capability else 1.0,
            )
            for delegation_id, stance in sorted(stances.items(), key=lambda i: codes[i[0]])
        ]
        illustrative = (
            issue.illustrative
            or any(s.illustrative for s in stances.values())
            or any(capability[d].illustrative for d in stances if d in capability)
        )
        # Every placed delegation votes, whatever its salience: the two-thirds point counts all
        # of them, while the compromise and Nash bargaining weigh each by capability x salience
        # (so those with no salience weigh nothing there). A forecast needs someone with weight.
        weighed = any(p.salience * p.capability > 0 for p in positions)
        readings.append(
            IssueForecast(
                issue=issue,
                positions=positions,
                forecast=forecast(positions, issue.status_quo) if weighed else None,
                illustrative=illustrative,
                stances=choices.get(issue.pk, Counter()),
            )
        )
    return readings


def option_utility(position: float, value: float) -> float:
    """How much a delegation values an option: 1 at its own position, falling linearly to 0 at
    the far end of the 0-100 scale."""
    return 1.0 - abs(position - value) / 100.0


def package_reading(
    negotiation: Negotiation, reservation_share: float = DEFAULT_RESERVATION_SHARE
) -> PackageReading:
    """The package (one option per issue with discrete options) the most delegations accept.

    Utilities come from positions: an option placed at v is worth 1 - |x - v| / 100 to a
    delegation at x, weighted by its salience; a delegation accepts a package worth at least
    `reservation_share` of the best package for it."""
    if not 0 < reservation_share <= 1:
        raise ValueError("The reservation share is above 0 and at most 1.")
    issues = [i for i in negotiation.issues.all() if len(i.options) >= 2]
    codes = delegation_codes(negotiation)
    placed = _placed(_latest_issue_stances(negotiation))
    delegation_ids = sorted(
        {d for issue in issues for d in placed.get(issue.pk, {})}, key=lambda d: codes[d]
    )
    illustrative = any(i.illustrative for i in issues) or any(
        s.illustrative for i in issues for s in placed.get(i.pk, {}).values()
    )
    if not issues or not delegation_ids:
        return PackageReading(issues, None, {}, reservation_share, illustrative)
    if len(delegation_ids) > MAX_DELEGATIONS:
        return PackageReading(
            issues, None, {}, reservation_share, illustrative, too_many=len(delegation_ids)
        )
    preferences = []
    for delegation_id in delegation_ids:
        utility: dict[str, list[float]] = {}
        salience: dict[str, float] = {}
        for issue in issues:
            stance = placed.get(issue.pk, {}).get(delegation_id)
            values = [o["value"] for o in issue.options]
            if stance is None:
                utility[issue.slug], salience[issue.slug] = [0.0] * len(values), 0.0
            else:
                utility[issue.slug] = [option_utility(stance.position, v) for v in values]
                salience[issue.slug] = stance.salience
        best = sum(salience[i] * max(utility[i]) for i in utility)
        preferences.append(
            DelegationPreferences(
                id=codes[delegation_id],
                utility=utility,
                salience=salience,
                reservation=reservation_share * best,
            )
        )
    result = package_search(
        [PackageIssue(id=i.slug, options=[o["label"] for o in i.options]) for i in issues],
        preferences,
        time_limit=ANSWER_SECONDS,
    )
    chosen = {i.slug: [o["label"] for o in i.options].index(result.package[i.slug]) for i in issues}
    utilities = {
        p.id: (sum(p.salience[i] * p.utility[i][chosen[i]] for i in chosen), p.reservation)
        for p in preferences
    }
    return PackageReading(issues, result, utilities, reservation_share, illustrative)


def opinion_reading(negotiation: Negotiation, keys: list[str]) -> OpinionReading:
    """Place the delegations with stances on these paragraphs (subject keys) on a map, and group
    them: each delegation's latest stance counts, and an open objection counts as opposing (as
    in the consensus map's groups)."""
    cells, illustrative = marked_positions(negotiation, keys)
    delegations = sorted({code for _key, code in cells})
    with_stances = {key for key, _code in cells}
    provisions = [k for k in keys if k in with_stances]
    if len(delegations) < 2 or not provisions:
        return OpinionReading(None, bool(illustrative))
    return OpinionReading(
        opinion_map(delegations, provisions, opinion_stances(cells)), bool(illustrative)
    )
