"""Interventions: the text of an oral statement once made, and written contributions."""

import contextlib
import datetime
from collections.abc import Iterable, Iterator, Sequence

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.outbox.events import emit
from plenary.participation.attachments import MAX_FILES, Attachment, check_attachments
from plenary.participation.models import (
    AgendaItem,
    FloorStatus,
    Intervention,
    InterventionFile,
    InterventionKind,
    SpeakerEntry,
)
from plenary.participation.services.agenda import require_in_room_text
from plenary.participation.services.registration import (
    require_may_take_part,
    require_own_speaker,
)
from plenary.process.actors import Actor
from plenary.process.capabilities import can_run_process
from plenary.process.models import Delegation, Organization
from plenary.process.permissions import (
    require_delegation_member,
    require_organization_member,
    require_signed_in,
    require_takes_part,
)
from plenary.text.models import Provision
from plenary.validation import max_length

MAX_TEXT = max_length(Intervention, "text")
MAX_TITLE = max_length(Intervention, "title")
# Files as uploaded: (the name the person gave, the bytes); checked here before anything is kept.
Files = Sequence[tuple[str, bytes]]


def _clean_text(text: str, title: str) -> tuple[str, str]:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("An intervention needs its text."), field="text")
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("The text is at most %(max)s characters.") % {"max": MAX_TEXT}, field="text"
        )
    title = (title or "").strip()
    if len(title) > MAX_TITLE:
        raise InvalidInput(
            _("The title is at most %(max)s characters.") % {"max": MAX_TITLE}, field="title"
        )
    return text, title


def _made_public(intervention: Intervention, action: str, by: Actor) -> None:
    """Audit a statement or contribution made public; the worker tells the followers of its
    session."""
    item = intervention.agenda_item
    session = item.session
    record(
        action,
        intervention,
        by=by.user,
        negotiation=session.negotiation,
        after=snapshot(intervention, ["kind", "agenda_item", "delegation", "organization"])
        | {"provisions": sorted(intervention.provisions.values_list("pk", flat=True))},
    )

    emit("intervention.published", negotiation=session.negotiation, intervention=intervention.pk)


def publish_statement(
    entry: SpeakerEntry,
    *,
    by: Actor,
    text: str,
    provisions: Iterable[Provision] = (),
    title: str = "",
    files: Files = (),
    at: datetime.datetime | None = None,
) -> Intervention:
    """After speaking, the speaker (or the secretariat) publishes the text of the statement."""
    require_own_speaker(by, entry, exempt=can_run_process)
    text, title = _clean_text(text, title)
    item = entry.agenda_item
    parts = require_in_room_text(item.session, provisions)
    attachments = check_attachments(list(files))
    with transaction.atomic(), _kept_on_commit() as kept:
        if entry.status != FloorStatus.SPOKE:
            raise Conflict(
                _("A statement is published after it is made: this speaker has not spoken yet.")
            )
        if Intervention.objects.filter(speaker=entry).exists():
            raise Conflict(_("The text of this statement is already published."))
        intervention = Intervention.objects.create(
            agenda_item=item,
            kind=InterventionKind.ORAL,
            speaker=entry,
            delegation=entry.delegation,
            on_behalf_of=entry.on_behalf_of,
            organization=entry.organization,
            title=title,
            text=text,
            published_at=at or timezone.now(),
            published_by=by.user,
        )
        intervention.provisions.set(parts or item.provisions.all())
        _keep_files(intervention, attachments, by, kept)
        _made_public(intervention, "intervention.published", by)
    return intervention


def submit_written_contribution(
    item: AgendaItem,
    *,
    by: Actor,
    text: str,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    provisions: Iterable[Provision] = (),
    title: str = "",
    files: Files = (),
    at: datetime.datetime | None = None,
) -> Intervention:
    """A delegation or an accredited organization submits a written contribution on an item."""
    require_signed_in(by)
    if (delegation is None) == (organization is None):
        raise InvalidInput(_("Submit a contribution for one delegation or one organization."))
    if delegation is not None:
        require_delegation_member(by, delegation)
        require_takes_part(delegation, item.session.negotiation)
    if organization is not None:
        require_organization_member(by, organization)
        require_may_take_part(item.session, organization)
    text, title = _clean_text(text, title)
    parts = require_in_room_text(item.session, provisions)
    attachments = check_attachments(list(files))
    with transaction.atomic(), _kept_on_commit() as kept:
        intervention = Intervention.objects.create(
            agenda_item=item,
            kind=InterventionKind.WRITTEN,
            delegation=delegation,
            organization=organization,
            title=title,
            text=text,
            published_at=at or timezone.now(),
            published_by=by.user,
        )
        intervention.provisions.set(parts or item.provisions.all())
        _keep_files(intervention, attachments, by, kept)
        _made_public(intervention, "intervention.submitted", by)
    return intervention


def attach_files(intervention: Intervention, *, by: Actor, files: Files) -> list[InterventionFile]:
    """The author (or the secretariat) adds files to a published statement or contribution."""
    require_own_speaker(by, intervention, exempt=can_run_process)
    attachments = check_attachments(list(files))
    if not attachments:
        raise InvalidInput(_("Choose at least one file to attach."), field="files")
    with transaction.atomic(), _kept_on_commit() as kept:
        # Locked, so that two uploads at once cannot pass the limit together.
        Intervention.objects.select_for_update().filter(pk=intervention.pk).first()
        if intervention.files.count() + len(attachments) > MAX_FILES:
            raise InvalidInput(
                _("A statement or contribution has at most %(max)s files.") % {"max": MAX_FILES}
            )
        added = _keep_files(intervention, attachments, by, kept)
        record(
            "intervention.files_attached",
            intervention,
            by=by.user,
            negotiation=intervention.agenda_item.session.negotiation,
            after={"files": [f.name for f in added]},
        )
    return added


@contextlib.contextmanager
def _kept_on_commit() -> Iterator[list[str]]:
    """The names of the files written in this block; if the block fails they are removed, so a
    refused or failed publication leaves no file behind."""
    kept: list[str] = []
    try:
        yield kept
    except BaseException:
        for name in kept:
            default_storage.delete(name)
        raise


def _keep_files(
    intervention: Intervention, attachments: list[Attachment], by: Actor, kept: list[str]
) -> list[InterventionFile]:
    now = timezone.now()
    added = []
    for attachment in attachments:
        row = InterventionFile(
            intervention=intervention,
            name=attachment.name,
            kind=attachment.kind,
            size=len(attachment.data),
            uploaded_at=now,
            uploaded_by=by.user,
        )
        row.file.save(attachment.name, ContentFile(attachment.data), save=False)
        kept.append(str(row.file.name))
        row.save()
        added.append(row)
    return added
