"""The page of a recorded vote, and the consensus map: provisions × delegations, as a
server-made SVG and a data table."""

import hashlib
from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.analysis import DelegationStance, opinion_map
from plenary.errors import NotAllowed, NotFound
from plenary.positions.models import Decision, Objection, Stance, VoteChoice
from plenary.positions.services import (
    OBJECTS,
    PACKAGE_PREFIX,
    consensus_on,
    majority_of,
    object_to_paragraph,
    open_package_provisions,
    positions_on,
    record_stance,
    vote_counts,
    vote_result,
    withdraw_objection,
)
from plenary.process.models import Role
from plenary.process.models.negotiation import VotingMajority
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation, visible_versions
from plenary.text.structure import walk_paragraphs


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
    """A delegation records its own stance on a paragraph, with the source it is from."""
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
    return redirect("draft-paragraph", slug=slug, eid=eid)


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


@require_GET
def vote_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    decision = Decision.objects.select_related("negotiation").filter(symbol=symbol).first()
    if decision is None:
        raise NotFound(_("There is no recorded decision %(symbol)s.") % {"symbol": symbol})
    query = request.GET.get("q", "").strip()[:100]
    bloc = request.GET.get("bloc", "").strip()[:60]
    vote = request.GET.get("vote", "").strip()
    votes = decision.votes.select_related("delegation").prefetch_related("delegation__blocs")
    if query:
        votes = votes.filter(
            Q(delegation__name__icontains=query) | Q(delegation__iso2__iexact=query)
        )
    if bloc:
        votes = votes.filter(delegation__blocs__slug=bloc)
    if vote in VoteChoice.values:
        votes = votes.filter(vote=vote)
    # World order: grouped by region and subregion, then by name.
    votes = votes.order_by("delegation__region", "delegation__subregion", "delegation__name")
    context = {
        "decision": decision,
        "counts": vote_counts(decision),
        "result": vote_result(decision),
        "majority": VotingMajority(majority_of(decision)).label,
        "votes": votes,
        "blocs": decision.negotiation.blocs.all(),
        "query": query,
        "bloc": bloc,
        "vote": vote,
        "choices": VoteChoice,
    }
    template = "positions/_vote_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "positions/vote.html", context)


CELL = 18
# Colour and a letter for each: the map is readable without colour.
MARKS = {
    "support": ("#1a7f37", "S"),
    "oppose": ("#cf222e", "O"),
    OBJECTS: ("#82071e", "X"),
    "amend": ("#bf8700", "A"),
    "reservation": ("#8250df", "R"),
    "silent": ("#d0d7de", "·"),
}


def _heatmap(
    provisions: list[str],
    delegations: list[str],
    cells: dict,
    groups: dict[str, int],
    labels: dict[str, str],
) -> str:
    """The map as SVG. Names are escaped once each rather than once per cell: a map of
    193 x 60 has over ten thousand cells."""
    title = _("Stances by provision and delegation")
    group_word = escape(_("opinion group"))
    width = 170 + CELL * len(delegations)
    height = 72 + CELL * len(provisions)
    names = {d: escape(d) for d in delegations}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>'
    ]
    for column, delegation in enumerate(delegations):
        x = 170 + column * CELL + CELL / 2
        parts.append(
            f'<text x="{x}" y="52" transform="rotate(-60 {x} 52)" font-size="10">'
            f"{names[delegation]}</text>"
        )
        if delegation in groups:
            parts.append(
                f'<text x="{x - 4}" y="68" font-size="9" fill="#57606a"><title>{group_word} '
                f"{groups[delegation] + 1}</title>{groups[delegation] + 1}</text>"
            )
    for row, provision in enumerate(provisions):
        y = 72 + row * CELL
        name = escape(labels.get(provision, provision))
        parts.append(f'<text x="0" y="{y + 13}" font-size="10">{name}</text>')
        for column, delegation in enumerate(delegations):
            mark = cells.get((provision, delegation))
            if mark is None:
                continue
            colour, letter = MARKS[mark]
            x = 170 + column * CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 1}" height="{CELL - 1}" fill="{colour}">'
                f"<title>{names[delegation]}: {mark} ({name})</title></rect>"
                f'<text x="{x + 5}" y="{y + 13}" font-size="10" fill="#fff">{letter}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _cache_key(kind: str, negotiation, *parts) -> str:
    """A cache key that changes whenever a stance or an objection of the negotiation does
    (stances are history, only ever added; objections are added or withdrawn)."""
    record = (
        Stance.objects.filter(negotiation=negotiation).aggregate(Max("id"), Count("id")),
        Objection.objects.filter(negotiation=negotiation).aggregate(
            Max("id"), Count("withdrawn_at"), Max("withdrawn_at")
        ),
    )
    fingerprint = repr((negotiation.pk, record, parts)).encode()
    return f"{kind}:{hashlib.sha256(fingerprint).hexdigest()}"


def _mapped(negotiation, eids: list[str]) -> tuple[dict, Any]:
    """The stances and objections on these provisions and the consensus they make; read and
    computed once per change of the record, then served from the cache."""
    key = _cache_key("consensus-map", negotiation, eids)
    mapped = cache.get(key)
    if mapped is None:
        cells = positions_on(negotiation, eids)
        mapped = (cells, consensus_on(negotiation, eids, cells))
        cache.set(key, mapped, timeout=24 * 3600)
    return mapped


def _opinion_groups(negotiation, delegations: list[str], cells: dict) -> dict[str, int]:
    """Each delegation's opinion group on these paragraphs (an objection counts as opposing).
    Grouping runs k-means several times over; the same stances give the same groups, so they
    are kept in the cache until a stance or an objection of the negotiation changes."""
    provisions = sorted({eid for eid, _d in cells})
    if len(delegations) < 3 or not provisions:
        return {}
    key = _cache_key("opinion-groups", negotiation, provisions, delegations)
    groups = cache.get(key)
    if groups is None:
        shown = set(delegations)
        stances = [
            DelegationStance(d, eid, "oppose" if mark == OBJECTS else mark)
            for (eid, d), mark in cells.items()
            if d in shown
        ]
        groups = {
            p.delegation: p.group for p in opinion_map(delegations, provisions, stances).points
        }
        cache.set(key, groups, timeout=24 * 3600)
    return groups


@require_GET
def consensus_map_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = visible_versions(request.user, negotiation).order_by("-position").first()
    chapter = request.GET.get("chapter", "")
    bloc = request.GET.get("bloc", "")
    issue = negotiation.issues.filter(slug=request.GET.get("issue", "")[:80]).first()
    context = {
        "negotiation": negotiation,
        "version": version,
        "chapter": chapter,
        "bloc": bloc,
        "issue": issue,
        "blocs": negotiation.blocs.all(),
        "issues": negotiation.issues.exclude(eids=[]),
        "marks": MARKS,
    }
    if version is None:
        return render(request, "positions/consensus.html", context)
    chapters = version.content["chapters"]
    context["chapters"] = chapters
    # The whole text (preamble included) as the API maps it, or one chapter.
    part = version.content
    if chapter:
        part = {"preamble": [], "chapters": [c for c in chapters if c["eid"] == chapter]}
    eids = [p["eid"] for p in walk_paragraphs(part)]
    if issue is not None:
        eids = [eid for eid in eids if eid in set(issue.eids)]
    # The chair's packages still on the table follow the paragraphs, under their titles.
    packages = open_package_provisions(negotiation) if not (chapter or issue) else {}
    eids += list(packages)
    labels = {eid: _("Package: %(title)s") % {"title": p.title} for eid, p in packages.items()}
    cells, result = _mapped(negotiation, eids)
    shown = sorted({d for _eid, d in cells})
    if bloc:
        members = {d.code for d in negotiation.delegations.filter(blocs__slug=bloc)}
        shown = [d for d in shown if d in members]
    # Columns by opinion group, so that blocks of like stances stand together; within a group
    # the blocking delegations first, so that what stands in the way of consensus is seen first.
    groups = _opinion_groups(negotiation, shown, cells)
    blocking = {d for p in result.provisions for d in p.objecting}
    shown.sort(key=lambda d: (groups.get(d, 0), d not in blocking, d))
    context |= {
        "illustrative_inputs": Stance.objects.filter(
            negotiation=negotiation, eid__in=eids, illustrative=True
        ).count(),
        "result": result,
        # Joined here: escaping one string per cell of the table costs more than the map.
        "rows": [
            (
                labels.get(p.provision, p.provision),
                p.status,
                ", ".join(p.supporting),
                ", ".join(p.objecting),
            )
            for p in result.provisions
        ],
        "svg": mark_safe(_heatmap(eids, shown, cells, groups, labels)),  # noqa: S308 -- text escaped
        "groups": len(set(groups.values())),
        "shown": shown,
    }
    return render(request, "positions/consensus.html", context)
