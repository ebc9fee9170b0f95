"""The chair runs the meeting on an item: opens it, puts a paragraph under discussion, closes it.

Each change is recorded in the audit trail and told to the item's live room after commit."""

import datetime

from django.db.models import F
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change
from plenary.errors import Conflict, InvalidInput
from plenary.participation.models import AgendaItem, FloorStatus, ItemStatus
from plenary.participation.services.agenda import room_outline
from plenary.participation.services.announcing import announce
from plenary.participation.visibility import covered_by
from plenary.process.actors import Actor
from plenary.process.permissions import require_chair
from plenary.text.models import Provision
from plenary.text.structure import Outline


def paragraphs_to_discuss(item: AgendaItem, outline: Outline) -> list[tuple[int, str]]:
    """The paragraphs the chair may put under discussion: those of the parts of the text the
    item covers (all, if it names none), from the room's text (see room_outline), each as
    (provision, "Art. 7(2): its first words")."""
    covered = covered_by(outline, set(item.provisions.values_list("pk", flat=True)))
    return [
        (p.provision, f"{outline.short_label(p.provision)}: {Truncator(p.text).words(12)}")
        for p in outline.paragraphs
        if covered is None or p.provision in covered
    ]


def open_item(item: AgendaItem, *, by: Actor, at: datetime.datetime | None = None) -> AgendaItem:
    """The chair takes up an agenda item (again, if it was closed)."""
    require_chair(by, _("open an agenda item"))
    with audited_change(
        "agenda.item_opened", item, by=by.user, negotiation=item.session.negotiation
    ):
        if item.status == ItemStatus.OPEN:
            raise Conflict(_("This item is already under discussion."))
        item.status = ItemStatus.OPEN
        item.opened_at = at or timezone.now()
        item.closed_at = None
        announce(item)
    return item


def close_item(item: AgendaItem, *, by: Actor, at: datetime.datetime | None = None) -> AgendaItem:
    """The chair closes the item: whoever has the floor has spoken, and the list stops."""
    require_chair(by, _("close an agenda item"))
    at = at or timezone.now()
    with audited_change(
        "agenda.item_closed", item, by=by.user, negotiation=item.session.negotiation
    ):
        if item.status != ItemStatus.OPEN:
            raise Conflict(_("This item is not under discussion, so it cannot be closed."))
        item.speakers.filter(status=FloorStatus.SPEAKING).update(
            status=FloorStatus.SPOKE, finished_at=at, lock_version=F("lock_version") + 1
        )
        item.status = ItemStatus.CLOSED
        item.closed_at = at
        item.under_discussion = None
        announce(item)
    return item


def put_under_discussion(
    item: AgendaItem,
    *,
    by: Actor,
    provision: Provision | None,
    expected_version: int | None = None,
) -> AgendaItem:
    """The chair names the paragraph under discussion (or none).

    It must be in the text everyone in the room may see: in an open session, the latest
    published version, so that the public is never shown a paragraph of an informal draft."""
    require_chair(by, _("name the paragraph under discussion"))
    if provision is not None:
        part = room_outline(item.session).get(provision.pk)
        if part is None or part.kind != "paragraph":
            raise InvalidInput(
                _("That paragraph is not in the latest text everyone in this room may see.")
            )
    with audited_change(
        "agenda.under_discussion",
        item,
        by=by.user,
        negotiation=item.session.negotiation,
        expected_version=expected_version,
    ):
        if item.status != ItemStatus.OPEN:
            raise Conflict(_("Open the item before naming the paragraph under discussion."))
        item.under_discussion = provision
        announce(item)
    return item
