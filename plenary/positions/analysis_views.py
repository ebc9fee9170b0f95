"""The analysis pages: issues with their forecasts, the opinion map, and the package search.
Each says which of its inputs are recorded and which are illustrative."""

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from plenary.analysis.package_preferences import MAX_DELEGATIONS
from plenary.page_cache import public_page
from plenary.positions.charts import forecast_chart, group_key, opinion_chart
from plenary.positions.models import StanceChoice
from plenary.positions.readings import (
    DEFAULT_RESERVATION_SHARE,
    issue_forecasts,
    opinion_reading,
    package_reading,
)
from plenary.positions.record_state import cache_key, record_state
from plenary.positions.services import provision_key
from plenary.process.actors import request_actor
from plenary.process.visibility import get_negotiation
from plenary.text.provisions import current_outline, current_version, public_outline

RESERVATION_SHARES = (0.5, 0.6, 0.7, 0.8, 0.9)


def _issue_readings(negotiation) -> list:
    """Each issue with its forecast, its chart, the count of each stance on it and the
    paragraphs it concerns (as the public text names them: the fragment is the same for all)."""
    readings = issue_forecasts(negotiation)
    outline = public_outline(negotiation)
    concerned: dict[int, list[str]] = {}
    for issue, provision in negotiation.issues.values_list("pk", "provisions"):
        if provision in outline:
            concerned.setdefault(issue, []).append(outline.label(provision))
    charts = {
        r.issue.pk: mark_safe(  # noqa: S308 -- the chart escapes every text
            forecast_chart(r.issue.title, r.positions, r.forecast, r.issue.status_quo)
        )
        for r in readings
        if r.forecast is not None
    }
    return [
        (
            r,
            charts.get(r.issue.pk),
            sorted((StanceChoice(choice).label, n) for choice, n in r.stances.items()),
            concerned.get(r.issue.pk, []),
        )
        for r in readings
    ]


@require_GET
@public_page(floor=False)
def issues_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    # The readings are computed only when the page (or, for people signed in, its readings) is
    # not in the cache: rendering hundreds of rows of positions is most of the page's cost.
    return render(
        request,
        "positions/issues.html",
        {
            "negotiation": negotiation,
            "readings": SimpleLazyObject(lambda: _issue_readings(negotiation)),
        },
    )


@require_GET
@public_page(floor=False)
def opinion_map_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    version = current_version(negotiation, actor)
    context: dict = {"negotiation": negotiation, "version": version}
    if version is not None:
        outline = current_outline(negotiation, actor)
        reading = opinion_reading(
            negotiation, [provision_key(p.provision) for p in outline.paragraphs]
        )
        context["reading"] = reading
        # The paragraphs every group supports, as readers name them.
        context["consensus_labels"] = [
            outline.label(p.provision)
            for p in outline.paragraphs
            if reading.result is not None
            and provision_key(p.provision) in reading.result.consensus_provisions
        ]
        if reading.result is not None:
            context["svg"] = mark_safe(opinion_chart(reading.result))  # noqa: S308 -- escaped
            labels = {provision_key(p.provision): outline.label(p.provision) for p in outline.parts}
            context["groups"] = [
                (
                    group,
                    mark_safe(group_key(group.number)),  # noqa: S308 -- no text inside
                    [
                        labels[k]
                        for k, share in group.support.items()
                        if share >= 0.5 and k in labels
                    ],
                )
                for group in reading.result.groups
            ]
    return render(request, "positions/opinion_map.html", context)


def _share(request: HttpRequest) -> float:
    try:
        share = float(request.GET.get("reservation", DEFAULT_RESERVATION_SHARE))
    except ValueError:
        share = DEFAULT_RESERVATION_SHARE
    return share if share in RESERVATION_SHARES else DEFAULT_RESERVATION_SHARE


@require_GET
@public_page(floor=False)
def package_search_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    share = _share(request)
    # The search takes up to two seconds; the same inputs give the same package, so it runs
    # once per change of the record and the page is served from the cache after that.
    key = cache_key("package-reading", record_state(negotiation, issues=True), share)
    reading = cache.get(key)
    if reading is None:
        reading = package_reading(negotiation, share)
        cache.set(key, reading, timeout=3600)
    return render(
        request,
        "positions/package_search.html",
        {
            "negotiation": negotiation,
            "reading": reading,
            "shares": RESERVATION_SHARES,
            "most": MAX_DELEGATIONS,
            "rows": sorted(
                reading.utilities.items(), key=lambda item: (item[1][0] >= item[1][1], item[0])
            ),
        },
    )
