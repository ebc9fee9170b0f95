"""The home page and each negotiation's page: where things stand first, then the record."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from plenary.decisions.models import Decision
from plenary.decisions.services import vote_counts
from plenary.page_cache import changes_at, public_page
from plenary.portal.standing import standing_of
from plenary.process.actors import request_actor
from plenary.process.models import Negotiation
from plenary.process.views import BUREAU_ORDER, timeline
from plenary.process.visibility import get_negotiation


def _today(request: HttpRequest) -> datetime.date:
    """The day where things stand is worked out for (the session under way, the next
    deadline): a page kept in the cache is not served past its end."""
    today = timezone.localdate()
    tomorrow = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(), timezone.get_current_timezone()
    )
    changes_at(request, tomorrow.timestamp())
    return today


@require_GET
@public_page(floor=False)
def home(request: HttpRequest) -> HttpResponse:
    today = _today(request)
    standings = [
        standing_of(negotiation, request_actor(request), today)
        for negotiation in Negotiation.objects.filter(parent__isnull=True)
    ]
    return render(request, "process/home.html", {"standings": standings})


@require_GET
@public_page(floor=False)
def negotiation_home(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    today = _today(request)
    mandate = Decision.objects.filter(symbol=negotiation.mandate).first()
    return render(
        request,
        "process/negotiation.html",
        {
            "negotiation": negotiation,
            "standing": standing_of(negotiation, request_actor(request), today),
            "mandate": mandate,
            "mandate_counts": vote_counts(mandate) if mandate else None,
            "decisions": negotiation.decisions.exclude(symbol=negotiation.mandate),
            "bureau": sorted(
                negotiation.bureau.select_related("delegation"),
                key=lambda member: BUREAU_ORDER.index(member.role),
            ),
            "timeline": timeline(negotiation),
            "roadmap": negotiation.roadmap.select_related("set_at"),
        },
    )
