"""The page of a recorded vote, and the actions on positions from the paragraph page: a
delegation's stance, its objection and the withdrawal of an objection."""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.errors import NotAllowed, NotFound
from plenary.page_cache import public_page
from plenary.positions.models import Decision, Objection, VoteChoice
from plenary.positions.services import (
    PACKAGE_PREFIX,
    majority_of,
    object_to_paragraph,
    proposal_of,
    record_stance,
    vote_counts,
    vote_result,
    withdraw_objection,
)
from plenary.process.models import Bloc, Role
from plenary.process.models.negotiation import VotingMajority
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation


def _own_delegation(request: HttpRequest):
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if request.user.role != Role.DELEGATION or delegation is None:
        raise NotAllowed(_("Only a delegation states its stance or objects here."))
    return delegation


def _sources_from_form(request: HttpRequest) -> list[dict[str, str]]:
    """The source a form gives (title, document symbol, address), or none."""
    source = {
        field: request.POST.get(f"source_{field}", "").strip()[:500]
        for field in ("title", "symbol", "url")
    }
    return [{k: v for k, v in source.items() if v}] if any(source.values()) else []


def _back_to(slug: str, eid: str) -> HttpResponse:
    """Back to the paragraph's page; a package has none, so to the working text."""
    if eid.startswith(PACKAGE_PREFIX):
        return redirect(reverse("working-draft", args=[slug]))
    return redirect("draft-paragraph", slug=slug, eid=eid)


@require_POST
def record_stance_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation records its own stance on a paragraph or on one of its proposals, with the
    source it is from."""
    negotiation = get_negotiation(slug)
    eid = request.POST.get("eid", "")[:200]
    record_stance(
        negotiation,
        by=request.user,
        delegation=_own_delegation(request),
        stance=request.POST.get("stance", ""),
        sources=_sources_from_form(request),
        eid=eid,
    )
    messages.success(request, _("Stance recorded."))
    proposal = proposal_of(negotiation, eid)
    return _back_to(slug, proposal.eid if proposal is not None else eid)


@require_POST
def object_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation objects to a paragraph, with its reason."""
    negotiation = get_negotiation(slug)
    eid = request.POST.get("eid", "")[:200]
    object_to_paragraph(
        negotiation,
        by=request.user,
        delegation=_own_delegation(request),
        eid=eid,
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("Objection recorded."))
    return redirect("draft-paragraph", slug=slug, eid=eid)


@require_POST
def withdraw_objection_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A delegation withdraws its objection, or the secretariat records its withdrawal."""
    negotiation = get_negotiation(slug)
    require_signed_in(request.user)
    objection = Objection.objects.filter(negotiation=negotiation, pk=pk).first()
    if objection is None:
        raise NotFound(_("There is no such objection."))
    withdraw_objection(
        objection,
        by=request.user,
        sources=_sources_from_form(request),
        note=request.POST.get("note", "")[:2000],
    )
    messages.success(request, _("Objection withdrawn."))
    return _back_to(slug, objection.eid)


def _vote_rows(decision: Decision, votes) -> list[dict[str, str]]:
    """The roll call in world order (by region and subregion, then by name), as plain values:
    a table of 193 states renders several times faster from these than from the records."""
    labels = {value: str(label) for value, label in VoteChoice.choices}
    blocs = Bloc.names_by_delegation(decision.negotiation)
    rows = votes.order_by(
        "delegation__region", "delegation__subregion", "delegation__name"
    ).values_list(
        "vote",
        "delegation_id",
        "delegation__region",
        "delegation__subregion",
        "delegation__name",
        "delegation__iso2",
    )
    return [
        {
            "vote": choice,
            "label": labels[choice],
            "region": region,
            "subregion": subregion,
            "name": name,
            "iso2": iso2 or "",
            "blocs": blocs.get(delegation, ""),
        }
        for choice, delegation, region, subregion, name, iso2 in rows
    ]


@require_GET
@public_page
def vote_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    decision = Decision.objects.select_related("negotiation").filter(symbol=symbol).first()
    if decision is None:
        raise NotFound(_("There is no recorded decision %(symbol)s.") % {"symbol": symbol})
    query = request.GET.get("q", "").strip()[:100]
    bloc = request.GET.get("bloc", "").strip()[:60]
    vote = request.GET.get("vote", "").strip()
    votes = decision.votes.all()
    if query:
        votes = votes.filter(
            Q(delegation__name__icontains=query) | Q(delegation__iso2__iexact=query)
        )
    if bloc:
        votes = votes.filter(delegation__blocs__slug=bloc)
    if vote in VoteChoice.values:
        votes = votes.filter(vote=vote)
    context = {
        "decision": decision,
        "counts": vote_counts(decision),
        "result": vote_result(decision),
        "majority": VotingMajority(majority_of(decision)).label,
        # Computed only when the page is not in the cache (page_cache: shared_fragment).
        "votes": SimpleLazyObject(lambda: _vote_rows(decision, votes)),
        "blocs": decision.negotiation.blocs.all(),
        "query": query,
        "bloc": bloc,
        "vote": vote,
        "choices": VoteChoice,
    }
    template = "positions/_vote_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "positions/vote.html", context)
