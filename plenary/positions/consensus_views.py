"""The consensus map: provisions × delegations as a server-made SVG, the same data as a table,
and the summary, all from the same cells whatever the filter (chapter, issue, bloc)."""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from plenary.analysis import ConsensusMap, opinion_map
from plenary.audit.state import RecordState
from plenary.page_cache import public_page
from plenary.positions.record_state import cache_key
from plenary.positions.services import (
    OBJECTS,
    among,
    consensus_on,
    marked_positions,
    open_package_provisions,
    opinion_stances,
)
from plenary.process.visibility import get_negotiation, visible_versions
from plenary.text.structure import walk_paragraphs

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
STATUS_LABELS = {
    "consensus": gettext_lazy("consensus"),
    "blocked": gettext_lazy("blocked"),
    "no_positions": gettext_lazy("no positions yet"),
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


def _mapped(
    negotiation, eids: list[str], state: RecordState | None
) -> tuple[dict, set, ConsensusMap]:
    """The stances and objections on these provisions, which of them are illustrative, and the
    consensus they make; read and computed once per state of the record, then served from the
    cache."""
    key = cache_key("consensus-map", (state.token,), eids) if state is not None else None
    mapped = cache.get(key) if key is not None else None
    if mapped is None:
        cells, illustrative = marked_positions(negotiation, eids)
        mapped = (cells, illustrative, consensus_on(negotiation, eids, cells))
        if key is not None:
            cache.set(key, mapped, timeout=24 * 3600)
    return mapped


def _opinion_groups(
    delegations: list[str], cells: dict, state: RecordState | None
) -> dict[str, int]:
    """Each delegation's opinion group on these provisions, read as the opinion map reads them
    (opinion_stances: the latest stance, an open objection as opposing). Grouping runs k-means
    several times over; the same stances give the same groups, so they are kept in the cache
    until the record changes."""
    provisions = sorted({eid for eid, _d in cells})
    if len(delegations) < 3 or not provisions:
        return {}
    key = (
        cache_key("opinion-groups", (state.token,), provisions, delegations)
        if state is not None
        else None
    )
    groups = cache.get(key) if key is not None else None
    if groups is None:
        stances = opinion_stances(among(cells, set(delegations)))
        groups = {
            p.delegation: p.group for p in opinion_map(delegations, provisions, stances).points
        }
        if key is not None:
            cache.set(key, groups, timeout=24 * 3600)
    return groups


@require_GET
@public_page
def consensus_map_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = visible_versions(request.user, negotiation).order_by("-position").first()
    chapter = request.GET.get("chapter", "")[:200]
    bloc = negotiation.blocs.filter(slug=request.GET.get("bloc", "")[:60]).first()
    issue = negotiation.issues.filter(slug=request.GET.get("issue", "")[:80]).first()
    context: dict[str, Any] = {
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
    # The map and the groups are computed once per state of the record, read before the page's
    # data (public_page), like the page itself.
    state = request.record_state  # type: ignore[attr-defined]
    cells, illustrative, result = _mapped(negotiation, eids, state)
    if bloc is not None:
        # The bloc's members only: the chart, the table and the summary read the same cells.
        members = {d.code for d in negotiation.delegations.filter(blocs=bloc)}
        cells = among(cells, members)
        result = consensus_on(negotiation, eids, cells)
    shown = sorted({d for _eid, d in cells})
    # Columns by opinion group, so that blocks of like stances stand together; within a group
    # the blocking delegations first, so that what stands in the way of consensus is seen first.
    groups = _opinion_groups(shown, cells, state)
    blocking = {d for p in result.provisions for d in p.objecting}
    shown.sort(key=lambda d: (groups.get(d, 0), d not in blocking, d))
    context |= {
        "illustrative_inputs": len(illustrative & cells.keys()),
        "result": result,
        # Joined here: escaping one string per cell of the table costs more than the map.
        "rows": [
            (
                labels.get(p.provision, p.provision),
                STATUS_LABELS[p.status],
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
