"""Permission cases for stances and objections (and their withdrawal) from the paragraph page,
issues, forecasts, the opinion map and the package search."""

from plenary.positions.models import Objection
from tests.permissions.common import PROCESS, A, Case, N, everyone, only

# A delegation withdraws its own objection; the secretariat and chair record a withdrawal
# from its source.
WITHDRAWS = ("delegate", *PROCESS)

CASES = [
    Case(
        "record-stance",
        "POST",
        lambda w: f"{N}/stances/",
        only(("delegate",), 302, anon=401),
        data=lambda w: {
            "subject": f"provision_{w.p1.pk}",
            "stance": "support",
            "source_symbol": "A/AC.291/CRP.1",
        },
    ),
    Case(
        "object",
        "POST",
        lambda w: f"{N}/objections/",
        only(("delegate",), 302, anon=401),
        data=lambda w: {"subject": f"provision_{w.p2.pk}", "reason": "Too broad."},
    ),
    Case(
        "withdraw-objection",
        "POST",
        lambda w: f"{N}/objections/{w.brazils_objection.pk}/withdraw/",
        only(WITHDRAWS, 302, anon=401),
        data=lambda w: {"source_symbol": "A/AC.291/CRP.9"},
    ),
    Case(
        "api:withdraw_paragraph_objection",
        "POST",
        lambda w: f"{A}/objections/{w.brazils_objection.pk}/withdraw",
        only(WITHDRAWS, 200, anon=401),
        data=lambda w: {"sources": [{"symbol": "A/AC.291/CRP.9"}]},
        api=True,
    ),
    Case(
        "api:list_stances",
        "GET",
        lambda w: f"{A}/stances?delegation=BR&provision=art_1__para_1",
        everyone(200),
        api=True,
    ),
    Case(
        "api:list_objections",
        "GET",
        lambda w: f"{A}/objections?delegation=BR&standing=true",
        everyone(200),
        api=True,
    ),
    Case("issues", "GET", lambda w: f"{N}/issues/", everyone(200)),
    Case("opinion-map", "GET", lambda w: f"{N}/opinion-map/", everyone(200)),
    Case("package-search", "GET", lambda w: f"{N}/package-search/", everyone(200)),
    Case("api:list_issues", "GET", lambda w: f"{A}/issues", everyone(200), api=True),
    Case(
        "api:make_issue",
        "POST",
        lambda w: f"{A}/issues",
        only(PROCESS, 201, anon=401),
        data=lambda w: {"slug": "scope", "title": "Scope", "illustrative": True},
        api=True,
    ),
    Case(
        "api:make_capability",
        "POST",
        lambda w: f"{A}/capabilities",
        only(PROCESS, 200, anon=401),
        data=lambda w: {"delegation": "BR", "value": 2, "illustrative": True},
        api=True,
    ),
]


def prepare(world) -> None:
    """Brazil's standing objection, for the withdrawal cases (on the foundation's text)."""
    world.brazils_objection = Objection.objects.create(
        negotiation=world.negotiation,
        delegation=world.brazil,
        provision=world.p3,
        reason="Too broad.",
    )
