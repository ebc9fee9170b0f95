"""Analysis endpoints: anyone may ask what package or outcome the recorded preferences imply,
within a rate per address and per account (settings.RATE_LIMITS["analysis"]).

The edge checks shapes and caps sizes and magnitudes (finite numbers in ranges where no sum or
product can overflow); the pure core in plenary.analysis does the work and raises ValueError
with a sentence for anything it cannot compute.
"""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view

from plenary.analysis import DelegationPreferences, Issue, Position, forecast, package_search
from plenary.analysis.packages import ANSWER_SECONDS, MAX_DELEGATIONS, MAX_ISSUES, MAX_OPTIONS
from plenary.errors import InvalidInput
from plenary.positions.services.issues import MAX_CAPABILITY
from plenary.rate_limits import rate_limited

router = Router(tags=["analysis"])
# Magnitudes: a package is worth at most MAX_ISSUES x MAX_SALIENCE x MAX_UTILITY to anyone, so
# every sum stays far from overflow; a reservation beyond that worth means nothing more.
MAX_UTILITY = 1_000.0
MAX_SALIENCE = 100.0
MAX_RESERVATION = MAX_ISSUES * MAX_SALIENCE * MAX_UTILITY

Name = Annotated[str, Field(min_length=1, max_length=80)]
Utility = Annotated[float, Field(ge=-MAX_UTILITY, le=MAX_UTILITY, allow_inf_nan=False)]
Utilities = Annotated[list[Utility], Field(min_length=1, max_length=MAX_OPTIONS)]
Salience = Annotated[float, Field(ge=0, le=MAX_SALIENCE, allow_inf_nan=False)]


class PackageIssueIn(Schema):
    id: str = Field(..., min_length=1, max_length=80)
    options: list[str] = Field(..., min_length=1, max_length=MAX_OPTIONS)


class PreferencesIn(Schema):
    id: str = Field(..., min_length=1, max_length=80)
    utility: dict[Name, Utilities] = Field(
        ..., max_length=MAX_ISSUES, description=f"per issue, per option; within ±{MAX_UTILITY:g}"
    )
    salience: dict[Name, Salience] = Field(
        ..., max_length=MAX_ISSUES, description=f"per issue, from 0 to {MAX_SALIENCE:g}"
    )
    reservation: float = Field(..., ge=-MAX_RESERVATION, le=MAX_RESERVATION, allow_inf_nan=False)


class PackageSearchIn(Schema):
    issues: list[PackageIssueIn] = Field(..., min_length=1, max_length=MAX_ISSUES)
    delegations: list[PreferencesIn] = Field(..., min_length=1, max_length=MAX_DELEGATIONS)


class PackageSearchOut(Schema):
    package: dict[str, str]
    accepted_by: list[str]
    objecting: list[str]
    consensus: bool
    total_utility: float
    proven_optimal: bool = Field(
        ..., description="False when the time limit ended the search before a proof."
    )


class PositionIn(Schema):
    id: str = Field(..., min_length=1, max_length=80)
    position: float = Field(..., allow_inf_nan=False, description="on the 0-100 issue scale")
    salience: float = Field(..., allow_inf_nan=False, description="from 0 to 1")
    capability: float = Field(1.0, ge=0, le=MAX_CAPABILITY, allow_inf_nan=False)


class ForecastIn(Schema):
    positions: list[PositionIn] = Field(..., min_length=1, max_length=MAX_DELEGATIONS)
    status_quo: float = Field(..., allow_inf_nan=False, description="on the 0-100 issue scale")


class SpreadOut(Schema):
    minimum: float
    lower_quartile: float
    median: float
    upper_quartile: float
    maximum: float
    weighted_std: float


class ForecastOut(Schema):
    compromise: float
    nash: float
    two_thirds: float
    spread: SpreadOut


@router.post("/package-search", response=PackageSearchOut)
@decorate_view(rate_limited("analysis"))
def search_package(request: HttpRequest, payload: PackageSearchIn):
    """The package (one option per issue) the most delegations accept, then most utility."""
    issues = [Issue(id=i.id, options=list(i.options)) for i in payload.issues]
    delegations = [
        DelegationPreferences(
            id=d.id, utility=d.utility, salience=d.salience, reservation=d.reservation
        )
        for d in payload.delegations
    ]
    try:
        return package_search(issues, delegations, time_limit=ANSWER_SECONDS)
    except ValueError as error:
        raise InvalidInput(str(error)) from error


@router.post("/forecast", response=ForecastOut)
@decorate_view(rate_limited("analysis"))
def forecast_outcome(request: HttpRequest, payload: ForecastIn):
    """Compromise, Nash bargaining and two-thirds forecasts on a 0-100 issue scale."""
    positions = [
        Position(id=p.id, position=p.position, salience=p.salience, capability=p.capability)
        for p in payload.positions
    ]
    try:
        return forecast(positions, payload.status_quo)
    except ValueError as error:
        raise InvalidInput(str(error)) from error
