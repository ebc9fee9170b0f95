"""Analysis endpoints: anyone may ask what package or outcome the recorded preferences imply.

The edge checks shapes and caps sizes; the pure core in plenary.analysis does the work and
raises ValueError with a sentence for anything it cannot compute.
"""

from django.http import HttpRequest
from ninja import Field, Router, Schema

from plenary.analysis import DelegationPreferences, Issue, Position, forecast, package_search
from plenary.errors import InvalidInput

router = Router(tags=["analysis"])

MAX_DELEGATIONS = 250  # every UN member state and observer, with room to spare
MAX_ISSUES = 60
MAX_OPTIONS = 10
# Anonymous callers may ask; a search that is not proven optimal by then says so.
PACKAGE_SEARCH_SECONDS = 2.0


class PackageIssueIn(Schema):
    id: str = Field(..., min_length=1, max_length=80)
    options: list[str] = Field(..., min_length=1, max_length=MAX_OPTIONS)


class PreferencesIn(Schema):
    id: str = Field(..., min_length=1, max_length=80)
    utility: dict[str, list[float]]
    salience: dict[str, float]
    reservation: float


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
    position: float
    salience: float
    capability: float = 1.0


class ForecastIn(Schema):
    positions: list[PositionIn] = Field(..., min_length=1, max_length=MAX_DELEGATIONS)
    status_quo: float


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
        return package_search(issues, delegations, time_limit=PACKAGE_SEARCH_SECONDS)
    except ValueError as error:
        raise InvalidInput(str(error)) from error


@router.post("/forecast", response=ForecastOut)
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
