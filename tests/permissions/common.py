"""What the permission matrix is made of: roles, expected statuses and one case per route."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anon", "stakeholder", "delegate", "secretariat", "chair")


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def only(allowed: tuple[str, ...], ok: int, anon: int, other: int = 403) -> dict[str, int]:
    return {r: ok if r in allowed else (anon if r == "anon" else other) for r in ROLES}


PROCESS = ("secretariat", "chair")
SEES_CLOSED = ("delegate", "secretariat", "chair")


@dataclass
class Case:
    name: str
    method: str
    url: Callable[[Any], str]
    expected: dict[str, int]
    data: Callable[[Any], dict] = field(default=lambda w: {})
    api: bool = False
    label: str = ""


# The test negotiation's page and API prefixes.
N = "/n/test-ahc"
A = "/api/negotiations/test-ahc"
