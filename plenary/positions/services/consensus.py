"""Where consensus stands: each delegation's latest stance on each provision and open objections."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from plenary.analysis import ConsensusMap, DelegationStance, consensus_map
from plenary.analysis import Objection as AnalysisObjection
from plenary.analysis import Stance as AnalysisStance
from plenary.positions.models import Objection, Stance
from plenary.positions.services.provisions import (
    PACKAGE_PREFIX,
    PROVISION_PREFIX,
    key_of,
    numbered,
    open_packages,
    provision_key,
)
from plenary.process.models import Negotiation
from plenary.process.models.participants import delegation_codes
from plenary.text.provisions import current_outline
from plenary.text.structure import Outline

# In a map of positions, an open objection stands where the delegation's stance would.
OBJECTS = "objects"

Cells = dict[tuple[str, str], str]


def _subjects(keys: list[str]) -> dict[str, list[int]]:
    """The provision and package ids among subject keys."""
    return {
        "provision_id__in": [n for k in keys if (n := numbered(k, PROVISION_PREFIX)) is not None],
        "package_id__in": [n for k in keys if (n := numbered(k, PACKAGE_PREFIX)) is not None],
    }


def marked_positions(
    negotiation: Negotiation, keys: list[str]
) -> tuple[Cells, set[tuple[str, str]]]:
    """(subject key, delegation code) → its latest stance, or "objects" where an objection is
    open; and the cells whose mark comes from an illustrative stance or objection. Rows of
    delegations the negotiation does not seat (never expected) are left out."""
    names = delegation_codes(negotiation)
    wanted = set(keys)
    ids = _subjects(keys)
    cells: Cells = {}
    illustrative: set[tuple[str, str]] = set()
    stances = Stance.objects.filter(
        Q(provision_id__in=ids["provision_id__in"]) | Q(package_id__in=ids["package_id__in"]),
        negotiation=negotiation,
    )
    objections = Objection.objects.filter(
        Q(provision_id__in=ids["provision_id__in"]) | Q(package_id__in=ids["package_id__in"]),
        negotiation=negotiation,
        withdrawn_at__isnull=True,
    )
    marks = [
        (row, row["stance"])
        for row in stances.order_by("recorded_at", "id").values(
            "delegation_id", "provision_id", "package_id", "proposal_id", "stance", "illustrative"
        )
    ] + [
        (row, OBJECTS)
        for row in objections.values("delegation_id", "provision_id", "package_id", "illustrative")
    ]
    for row, mark in marks:
        key, code = key_of(row), names.get(row["delegation_id"])
        if code is None or key not in wanted:
            continue
        cell = (key, code)
        cells[cell] = mark
        if row["illustrative"]:
            illustrative.add(cell)
        else:
            illustrative.discard(cell)
    return cells, illustrative


def positions_on(negotiation: Negotiation, keys: list[str]) -> Cells:
    """(subject key, delegation code) → its latest stance, or "objects" where an objection is
    open."""
    return marked_positions(negotiation, keys)[0]


def among(cells: Cells, delegations: set[str]) -> Cells:
    """Only the cells of these delegations (e.g. the members of a bloc)."""
    return {cell: mark for cell, mark in cells.items() if cell[1] in delegations}


def opinion_stances(cells: Cells) -> list[DelegationStance]:
    """The stances an opinion map reads: each delegation's latest stance on each provision, and
    an open objection as opposing (the strongest disagreement the map can code)."""
    return [
        DelegationStance(code, key, AnalysisStance.OPPOSE if mark == OBJECTS else mark)
        for (key, code), mark in cells.items()
    ]


def consensus_on(
    negotiation: Negotiation,
    keys: list[str],
    positions: Cells | None = None,
) -> ConsensusMap:
    """Where each subject stands: the latest stance of each delegation and open objections."""
    if positions is None:
        positions = positions_on(negotiation, keys)
    return consensus_map(
        keys,
        [
            DelegationStance(code, key, stance)
            for (key, code), stance in positions.items()
            if stance != OBJECTS
        ],
        [
            AnalysisObjection(code, key)
            for (key, code), stance in positions.items()
            if stance == OBJECTS
        ],
    )


def map_rows(
    negotiation: Negotiation,
    viewer: Any,
    *,
    chapter: int | None = None,
    issue: Any = None,
    outline: Outline | None = None,
) -> tuple[list[str], dict[str, str], dict[str, str]]:
    """What the map shows, in the text's order: the paragraphs of the latest text this person
    may see (of one chapter, or those an issue concerns), then the chair's packages still on
    the table (for those at the table); each row's key, its label ("Art. 7(2) — Illegal
    access", "Package: …") and its eId (package_<id> for a package). `outline`: the text this
    person may see, if the caller has read it already."""
    if outline is None:
        outline = current_outline(negotiation, viewer)
    paragraphs = outline.paragraphs
    if chapter is not None:
        paragraphs = [p for p in paragraphs if p.chapter == chapter]
    if issue is not None:
        concerned = set(issue.provisions.values_list("pk", flat=True))
        paragraphs = [p for p in paragraphs if p.provision in concerned]
    keys = [provision_key(p.provision) for p in paragraphs]
    labels = {provision_key(p.provision): outline.label(p.provision) for p in paragraphs}
    eids = {provision_key(p.provision): p.eid for p in paragraphs}
    if chapter is None and issue is None:
        for key, package in open_packages(negotiation, viewer).items():
            keys.append(key)
            labels[key] = _("Package: %(title)s") % {"title": package.title}
            eids[key] = key
    return keys, labels, eids
