"""Loading a scenario's participation data (participation.toml), idempotently by natural keys.

Called by the scenario loader inside its transaction. The data is example data: every record
must say it is illustrative, because no speakers list or statement here is from the record."""

import datetime
import tomllib
from pathlib import Path
from typing import Any

from plenary.participation.models import (
    AgendaItem,
    Arrangements,
    Intervention,
    InterventionKind,
    Registration,
    SpeakerEntry,
)
from plenary.participation.services.speakers import group_of
from plenary.process.models import Negotiation, Organization, Session
from plenary.sources import clean_sources
from plenary.text.provisions import provisions_by_eid


class ParticipationDataError(Exception):
    pass


def _illustrative(entry: dict[str, Any], what: str) -> None:
    if entry.get("illustrative") is not True:
        raise ParticipationDataError(f"{what}: participation data here must be illustrative.")


def _session(negotiation: Negotiation, entry: dict[str, Any]) -> Session:
    session = negotiation.sessions.filter(
        kind=entry["session_kind"], start=entry["session_start"]
    ).first()
    if session is None:
        raise ParticipationDataError(
            f"No {entry['session_kind']} session starting on {entry['session_start']}."
        )
    return session


def _aware(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None:
        raise ParticipationDataError(f"{value} needs its UTC offset.")
    return value


def _speaker(negotiation: Negotiation, entry: dict[str, Any]) -> dict[str, Any]:
    delegation = organization = bloc = None
    if entry.get("delegation"):
        delegation = negotiation.delegations.get(iso2=entry["delegation"])
    if entry.get("organization"):
        organization = Organization.objects.get(slug=entry["organization"])
    if entry.get("on_behalf_of"):
        bloc = negotiation.blocs.get(slug=entry["on_behalf_of"])
    return {"delegation": delegation, "organization": organization, "on_behalf_of": bloc}


def _parts(negotiation: Negotiation, entry: dict[str, Any]) -> list[int]:
    """The data names parts of the text by the eIds they have in the published versions."""
    known = provisions_by_eid(negotiation, published=True)
    unknown = [eid for eid in entry.get("eids", []) if eid not in known]
    if unknown:
        raise ValueError(f"participation.toml names parts not in the text: {unknown}")
    return [known[eid] for eid in entry.get("eids", [])]


def _arrangements(negotiation: Negotiation, entries: list[dict[str, Any]]) -> None:
    """Every session of the record gets its arrangements row: the meeting hours with their
    source where the record gives them, and the rest (registration, notice, speaking times)
    marked illustrative, so that no invented detail of a real session reads as a fact."""
    hours = {}
    for entry in entries:
        _illustrative(entry, "Arrangements")
        session = _session(negotiation, entry)
        sources = clean_sources(entry.get("hours_sources", []))
        if not sources:
            raise ParticipationDataError(f"Arrangements of {session}: the hours need a source.")
        hours[session.pk] = {
            "opens_at": entry["opens_at"],
            "closes_at": entry["closes_at"],
            "hours_sources": sources,
        }
    for session in negotiation.sessions.all():
        row, created = Arrangements.objects.get_or_create(
            session=session, defaults={"illustrative": True}
        )
        if session.pk in hours:
            Arrangements.objects.filter(pk=row.pk).update(illustrative=True, **hours[session.pk])
        elif created:
            continue
        elif not row.sources:
            # Nobody sourced them since: whatever they say is still example data.
            Arrangements.objects.filter(pk=row.pk).update(illustrative=True)


def load_participation(negotiation: Negotiation, folder: Path) -> None:
    """Arrangements, agenda items, speakers, written contributions and registrations, if the
    scenario has any."""
    path = folder / "participation.toml"
    if not path.is_file():
        return
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    _arrangements(negotiation, data.get("arrangements", []))
    items: dict[int, AgendaItem] = {}
    for entry in data.get("agenda_items", []):
        _illustrative(entry, f"Agenda item {entry['number']}")
        items[entry["number"]], _ = AgendaItem.objects.update_or_create(
            session=_session(negotiation, entry),
            number=entry["number"],
            defaults={
                "title": entry["title"],
                "scheduled_at": _aware(entry["scheduled_at"]) if "scheduled_at" in entry else None,
                "illustrative": True,
            },
        )
        items[entry["number"]].provisions.set(_parts(negotiation, entry))
    for entry in data.get("speakers", []):
        _illustrative(entry, "Speaker")
        who = _speaker(negotiation, entry)
        # Created once: the demo's chair then moves the list on, and a reload leaves that alone.
        SpeakerEntry.objects.get_or_create(
            agenda_item=items[entry["item"]],
            **who,
            defaults={
                "group": group_of(who["delegation"], who["on_behalf_of"]),
                "requested_at": _aware(entry["requested_at"]),
                "illustrative": True,
            },
        )
    for entry in data.get("written_contributions", []):
        _illustrative(entry, "Written contribution")
        who = _speaker(negotiation, entry)
        contribution, _ = Intervention.objects.update_or_create(
            agenda_item=items[entry["item"]],
            kind=InterventionKind.WRITTEN,
            title=entry["title"],
            **who,
            defaults={
                "text": entry["text"],
                "published_at": _aware(entry["published_at"]),
                "illustrative": True,
            },
        )
        contribution.provisions.set(_parts(negotiation, entry))
    for entry in data.get("registrations", []):
        _illustrative(entry, f"Registration of {entry['name']}")
        who = _speaker(negotiation, entry)
        Registration.objects.update_or_create(
            session=_session(negotiation, entry),
            name=entry["name"],
            delegation=who["delegation"],
            organization=who["organization"],
            defaults={
                "function": entry.get("function", ""),
                "attendance": entry["attendance"],
                "registered_at": _aware(entry["registered_at"]),
                "illustrative": True,
            },
        )
