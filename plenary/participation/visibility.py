"""What each person sees of participation: nothing of closed sessions unless they see those."""

from django.db.models import QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from plenary.errors import NotFound
from plenary.participation.models import (
    AgendaItem,
    Intervention,
    InterventionFile,
    SpeakerEntry,
)
from plenary.process.actors import AT_THE_TABLE, PUBLIC, Actor, Viewer
from plenary.process.capabilities import can_see_closed_meetings
from plenary.process.models import Negotiation, Session
from plenary.process.models.sessions import Openness
from plenary.text.structure import Outline


def visible_interventions(user: Viewer, negotiation: Negotiation) -> QuerySet[Intervention]:
    """Interventions in sessions this person may see."""
    found = Intervention.objects.filter(agenda_item__session__negotiation=negotiation)
    if not can_see_closed_meetings(user):
        found = found.exclude(agenda_item__session__openness=Openness.CLOSED)
    return found.select_related(
        "agenda_item__session", "delegation", "organization", "on_behalf_of"
    )


def get_agenda_item(session: Session, pk: int) -> AgendaItem:
    """An item of a session the caller already may see."""
    item = session.agenda_items.select_related("session__negotiation").filter(pk=pk).first()
    if item is None:
        raise NotFound(_("There is no such agenda item."))
    return item


def get_speaker(item: AgendaItem, pk: int) -> SpeakerEntry:
    entry = (
        item.speakers.select_related("delegation", "organization", "on_behalf_of")
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise NotFound(_("There is no such speaker on this list."))
    return entry


def get_intervention(item: AgendaItem, pk: int) -> Intervention:
    """A statement or contribution on an item the caller already may see."""
    found = (
        item.interventions.select_related("agenda_item__session", "delegation", "organization")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no such statement or contribution on this item."))
    return found


def get_intervention_file(intervention: Intervention, pk: int) -> InterventionFile:
    found = intervention.files.filter(pk=pk).first()
    if found is None:
        raise NotFound(_("There is no such file."))
    return found


def room_audience(session: Session) -> Actor:
    """The least any watcher of this session's rooms may see: what is rendered for all. A
    closed room is watched by delegations, the secretariat and the chair, who all see the same
    (closed meetings and informal drafts); an open one by the public too."""
    return AT_THE_TABLE if session.is_closed else PUBLIC


def covered_by(outline: Outline, parts: set[int]) -> set[int] | None:
    """The provisions that parts of the text cover in this text: each part, and what stands in
    it (an article covers its paragraphs, a chapter its articles). None when no part is named:
    an item about no part in particular covers the whole text."""
    if not parts:
        return None
    covered = set(parts)
    for part in parts:
        covered |= {p.provision for p in outline.within(part)}
    return covered


def interventions_on(
    user: Viewer, negotiation: Negotiation, provision: int, outline: Outline
) -> list[Intervention]:
    """The interventions this person may see that address a paragraph, the paragraph it belongs
    to, its article or its chapter (where they stand in `outline`)."""
    part = outline.get(provision)
    around = {provision}
    if part is not None:
        around |= {p for p in (part.article, part.chapter) if p is not None}
        parent = part.parent
        while parent is not None:
            around.add(parent)
            above = outline.get(parent)
            parent = above.parent if above else None
    found = list(visible_interventions(user, negotiation).filter(provisions__in=around).distinct())
    prefetch_related_objects(found, "files")
    return found
