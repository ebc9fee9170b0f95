"""Plenary's analysis core: forecasts, package search, consensus and opinion maps.

Pure Python with numpy and scipy; no Django. Plain data in, plain dataclasses out, so the web
layer only feeds and renders it.
"""

from plenary.analysis.consensus import (
    ConsensusMap,
    ConsensusStatus,
    ProvisionConsensus,
    consensus_map,
)
from plenary.analysis.forecast import Forecast, Position, Spread, forecast
from plenary.analysis.opinion_map import MapPoint, OpinionGroup, OpinionMap, opinion_map
from plenary.analysis.packages import (
    DelegationPreferences,
    Issue,
    PackageResult,
    PackageSearchFailed,
    brute_force_package_search,
    package_search,
)
from plenary.analysis.stances import DelegationStance, Objection, Stance

__all__ = [
    "ConsensusMap",
    "ConsensusStatus",
    "DelegationPreferences",
    "DelegationStance",
    "Forecast",
    "Issue",
    "MapPoint",
    "Objection",
    "OpinionGroup",
    "OpinionMap",
    "PackageResult",
    "PackageSearchFailed",
    "Position",
    "ProvisionConsensus",
    "Spread",
    "Stance",
    "brute_force_package_search",
    "consensus_map",
    "forecast",
    "opinion_map",
    "package_search",
]
