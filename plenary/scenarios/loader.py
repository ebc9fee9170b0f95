"""Loading a reference scenario: idempotent (natural keys) and atomic (one transaction).

Facts are updated to what the data files say on every load; things people act on afterwards
(accreditation requests, objections, accounts) are created once and then left alone.
"""

import csv
import datetime
import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from plenary.audit.services import record
from plenary.decisions.models import Decision, VoteCast, VoteChoice
from plenary.process.models import (
    AccreditationObjection,
    AccreditationRequest,
    Bloc,
    CommitteeMember,
    Delegation,
    DocumentKind,
    Negotiation,
    Organization,
    RecordDocument,
    RoadmapDeadline,
    Session,
    SessionEvent,
    User,
)
from plenary.process.models.accreditation import AccreditationPath, AccreditationStatus
from plenary.process.models.participants import DelegationKind
from plenary.scenarios.advocacy import load_advocacy
from plenary.scenarios.facts import ScenarioError
from plenary.scenarios.facts import sourced as _sourced
from plenary.scenarios.participation import load_participation
from plenary.scenarios.positions import load_positions
from plenary.scenarios.states import dataset_source, un_member_states
from plenary.scenarios.treaty import load_treaty
from plenary.sources import clean_sources
from plenary.text.parsing import DraftParseError, parse_draft
from plenary.text.provisions import identify, save_version, working_content
from plenary.text.structure import content_from_parsed
from plenary.translations import LANGUAGES, ORIGINAL_LANGUAGE, TRANSLATABLE

SCENARIOS = Path(__file__).resolve().parent


def available() -> list[str]:
    return sorted(p.parent.name.replace("_", "-") for p in SCENARIOS.glob("*/scenario.toml"))


def _folder(slug: str) -> Path:
    folder = SCENARIOS / slug.replace("-", "_")
    if not (folder / "scenario.toml").is_file():
        raise ScenarioError(
            f"There is no scenario {slug!r}; available: {', '.join(available()) or 'none'}."
        )
    return folder


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def load_scenario(slug: str) -> Negotiation:
    """Load (or reload) a reference scenario in one transaction."""
    folder = _folder(slug)
    with (folder / "scenario.toml").open("rb") as handle:
        data = tomllib.load(handle)
    with transaction.atomic():
        negotiation = _negotiation(data["negotiation"])
        delegations = _delegations(negotiation, data)
        _blocs(negotiation, data.get("blocs", []), delegations)
        _bureau(negotiation, data.get("bureau", []), delegations)
        _decisions(negotiation, data.get("decisions", []), delegations, folder)
        sessions = _sessions(negotiation, data.get("sessions", []))
        _roadmap(negotiation, data.get("roadmap", []), sessions)
        organizations = _organizations(data.get("organizations", []))
        _accreditation(negotiation, data.get("accreditation", []), organizations, delegations)
        _people(data.get("people", []), delegations, organizations)
        _versions(negotiation, data.get("versions", []), folder)
        load_positions(negotiation, folder, delegations, _sourced)
        load_treaty(negotiation, folder, delegations)
        load_participation(negotiation, folder)
        load_advocacy(negotiation, folder / "advocacy.toml")
        protocols = _protocols(negotiation, data, folder)
        _documents([negotiation, *protocols], folder)
        _translations([negotiation, *protocols], folder)
        record(
            "scenario.loaded",
            negotiation,
            negotiation=negotiation,
            note=f"Scenario {slug}: {len(delegations)} delegations, {len(sessions)} sessions.",
        )
    return negotiation


def _negotiation(entry: dict[str, Any], parent: Negotiation | None = None) -> Negotiation:
    fields = {k: v for k, v in entry.items() if k not in {"slug", "sources", "illustrative"}}
    negotiation, _ = Negotiation.objects.update_or_create(
        slug=entry["slug"],
        defaults=fields | {"parent": parent} | _sourced(entry, "The negotiation"),
    )
    return negotiation


def _protocols(parent: Negotiation, parent_data: dict[str, Any], folder: Path) -> list:
    """The follow-up work as child negotiations (`protocol.toml`): their own sessions, bureau,
    roadmap and documents, with the parent's delegations and groups seated."""
    path = folder / "protocol.toml"
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    protocol = _negotiation(data["negotiation"], parent=parent)
    delegations = _delegations(protocol, parent_data)
    _blocs(protocol, parent_data.get("blocs", []), delegations)
    _bureau(protocol, data.get("bureau", []), delegations)
    _decisions(protocol, data.get("decisions", []), delegations, folder)
    sessions = _sessions(protocol, data.get("sessions", []))
    _roadmap(protocol, data.get("roadmap", []), sessions)
    return [protocol]


def _documents(negotiations: list[Negotiation], folder: Path) -> None:
    """Documents on the record (`documents.toml`): submissions, statements, joint statements."""
    path = folder / "documents.toml"
    if not path.is_file():
        return
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("documents", [])
    by_slug = {n.slug: n for n in negotiations}
    for entry in entries:
        what = f"Document {entry['title']!r}"
        negotiation = by_slug.get(entry["negotiation"])
        if negotiation is None:
            raise ScenarioError(f"{what}: no negotiation {entry['negotiation']!r} here.")
        if entry["kind"] not in DocumentKind.values:
            raise ScenarioError(f"{what}: unknown kind {entry['kind']!r}.")
        session = None
        if "session" in entry:
            key = entry["session"]
            session = negotiation.sessions.filter(kind=key["kind"], start=key["start"]).first()
            if session is None:
                raise ScenarioError(f"{what}: no session {key}.")
        deadline = None
        if "deadline" in entry:
            deadline = negotiation.roadmap.filter(date=entry["deadline"]).first()
            if deadline is None:
                raise ScenarioError(f"{what}: no roadmap deadline on {entry['deadline']}.")
        if "date" not in entry and not entry.get("when"):
            raise ScenarioError(f"{what}: give its date, or say what is known of it.")
        document, _ = RecordDocument.objects.update_or_create(
            negotiation=negotiation,
            title=entry["title"],
            defaults={
                "date": _date(entry["date"]) if "date" in entry else None,
                "when": entry.get("when", ""),
                "kind": entry["kind"],
                "authors": entry["authors"],
                "session": session,
                "deadline": deadline,
                "signatories": entry.get("signatories"),
                "text": entry.get("text", "").strip(),
            }
            | _sourced(entry, what),
        )
        codes = entry.get("delegations", [])
        states = list(negotiation.delegations.filter(iso2__in=codes))
        states += list(negotiation.delegations.filter(name__in=codes, iso2__isnull=True))
        if len(states) != len(codes):
            raise ScenarioError(f"{what}: unknown delegations among {codes}.")
        document.delegations.set(states)


def _delegations(negotiation: Negotiation, data: dict[str, Any]) -> dict[str, Delegation]:
    by_key: dict[str, Delegation] = {}
    member_source = [dataset_source()]
    for state in un_member_states():
        by_key[state.iso2], _ = Delegation.objects.update_or_create(
            negotiation=negotiation,
            iso2=state.iso2,
            defaults={
                "name": state.name,
                "kind": DelegationKind.MEMBER_STATE,
                "region": state.region,
                "subregion": state.subregion,
                "sources": member_source,
                "illustrative": False,
            },
        )
    for entry in data.get("observer_states", []):
        by_key[entry["iso2"]], _ = Delegation.objects.update_or_create(
            negotiation=negotiation,
            iso2=entry["iso2"],
            defaults={
                "name": entry["name"],
                "kind": DelegationKind.OBSERVER_STATE,
                "region": entry.get("region", ""),
                "subregion": entry.get("subregion", ""),
            }
            | _sourced(entry, entry["name"]),
        )
    for entry in data.get("organizations_of_states", []):
        by_key[entry["key"]], _ = Delegation.objects.update_or_create(
            negotiation=negotiation,
            name=entry["name"],
            defaults={"iso2": None, "kind": DelegationKind.REIO, "region": entry.get("region", "")}
            | _sourced(entry, entry["name"]),
        )
    return by_key


def _lookup(delegations: dict[str, Delegation], key: str, what: str) -> Delegation:
    if key not in delegations:
        raise ScenarioError(f"{what}: no delegation with the code {key!r}.")
    return delegations[key]


def _blocs(negotiation, entries, delegations) -> None:
    for entry in entries:
        bloc, _ = Bloc.objects.update_or_create(
            negotiation=negotiation,
            slug=entry["slug"],
            defaults={"name": entry["name"], "description": entry.get("description", "")}
            | _sourced(entry, f"Bloc {entry['slug']}"),
        )
        if "represented_by" in entry:
            bloc.represented_by = _lookup(delegations, entry["represented_by"], entry["slug"])
            bloc.save(update_fields=["represented_by"])
        members = [_lookup(delegations, k, f"Bloc {entry['slug']}") for k in entry["members"]]
        if len(members) != entry.get("count", len(members)):
            raise ScenarioError(
                f"Bloc {entry['slug']} lists {len(members)} members, expected {entry['count']}."
            )
        bloc.members.set(members)


def _bureau(negotiation, entries, delegations) -> None:
    for entry in entries:
        delegation = (
            _lookup(delegations, entry["delegation"], "Bureau") if entry.get("delegation") else None
        )
        CommitteeMember.objects.update_or_create(
            negotiation=negotiation,
            role=entry["role"],
            name=entry.get("name", ""),
            defaults={"delegation": delegation} | _sourced(entry, f"Bureau {entry['role']}"),
        )


def _decisions(negotiation, entries, delegations, folder: Path) -> None:
    for entry in entries:
        decision, _ = Decision.objects.update_or_create(
            symbol=entry["symbol"],
            defaults={
                "negotiation": negotiation,
                "body": entry["body"],
                "title": entry["title"],
                "date": _date(entry["date"]),
                "method": entry["method"],
                "majority": entry.get("majority", ""),
                "summary": entry.get("summary", ""),
            }
            | _sourced(entry, entry["symbol"]),
        )
        if "roll_call" in entry:
            _roll_call(decision, folder / entry["roll_call"], entry, delegations)


def _roll_call(decision: Decision, path: Path, entry, delegations) -> None:
    """Each state's vote from the roll-call file; member states with no row were absent."""
    aliases = entry.get("roll_call_aliases", {})
    votes: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["unres"] != decision.symbol:
                raise ScenarioError(f"{path.name} holds a vote on {row['unres']}.")
            code = aliases.get(row["country_code"], row["country_code"])
            _lookup(delegations, code, f"Roll call of {decision.symbol}")
            if row["vote"] not in {"yes", "no", "abstain"}:
                raise ScenarioError(f"{path.name}: unknown vote {row['vote']!r}.")
            votes[code] = row["vote"]
    VoteCast.objects.filter(decision=decision).delete()
    VoteCast.objects.bulk_create(
        VoteCast(decision=decision, delegation=d, vote=votes.get(code, VoteChoice.ABSENT))
        for code, d in delegations.items()
        if d.kind == DelegationKind.MEMBER_STATE
    )
    expected = entry.get("expected_counts")
    if expected:
        counts = {c: list(votes.values()).count(c) for c in ("yes", "no", "abstain")}
        if counts != expected:
            raise ScenarioError(f"{decision.symbol}: counted {counts}, the record says {expected}.")


def _sessions(negotiation, entries) -> dict[str, Session]:
    sessions: dict[str, Session] = {}
    for entry in entries:
        fields = {
            "number": entry.get("number"),
            "title": entry["title"],
            "end": _date(entry["end"]),
            "city": entry.get("city"),
            "timezone": entry["timezone"],
            "mode": entry["mode"],
            "openness": entry["openness"],
            "status": entry["status"],
            "resumes": sessions[entry["resumes"]] if entry.get("resumes") else None,
            "convened_by": entry.get("convened_by", ""),
            "outcome": entry.get("outcome", ""),
            "outcome_sources": clean_sources(entry.get("outcome_sources", [])),
        }
        if fields["outcome"] and not (fields["outcome_sources"] or entry.get("illustrative")):
            raise ScenarioError(f"Session {entry['key']}: its outcome needs a source.")
        session, _ = Session.objects.update_or_create(
            negotiation=negotiation,
            kind=entry["kind"],
            start=_date(entry["start"]),
            defaults=fields | _sourced(entry, f"Session {entry['key']}"),
        )
        for event in entry.get("events", []):
            SessionEvent.objects.update_or_create(
                session=session,
                kind=event["kind"],
                date=_date(event["date"]),
                defaults={"note": event.get("note", "")}
                | _sourced(event, f"Event {event['kind']} of {entry['key']}"),
            )
        sessions[entry["key"]] = session
    return sessions


def _roadmap(negotiation, entries, sessions) -> None:
    for entry in entries:
        RoadmapDeadline.objects.update_or_create(
            negotiation=negotiation,
            date=_date(entry["date"]),
            defaults={
                "chapters": entry["chapters"],
                "set_at": sessions.get(entry.get("set_at", "")),
                "note": entry.get("note", ""),
            }
            | _sourced(entry, f"Deadline {entry['date']}"),
        )


def _organizations(entries) -> dict[str, Organization]:
    organizations = {}
    for entry in entries:
        fields = {k: entry[k] for k in ("name", "kind", "ecosoc_status", "country", "website")}
        organizations[entry["slug"]], _ = Organization.objects.update_or_create(
            slug=entry["slug"], defaults=fields | _sourced(entry, entry["slug"])
        )
    return organizations


def _accreditation(negotiation, entries, organizations, delegations) -> None:
    now = timezone.now()
    for entry in entries:
        organization = organizations[entry["organization"]]
        requested_at = now - datetime.timedelta(days=entry["requested_days_ago"])
        ecosoc = organization.ecosoc_status
        request, _ = AccreditationRequest.objects.get_or_create(
            negotiation=negotiation,
            organization=organization,
            defaults={
                "path": AccreditationPath.ECOSOC if ecosoc else AccreditationPath.NON_OBJECTION,
                "status": AccreditationStatus.ADMITTED if ecosoc else AccreditationStatus.PENDING,
                "requested_at": requested_at,
                "decided_at": requested_at if ecosoc else None,
                "non_objection_deadline": None
                if ecosoc
                else requested_at + datetime.timedelta(days=negotiation.non_objection_days),
            }
            | _sourced(entry, f"Accreditation of {organization.slug}"),
        )
        for objection in entry.get("objections", []):
            delegation = _lookup(delegations, objection["delegation"], "Objection")
            AccreditationObjection.objects.get_or_create(
                request=request,
                delegation=delegation,
                defaults={
                    "reason": objection["reason"],
                    "objected_at": requested_at + datetime.timedelta(days=1),
                }
                | _sourced(objection, "Objection"),
            )
            if request.status == AccreditationStatus.PENDING:
                request.status = AccreditationStatus.HELD
                request.save(update_fields=["status"])


def _people(entries, delegations, organizations) -> None:
    for entry in entries:
        if not entry.get("illustrative"):
            raise ScenarioError(f"Person {entry['username']}: example people are illustrative.")
        user, created = User.objects.get_or_create(
            username=entry["username"],
            defaults={
                "role": entry["role"],
                "first_name": entry.get("first_name", ""),
                "last_name": entry.get("last_name", ""),
                "delegation": delegations[entry["delegation"]] if entry.get("delegation") else None,
                "organization": organizations[entry["organization"]]
                if entry.get("organization")
                else None,
                "focal_point": entry.get("focal_point", False),
                "illustrative": True,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])


def _versions(negotiation, entries, folder: Path) -> None:
    """Versions never change once made: a version already loaded is left as it is."""
    for entry in entries:
        if negotiation.versions.filter(label=entry["label"]).exists():
            continue
        lines = (folder / entry["file"]).read_text(encoding="utf-8").splitlines()
        try:
            content = content_from_parsed(parse_draft(lines))
        except DraftParseError as error:
            raise ScenarioError(f"{entry['file']}: {error}") from error
        # Each version's provisions are those of the one before where they are recognised.
        _based_on, base = working_content(negotiation)
        identify(negotiation, content, base=base)
        save_version(
            negotiation,
            content,
            by=None,
            label=entry["label"],
            date=_date(entry["date"]),
            published=entry.get("published", False),
            # Dated as the data dates it, never by when the scenario happened to be loaded.
            published_at=datetime.datetime.combine(
                _date(entry["date"]), datetime.time(), negotiation.tzinfo
            )
            if entry.get("published")
            else None,
            imported_from=entry["file"],
            **_sourced(entry, f"Version {entry['label']}"),
        )


def _translations(negotiations: list[Negotiation], folder: Path) -> None:
    """The record's titles in the other UN languages (`translations.toml`), as the translation
    mechanism stores them: {language: {field: text}} on each record."""
    path = folder / "translations.toml"
    if not path.is_file():
        return
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    parent = negotiations[0]
    by_slug = {n.slug: n for n in negotiations}

    def apply(record, entry: dict[str, Any], what: str) -> None:
        fields = TRANSLATABLE.get(record._meta.label_lower, ())
        for language, texts in entry.items():
            if language not in LANGUAGES or language == ORIGINAL_LANGUAGE:
                raise ScenarioError(f"Translations of {what}: no UN language {language!r}.")
            unknown = set(texts) - set(fields)
            if unknown:
                raise ScenarioError(f"Translations of {what}: {sorted(unknown)} not translatable.")
        record.translations = {lang: dict(texts) for lang, texts in entry.items()}
        record.save(update_fields=["translations"])

    for slug, entry in data.get("negotiations", {}).items():
        if slug not in by_slug:
            raise ScenarioError(f"Translations: no negotiation {slug!r}.")
        apply(by_slug[slug], entry, slug)
    for key, entry in data.get("sessions", {}).items():
        slug, _, kind_start = key.rpartition("/")
        kind, _, start = kind_start.partition(":")
        negotiation = by_slug.get(slug) if slug else parent
        session = (
            negotiation.sessions.filter(kind=kind, start=start).first() if negotiation else None
        )
        if session is None:
            raise ScenarioError(f"Translations: no session {key!r}.")
        apply(session, entry, key)
    for slug, entry in data.get("blocs", {}).items():
        blocs = Bloc.objects.filter(negotiation__in=negotiations, slug=slug)
        if not blocs:
            raise ScenarioError(f"Translations: no bloc {slug!r}.")
        for bloc in blocs:
            apply(bloc, entry, slug)
    for name, entry in data.get("delegations", {}).items():
        for delegation in Delegation.objects.filter(negotiation__in=negotiations, name=name):
            apply(delegation, entry, name)
    for symbol, entry in data.get("decisions", {}).items():
        decision = Decision.objects.filter(symbol=symbol).first()
        if decision is None:
            raise ScenarioError(f"Translations: no decision {symbol!r}.")
        apply(decision, entry, symbol)
