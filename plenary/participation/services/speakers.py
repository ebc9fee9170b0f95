"""Speakers lists: who asks for the floor, in which order they speak, and who has it now."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, DeadlinePassed, InvalidInput, NotAllowed, PlenaryError
from plenary.locking import claim_version
from plenary.moments import in_zone
from plenary.participation.models import (
    GROUP_RANK,
    AgendaItem,
    Arrangements,
    FloorStatus,
    ItemStatus,
    SpeakerEntry,
    SpeakerGroup,
)
from plenary.participation.services.agenda import (
    arrangements_for,
    meeting_starts_at,
)
from plenary.participation.services.announcing import announce
from plenary.participation.services.registration import (
    require_own_speaker,
    take_part_refusal,
)
from plenary.process.actors import Actor
from plenary.process.capabilities import can_run_process
from plenary.process.models import Bloc, Delegation, Organization, Role
from plenary.process.models.participants import DelegationKind
from plenary.process.permissions import (
    require_chair,
    require_delegation_member,
    require_organization_member,
    require_signed_in,
)


def speaking_order(entries: Iterable[SpeakerEntry]) -> list[SpeakerEntry]:
    """The order of the floor: the chair's places first; then member states (and statements on
    behalf of groups of states), observers, stakeholders, each group in order of request."""
    return sorted(
        entries,
        key=lambda e: (
            e.position is None,
            e.position or 0,
            GROUP_RANK[SpeakerGroup(e.group)],
            e.requested_at,
            e.pk or 0,
        ),
    )


def speakers_list(item: AgendaItem) -> list[SpeakerEntry]:
    """Every entry of an item's list in speaking order: who spoke, who has the floor, who waits."""
    entries = item.speakers.select_related("delegation", "organization", "on_behalf_of")
    spoken = sorted(
        (e for e in entries if e.status == FloorStatus.SPOKE),
        key=lambda e: (e.called_at or e.requested_at, e.pk),
    )
    speaking = [e for e in entries if e.status == FloorStatus.SPEAKING]
    waiting = speaking_order(e for e in entries if e.status == FloorStatus.WAITING)
    return spoken + speaking + waiting


def group_of(delegation: Delegation | None, bloc: Bloc | None) -> str:
    """Statements on behalf of a group of states are made among the member states."""
    if bloc is not None:
        return SpeakerGroup.MEMBER_STATES
    if delegation is None:
        return SpeakerGroup.STAKEHOLDERS
    if delegation.kind == DelegationKind.MEMBER_STATE:
        return SpeakerGroup.MEMBER_STATES
    return SpeakerGroup.OBSERVERS


def speaking_limit(entry: SpeakerEntry, arrangements: Arrangements) -> int:
    """Seconds this speaker has, by group."""
    if entry.on_behalf_of_id:
        return arrangements.bloc_seconds
    return {
        SpeakerGroup.MEMBER_STATES: arrangements.member_state_seconds,
        SpeakerGroup.OBSERVERS: arrangements.observer_seconds,
        SpeakerGroup.STAKEHOLDERS: arrangements.stakeholder_seconds,
    }[SpeakerGroup(entry.group)]


def notice_deadline(
    item: AgendaItem, arrangements: Arrangements | None = None
) -> datetime.datetime:
    """Stakeholders ask for the floor at least the advance notice before the meeting."""
    arrangements = arrangements or arrangements_for(item.session)
    return meeting_starts_at(item, arrangements) - datetime.timedelta(
        hours=arrangements.advance_notice_hours
    )


def _check_bloc(delegation: Delegation, bloc: Bloc) -> None:
    if bloc.negotiation_id != delegation.negotiation_id:
        raise InvalidInput(_("This group is not part of this negotiation."))
    is_member = bloc.members.filter(pk=delegation.pk).exists()
    # A group is spoken for by its members, or by the regional economic integration
    # organization that represents it (the EU for its member states), and by no one else.
    if not is_member and bloc.represented_by_id != delegation.pk:
        raise NotAllowed(
            _("%(delegation)s is not a member of %(bloc)s and cannot speak on its behalf.")
            % {"delegation": delegation, "bloc": bloc}
        )


def floor_refusal(
    item: AgendaItem,
    *,
    by: Actor,
    organization: Organization | None = None,
    at: datetime.datetime | None = None,
) -> PlenaryError | None:
    """Why a request for the floor on this item is refused now, with the date from which (or
    until which) it was possible; None if it is not. The page shows the same sentence in place
    of the button."""
    if item.status == ItemStatus.CLOSED:
        return Conflict(
            _("This item is closed (%(closed)s): its list of speakers takes no more requests.")
            % {"closed": in_zone(item.closed_at, item.session) if item.closed_at else "—"}
        )
    if organization is None:
        return None
    session = item.session
    refusal = take_part_refusal(session, organization)
    if refusal is not None:
        return refusal
    arrangements = arrangements_for(session)
    deadline = notice_deadline(item, arrangements)
    if (at or timezone.now()) > deadline and by.role != Role.CHAIR:
        return DeadlinePassed(
            _(
                "Requests to speak closed on %(deadline)s (%(hours)s hours before the meeting); "
                "after that only the chair can add a speaker."
            )
            % {"deadline": in_zone(deadline, session), "hours": arrangements.advance_notice_hours}
        )
    return None


def request_floor(
    item: AgendaItem,
    *,
    by: Actor,
    delegation: Delegation | None = None,
    organization: Organization | None = None,
    on_behalf_of: Bloc | None = None,
    at: datetime.datetime | None = None,
) -> SpeakerEntry:
    """Inscribe a delegation (or a group of states through it) or an organization on the list."""
    require_signed_in(by)
    if (delegation is None) == (organization is None):
        raise InvalidInput(_("Ask for the floor for one delegation or one organization."))
    if on_behalf_of is not None and delegation is None:
        raise InvalidInput(_("Only a delegation speaks on behalf of a group of states."))
    session = item.session
    at = at or timezone.now()
    if not can_run_process(by):
        if delegation is not None:
            require_delegation_member(by, delegation)
        if organization is not None:
            require_organization_member(by, organization)
    if delegation is not None and delegation.negotiation_id != session.negotiation_id:
        raise InvalidInput(_("This delegation does not take part in this negotiation."))
    if on_behalf_of is not None and delegation is not None:
        _check_bloc(delegation, on_behalf_of)
    refusal = floor_refusal(item, by=by, organization=organization, at=at)
    if refusal is not None:
        raise refusal
    # A stakeholder the chair adds after the advance notice is flagged late.
    late = organization is not None and at > notice_deadline(item)
    already = (
        _("%(bloc)s is already on the list for this item: one entry per group.")
        % {"bloc": on_behalf_of}
        if on_behalf_of is not None
        else _("%(speaker)s is already on the list for this item.")
        % {"speaker": delegation or organization}
    )
    with transaction.atomic():
        try:
            # The database holds one pending entry per speaker, also when two ask at once.
            with transaction.atomic():
                entry = SpeakerEntry.objects.create(
                    agenda_item=item,
                    group=group_of(delegation, on_behalf_of),
                    delegation=delegation,
                    organization=organization,
                    on_behalf_of=on_behalf_of,
                    requested_at=at,
                    requested_by=by.user,
                    late=late,
                )
        except IntegrityError:
            raise Conflict(already) from None
        # The action says it was after the notice (a code, not a sentence in someone's language).
        record(
            "speakers.late_added" if late else "speakers.requested",
            entry,
            by=by.user,
            negotiation=session.negotiation,
            after=snapshot(entry),
        )
        announce(item)
    return entry


def reorder_speakers(item: AgendaItem, *, by: Actor, order: list[int]) -> list[SpeakerEntry]:
    """The chair sets the order of everyone still waiting; the change goes on the record."""
    require_chair(by, _("change the order of speakers"))
    with transaction.atomic():
        waiting = {
            e.pk: e for e in item.speakers.select_for_update().filter(status=FloorStatus.WAITING)
        }
        if sorted(order) != sorted(waiting) or len(set(order)) != len(order):
            raise InvalidInput(_("Give every waiting speaker exactly once, in the new order."))
        before = [e.pk for e in speaking_order(waiting.values())]
        for place, pk in enumerate(order, start=1):
            entry = waiting[pk]
            entry.position = place
            entry.lock_version += 1
            entry.save(update_fields=["position", "lock_version"])
        record(
            "speakers.reordered",
            item,
            by=by.user,
            negotiation=item.session.negotiation,
            before={"order": [str(waiting[pk]) for pk in before]},
            after={"order": [str(waiting[pk]) for pk in order]},
        )
        announce(item)
    return speakers_list(item)


def call_next_speaker(item: AgendaItem, *, by: Actor, at: datetime.datetime | None = None):
    """The chair closes the current speaker's turn and gives the floor to the next one."""
    require_chair(by, _("give the floor"))
    at = at or timezone.now()
    with transaction.atomic():
        claim_version(item, None)
        item.save(update_fields=["lock_version"])
        if AgendaItem.objects.filter(pk=item.pk, status=ItemStatus.CLOSED).exists():
            raise Conflict(_("This item is closed; open it again to give the floor."))
        current = item.speakers.filter(status=FloorStatus.SPEAKING).first()
        if current is not None:
            before = snapshot(current)
            current.status = FloorStatus.SPOKE
            current.finished_at = at
            current.lock_version += 1
            current.save()
            record(
                "speakers.finished",
                current,
                by=by.user,
                negotiation=item.session.negotiation,
                before=before,
                after=snapshot(current),
            )
        announce(item)
        waiting = speaking_order(item.speakers.filter(status=FloorStatus.WAITING))
        if not waiting:
            if current is None:
                raise Conflict(_("Nobody is waiting to speak on this item."))
            return None
        following = waiting[0]
        before = snapshot(following)
        following.status = FloorStatus.SPEAKING
        following.called_at = at
        following.lock_version += 1
        following.save()
        record(
            "speakers.given_floor",
            following,
            by=by.user,
            negotiation=item.session.negotiation,
            before=before,
            after=snapshot(following),
        )
    return following


def withdraw_request(
    entry: SpeakerEntry, *, by: Actor, at: datetime.datetime | None = None
) -> SpeakerEntry:
    """A speaker waiting for the floor withdraws, asked by their own people or by the chair."""
    require_own_speaker(by, entry, exempt=lambda actor: actor.role == Role.CHAIR)
    item = entry.agenda_item
    with audited_change(
        "speakers.withdrawn", entry, by=by.user, negotiation=item.session.negotiation
    ):
        if entry.status != FloorStatus.WAITING:
            raise Conflict(
                _("Only a speaker still waiting can withdraw; %(speaker)s is %(status)s.")
                % {"speaker": entry.speaker_label, "status": entry.get_status_display()}
            )
        entry.status = FloorStatus.WITHDRAWN
        entry.finished_at = at or timezone.now()
        announce(item)
    return entry
