"""What each person sees of participation: nothing of closed sessions unless they see those."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from plenary.errors import NotFound
from plenary.participation.models import (
    AgendaItem,
    Intervention,
    InterventionFile,
    SpeakerEntry,
)
from plenary.process.models import Negotiation, Session
from plenary.process.models.sessions import Openness


def visible_interventions(user: Any, negotiation: Negotiation) -> QuerySet[Intervention]:
    """Interventions in sessions this person may see."""
    found = Intervention.objects.filter(agenda_item__session__negotiation=negotiation)
    if not getattr(user, "sees_closed_meetings", False):
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


class ClosedRoomAudience:
    """Who watches a closed room: delegations, the secretariat and the chair, who all see the
    same (closed meetings and informal drafts). Used to render a room once for all of them."""

    is_authenticated = False
    sees_closed_meetings = True


def room_audience(session: Session) -> Any:
    """The least any watcher of this session's rooms may see: what is rendered for all."""
    return ClosedRoomAudience() if session.is_closed else AnonymousUser()


def addresses(eids: list[str], eid: str) -> bool:
    """An intervention on `art_7` addresses `art_7__para_1` too."""
    return any(eid == target or eid.startswith(f"{target}__") for target in eids)


def chapter_of(content: dict[str, Any], eid: str) -> str | None:
    """The chapter eId holding a paragraph (paragraph eIds start at the article: art_7__…)."""
    for chapter in content.get("chapters", []):
        for article in chapter["articles"]:
            if eid == article["eid"] or eid.startswith(f"{article['eid']}__"):
                return str(chapter["eid"])
    return None


def interventions_on(
    user: Any, negotiation: Negotiation, eid: str, chapter: str | None = None
) -> list[Intervention]:
    """The interventions this person may see that address a paragraph, its article or chapter."""
    # The eIds are a JSON list, which SQLite cannot search inside; a negotiation has hundreds.
    found = [
        i
        for i in visible_interventions(user, negotiation)
        if addresses(i.eids, eid) or (chapter is not None and chapter in i.eids)
    ]
    prefetch_related_objects(found, "files")
    return found
