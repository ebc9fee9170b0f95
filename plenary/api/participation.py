"""Sessions as they happen through the API: agenda, arrangements, registrations, speakers lists,
the floor, interventions and their files, under /negotiations/{slug}/sessions/{id}/."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Status, UploadedFile

from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.participation_schemas import (
    AgendaItemIn,
    AgendaItemOut,
    ArrangementsIn,
    ArrangementsOut,
    InterventionIn,
    InterventionOut,
    OrderIn,
    RegistrationIn,
    RegistrationOut,
    SpeakerIn,
    SpeakerOut,
    UnderDiscussionIn,
)
from plenary.errors import InvalidInput, NotAllowed
from plenary.participation.attachments import read_uploads
from plenary.participation.models import Registration, SpeakerEntry
from plenary.participation.services import (
    agenda,
    floor,
    interventions,
    registration,
    speakers,
)
from plenary.participation.visibility import get_agenda_item, get_intervention, get_speaker
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_run_process
from plenary.process.models import Session
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_session
from plenary.text import provisions
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH

router = Router(tags=["participation"])
SESSION = "/{slug}/sessions/{session_id}"
ITEM = SESSION + "/agenda/{item_id}"


def _session(request: HttpRequest, slug: str, session_id: int) -> Session:
    return get_visible_session(reader(request), get_negotiation(slug), session_id)


def _item(request: HttpRequest, slug: str, session_id: int, item_id: int):
    return get_agenda_item(_session(request, slug, session_id), item_id)


def _arrangements_out(session: Session) -> dict:
    found = agenda.arrangements_for(session)
    fields = (*agenda.ARRANGEMENT_FIELDS, "lock_version", "illustrative", "sources")
    return {name: getattr(found, name) for name in fields} | {
        "hours_sources": found.hours_sources,
        "registration_closes_at": agenda.registration_closes_at(session, found),
    }


def _speakers_out(item) -> list[dict]:
    limits = agenda.arrangements_for(item.session)
    return [
        _speaker_out(e, place, limits) for place, e in enumerate(speakers.speakers_list(item), 1)
    ]


def _speaker_out(entry: SpeakerEntry, place: int, limits) -> dict:
    return {
        "id": entry.pk,
        "place": place,
        "speaker": entry.speaker_label,
        "delegation": entry.delegation.name if entry.delegation is not None else None,
        "on_behalf_of": entry.on_behalf_of.slug if entry.on_behalf_of is not None else None,
        "organization": entry.organization.slug if entry.organization is not None else None,
        "group": entry.group,
        "status": entry.status,
        "late": entry.late,
        "ordered_by_chair": entry.position is not None,
        "requested_at": entry.requested_at,
        "called_at": entry.called_at,
        "speaking_seconds": speakers.speaking_limit(entry, limits),
        "illustrative": entry.illustrative,
    }


@router.get(SESSION + "/agenda", response=list[AgendaItemOut])
def list_agenda(request: HttpRequest, slug: str, session_id: int):
    # The items share the session object, so that the text they name is read once.
    return _session(request, slug, session_id).agenda_items.prefetch_related("provisions")


@router.post(SESSION + "/agenda", response={201: AgendaItemOut}, auth=WRITE_AUTH)
def add_agenda_item(request: HttpRequest, slug: str, session_id: int, payload: AgendaItemIn):
    session = _session(request, slug, session_id)
    item = agenda.add_agenda_item(
        session,
        by=request_actor(request),
        number=payload.number,
        title=payload.title,
        provisions=_parts(request, session, payload),
        scheduled_at=payload.scheduled_at,
        sources=[s.dict() for s in payload.sources],
    )
    return Status(201, item)


def _parts(request: HttpRequest, session: Any, payload: Any) -> list[Any]:
    """The parts of the text a payload names, by id or by eId."""
    return provisions.resolve_many(
        session.negotiation,
        request_actor(request),
        provisions=payload.provisions,
        eids=payload.eids,
        kinds=(CHAPTER, ARTICLE, PARAGRAPH),
    )


@router.get(SESSION + "/arrangements", response=ArrangementsOut)
def get_arrangements(request: HttpRequest, slug: str, session_id: int):
    return _arrangements_out(_session(request, slug, session_id))


@router.put(SESSION + "/arrangements", response=ArrangementsOut, auth=WRITE_AUTH)
def set_arrangements(request: HttpRequest, slug: str, session_id: int, payload: ArrangementsIn):
    session = _session(request, slug, session_id)
    changes = {k: v for k, v in payload.dict().items() if v is not None}
    version = changes.pop("lock_version", None)
    agenda.set_arrangements(session, by=request_actor(request), expected_version=version, **changes)
    return _arrangements_out(session)


@router.get(SESSION + "/registrations", response=list[RegistrationOut], auth=WRITE_AUTH)
def list_registrations(request: HttpRequest, slug: str, session_id: int):
    """The secretariat and the chair see everyone; others see their own delegation or
    organization's registrations."""
    session = _session(request, slug, session_id)
    rows = Registration.objects.filter(session=session).select_related("delegation", "organization")
    actor = request_actor(request)
    if can_run_process(actor):
        return rows
    delegation, organization = registration.affiliation(actor, session.negotiation)
    if delegation is None and organization is None:
        raise NotAllowed(_("Only the secretariat and the chair see the list of participants."))
    return rows.filter(delegation=delegation, organization=organization)


@router.post(SESSION + "/registrations", response={201: RegistrationOut}, auth=WRITE_AUTH)
def register(request: HttpRequest, slug: str, session_id: int, payload: RegistrationIn):
    session = _session(request, slug, session_id)
    actor = request_actor(request)
    delegation, organization = registration.affiliation(actor, session.negotiation, acting=True)
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegation members and accredited stakeholders register people."))
    created = registration.register_participant(
        session,
        by=actor,
        delegation=delegation,
        organization=organization,
        **payload.dict(),
    )
    return Status(201, created)


@router.get(ITEM + "/speakers", response=list[SpeakerOut])
def list_speakers(request: HttpRequest, slug: str, session_id: int, item_id: int):
    """In speaking order: who spoke, who has the floor, who waits."""
    return _speakers_out(_item(request, slug, session_id, item_id))


@router.post(ITEM + "/speakers", response={201: SpeakerOut}, auth=WRITE_AUTH)
def request_floor(
    request: HttpRequest, slug: str, session_id: int, item_id: int, payload: SpeakerIn
):
    item = _item(request, slug, session_id, item_id)
    actor = require_signed_in(request_actor(request))
    negotiation = item.session.negotiation
    delegation, organization = registration.affiliation(actor, negotiation, acting=True)
    if can_run_process(actor):
        if payload.delegation:
            delegation = (
                negotiation.delegations.filter(iso2=payload.delegation.upper()).first()
                or negotiation.delegations.filter(name=payload.delegation).first()
            )
        elif payload.organization:
            found = negotiation.accreditation_requests.filter(
                organization__slug=payload.organization
            ).first()
            organization = found.organization if found else None
        if delegation is None and organization is None:
            raise InvalidInput(_("Name the delegation or the accredited organization to inscribe."))
    bloc = None
    if payload.on_behalf_of:
        bloc = negotiation.blocs.filter(slug=payload.on_behalf_of).first()
        if bloc is None:
            raise InvalidInput(_("There is no such group of states."))
    entry = speakers.request_floor(
        item,
        by=actor,
        delegation=delegation,
        organization=organization,
        on_behalf_of=bloc,
    )
    place = [e.pk for e in speakers.speakers_list(item)].index(entry.pk) + 1
    return Status(201, _speaker_out(entry, place, agenda.arrangements_for(item.session)))


@router.post(ITEM + "/speakers/next", response=list[SpeakerOut], auth=WRITE_AUTH)
def call_next_speaker(request: HttpRequest, slug: str, session_id: int, item_id: int):
    """The chair gives the floor to the next speaker; the list comes back."""
    item = _item(request, slug, session_id, item_id)
    speakers.call_next_speaker(item, by=request_actor(request))
    return _speakers_out(item)


@router.post(ITEM + "/speakers/order", response=list[SpeakerOut], auth=WRITE_AUTH)
def reorder_speakers(
    request: HttpRequest, slug: str, session_id: int, item_id: int, payload: OrderIn
):
    """The chair sets the order of every waiting speaker (recorded in the audit trail)."""
    item = _item(request, slug, session_id, item_id)
    speakers.reorder_speakers(item, by=request_actor(request), order=payload.order)
    return _speakers_out(item)


@router.post(
    ITEM + "/speakers/{speaker_id}/statement", response={201: InterventionOut}, auth=WRITE_AUTH
)
def publish_statement(
    request: HttpRequest,
    slug: str,
    session_id: int,
    item_id: int,
    speaker_id: int,
    payload: InterventionIn,
):
    item = _item(request, slug, session_id, item_id)
    entry = get_speaker(item, speaker_id)
    published = interventions.publish_statement(
        entry,
        by=request_actor(request),
        title=payload.title,
        text=payload.text,
        provisions=_parts(request, item.session, payload),
    )
    return Status(201, published)


@router.post(ITEM + "/speakers/{speaker_id}/withdraw", response=SpeakerOut, auth=WRITE_AUTH)
def withdraw_request(
    request: HttpRequest, slug: str, session_id: int, item_id: int, speaker_id: int
):
    """A waiting speaker leaves the list: asked by their own people, or by the chair. The entry
    comes back with `status` withdrawn and `place` 0: it no longer has a place on the list."""
    item = _item(request, slug, session_id, item_id)
    entry = speakers.withdraw_request(get_speaker(item, speaker_id), by=request_actor(request))
    return _speaker_out(entry, 0, agenda.arrangements_for(item.session))


@router.post(ITEM + "/open", response=AgendaItemOut, auth=WRITE_AUTH)
def open_item(request: HttpRequest, slug: str, session_id: int, item_id: int):
    """The chair takes up the item; its live room is told."""
    return floor.open_item(_item(request, slug, session_id, item_id), by=request_actor(request))


@router.post(ITEM + "/close", response=AgendaItemOut, auth=WRITE_AUTH)
def close_item(request: HttpRequest, slug: str, session_id: int, item_id: int):
    """The chair closes the item: whoever has the floor has spoken, the list takes no more."""
    return floor.close_item(_item(request, slug, session_id, item_id), by=request_actor(request))


@router.put(ITEM + "/under-discussion", response=AgendaItemOut, auth=WRITE_AUTH)
def put_under_discussion(
    request: HttpRequest, slug: str, session_id: int, item_id: int, payload: UnderDiscussionIn
):
    """The chair names the paragraph under discussion (neither `provision` nor `eid` for
    none); watchers see it live."""
    item = _item(request, slug, session_id, item_id)
    named = payload.provision is not None or payload.eid
    actor = request_actor(request)
    return floor.put_under_discussion(
        item,
        by=actor,
        provision=provisions.resolve(
            item.session.negotiation,
            actor,
            provision=payload.provision,
            eid=payload.eid or None,
        )
        if named
        else None,
        expected_version=payload.lock_version,
    )


def _interventions(item):
    # They share the item (and its session) rather than each loading its own, so that the text
    # they name is read once.
    return item.interventions.select_related(
        "delegation", "organization", "on_behalf_of"
    ).prefetch_related("files", "provisions")


@router.get(ITEM + "/interventions", response=list[InterventionOut])
def list_interventions(request: HttpRequest, slug: str, session_id: int, item_id: int):
    return _interventions(_item(request, slug, session_id, item_id))


@router.post(
    ITEM + "/interventions/{intervention_id}/files",
    response={201: InterventionOut},
    auth=WRITE_AUTH,
)
def attach_files(
    request: HttpRequest,
    slug: str,
    session_id: int,
    item_id: int,
    intervention_id: int,
    files: File[list[UploadedFile]] = None,  # type: ignore[assignment]
):
    """Add files (multipart `files`: PDF, DOCX, ODT or TXT, checked by their content) to a
    published statement or contribution; for its author, the secretariat and the chair."""
    item = _item(request, slug, session_id, item_id)
    intervention = get_intervention(item, intervention_id)
    interventions.attach_files(
        intervention, by=request_actor(request), files=read_uploads(files or [])
    )
    return Status(201, _interventions(item).get(pk=intervention.pk))


@router.post(ITEM + "/interventions", response={201: InterventionOut}, auth=WRITE_AUTH)
def submit_written_contribution(
    request: HttpRequest, slug: str, session_id: int, item_id: int, payload: InterventionIn
):
    item = _item(request, slug, session_id, item_id)
    actor = request_actor(request)
    delegation, organization = registration.affiliation(
        actor, item.session.negotiation, acting=True
    )
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegations and accredited stakeholders submit written contributions."))
    created = interventions.submit_written_contribution(
        item,
        by=actor,
        delegation=delegation,
        organization=organization,
        title=payload.title,
        text=payload.text,
        provisions=_parts(request, item.session, payload),
    )
    return Status(201, created)
