"""The consensus map: provisions × delegations as a server-made SVG, the same data as a table,
and the summary, all from the same cells whatever the filter (chapter, issue, bloc)."""

from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from plenary.analysis import ConsensusMap, opinion_map
from plenary.audit.state import RecordState
from plenary.page_cache import public_page
from plenary.positions.models import StanceChoice
from plenary.positions.record_state import cache_key
from plenary.positions.services import (
    OBJECTS,
    PROVISION_PREFIX,
    among,
    consensus_on,
    map_rows,
    marked_positions,
    numbered,
    opinion_stances,
)
from plenary.process.actors import request_actor
from plenary.process.visibility import get_negotiation
from plenary.text.provisions import current_outline, current_version
from plenary.text.structure import CHAPTER

CELL = 18
# Colour and a letter for each: the map is readable without colour.
# The width of the column of row labels (provisions), left of the cells.
LABELS = 170
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
    row_names: dict[str, str],
) -> str:
    """The map as SVG: a row is named short (`row_names`), with its label in full in its
    tooltip. Names are escaped once each rather than once per cell: a map of 193 x 60 has over
    ten thousand cells."""
    title = _("Stances by provision and delegation")
    group_word = escape(_("opinion group"))
    width = LABELS + CELL * len(delegations)
    height = 72 + CELL * len(provisions)
    names = {d: escape(d) for d in delegations}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="map-title"><title id="map-title">{escape(title)}</title>'
    ]
    for column, delegation in enumerate(delegations):
        x = LABELS + column * CELL + CELL / 2
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
        # Names end at the map's edge, so they read the same in every script and direction.
        parts.append(
            f'<g><title>{name}</title><text x="{LABELS - 6}" y="{y + 13}" font-size="10" '
            f'text-anchor="end">{escape(row_names.get(provision, provision))}</text></g>'
        )
        for column, delegation in enumerate(delegations):
            mark = cells.get((provision, delegation))
            if mark is None:
                continue
            colour, letter = MARKS[mark]
            x = LABELS + column * CELL
            parts.append(
                f'<rect x="{x}" y="{y}" width="{CELL - 1}" height="{CELL - 1}" fill="{colour}">'
                f"<title>{names[delegation]}: {mark} ({name})</title></rect>"
                f'<text x="{x + 5}" y="{y + 13}" font-size="10" fill="#fff">{letter}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _mapped(
    negotiation, keys: list[str], state: RecordState | None
) -> tuple[dict, set, ConsensusMap]:
    """The stances and objections on these provisions, which of them are illustrative, and the
    consensus they make; read and computed once per state of the record, then served from the
    cache."""
    key = cache_key("consensus-map", (state.token,), keys) if state is not None else None
    mapped = cache.get(key) if key is not None else None
    if mapped is None:
        cells, illustrative = marked_positions(negotiation, keys)
        mapped = (cells, illustrative, consensus_on(negotiation, keys, cells))
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
    provisions = sorted({key for key, _d in cells})
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
@public_page(floor=False)
def consensus_map_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    version = current_version(negotiation, actor)
    chapter_id = request.GET.get("chapter", "")[:20]
    chapter = int(chapter_id) if chapter_id.isdigit() else None
    bloc = negotiation.blocs.filter(slug=request.GET.get("bloc", "")[:60]).first()
    issue = negotiation.issues.filter(slug=request.GET.get("issue", "")[:80]).first()
    context: dict[str, Any] = {
        "negotiation": negotiation,
        "version": version,
        "chapter": chapter,
        "bloc": bloc,
        "issue": issue,
        "blocs": negotiation.blocs.all(),
        "issues": negotiation.issues.filter(provisions__isnull=False).distinct(),
        # The key names each mark in the reader's language.
        "marks": {
            (StanceChoice(code).label if code in StanceChoice.values else _("objects")): mark
            for code, mark in MARKS.items()
        },
    }
    if version is None:
        return render(request, "positions/consensus.html", context)
    outline = current_outline(negotiation, actor)
    context["chapters"] = [
        (c.provision, outline.label(c.provision)) for c in outline.of_kind(CHAPTER)
    ]
    keys, labels, _eids = map_rows(
        negotiation, actor, chapter=chapter, issue=issue, outline=outline
    )
    # The map's rows are named short ("Art. 7(2)"), in full in their tooltip and the table.
    names = {
        key: outline.short_label(number)
        if (number := numbered(key, PROVISION_PREFIX)) is not None
        else Truncator(labels[key]).chars(28)
        for key in keys
    }
    # The map and the groups are computed once per state of the record, read before the page's
    # data (public_page), like the page itself.
    state = request.record_state  # type: ignore[attr-defined]
    cells, illustrative, result = _mapped(negotiation, keys, state)
    if bloc is not None:
        # The bloc's members only: the chart, the table and the summary read the same cells.
        members = {d.code for d in negotiation.delegations.filter(blocs=bloc)}
        cells = among(cells, members)
        result = consensus_on(negotiation, keys, cells)
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
        "svg": mark_safe(_heatmap(keys, shown, cells, groups, labels, names)),  # noqa: S308 -- text escaped
        "groups": len(set(groups.values())),
        "shown": shown,
    }
    return render(request, "positions/consensus.html", context)
