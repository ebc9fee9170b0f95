"""Loading a scenario's advocacy (advocacy.toml): coalitions, statements, signatures, red lines
and assessments. Called by the scenario loader inside its transaction; loading twice duplicates
nothing (natural keys), and what people act on afterwards (statements, signatures, assessments)
is created once and then left alone."""

import datetime
import tomllib
from pathlib import Path
from typing import Any

from django.utils import timezone

from plenary.advocacy.models import (
    Assessment,
    Coalition,
    CoalitionMember,
    Reassessment,
    RedLine,
    Signature,
    Statement,
    StatementStatus,
    StatementWording,
    Verdict,
)
from plenary.advocacy.services.red_lines import flag_red_lines
from plenary.process.models import Negotiation, Organization
from plenary.scenarios.facts import ScenarioError, sourced
from plenary.text.provisions import provisions_by_eid


def load_advocacy(negotiation: Negotiation, path: Path) -> None:
    """Load the advocacy file of a scenario, if it has one."""
    if not path.is_file():
        return
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    coalitions = {e["slug"]: _coalition(negotiation, e) for e in data.get("coalitions", [])}
    versions = {v.label: v for v in negotiation.versions.all()}
    # Statements and public red lines are public: they may name published paragraphs only.
    known = provisions_by_eid(negotiation, published=True)
    for entry in data.get("statements", []):
        _statement(negotiation, coalitions, entry, known)
    red_lines = [_red_line(coalitions, entry, known) for entry in data.get("red_lines", [])]
    # Flag what each published version changed, as its publication would have, then record the
    # assessments (an assessment clears the flags up to its version).
    for version in negotiation.versions.filter(published=True).order_by("position"):
        if not Reassessment.objects.filter(version=version).exists():
            flag_red_lines(version)
    for red_line, entry in zip(red_lines, data.get("red_lines", []), strict=True):
        for assessment in entry.get("assessments", []):
            _assessment(red_line, versions, assessment)


def _coalition(negotiation: Negotiation, entry: dict[str, Any]) -> Coalition:
    coalition, _ = Coalition.objects.update_or_create(
        negotiation=negotiation,
        slug=entry["slug"],
        defaults={
            "name": entry["name"],
            "description": entry.get("description", ""),
            "private": entry.get("private", False),
        }
        | sourced(entry, f"Coalition {entry['slug']}"),
    )
    for member in entry.get("members", []):
        CoalitionMember.objects.update_or_create(
            coalition=coalition,
            organization=_organization(member["organization"]),
            defaults={"role": member.get("role", "member"), "illustrative": coalition.illustrative},
        )
    return coalition


def _organization(slug: str) -> Organization:
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise ScenarioError(f"Advocacy: there is no organization {slug!r}.")
    return organization


def _provisions(eids: list[str], known: dict[str, int], what: str) -> list[int]:
    """The data names paragraphs by the eIds they have in the published versions."""
    unknown = [eid for eid in eids if eid not in known]
    if unknown:
        raise ScenarioError(f"{what}: no paragraph {', '.join(unknown)} in any published version.")
    return [known[eid] for eid in eids]


def _statement(negotiation, coalitions, entry: dict[str, Any], known: dict[str, int]) -> None:
    what = f"Statement {entry['title']!r}"
    if entry["status"] not in StatementStatus.values:
        raise ScenarioError(f"{what}: unknown status {entry['status']!r}.")
    now = timezone.now()
    status = entry["status"]
    past = [s for s in StatementStatus.values if s != StatementStatus.DRAFT]
    statement, created = Statement.objects.get_or_create(
        coalition=coalitions[entry["coalition"]],
        title=entry["title"],
        defaults={
            "kind": entry["kind"],
            "status": status,
            "opened_at": now if status in past else None,
            "closed_at": now if status in past[1:] else None,
            "published_at": now if status == StatementStatus.PUBLISHED else None,
        }
        | sourced(entry, what),
    )
    if not created:
        return
    statement.provisions.set(_provisions(entry.get("eids", []), known, what))
    StatementWording.objects.create(statement=statement, number=1, text=entry["text"].strip())
    sessions = []
    for key in entry.get("sessions", []):
        start = key["start"]
        session = negotiation.sessions.filter(
            kind=key["kind"],
            start=start if isinstance(start, datetime.date) else datetime.date.fromisoformat(start),
        ).first()
        if session is None:
            raise ScenarioError(f"{what}: no session {key}.")
        sessions.append(session)
    statement.sessions.set(sessions)
    for signature in entry.get("signatures", []):
        Signature.objects.create(
            statement=statement,
            organization=_organization(signature["organization"]),
            signed_at=now,
            withdrawn_at=now if signature.get("withdrawn") else None,
            illustrative=statement.illustrative,
        )


def _red_line(coalitions, entry: dict[str, Any], known: dict[str, int]) -> RedLine:
    what = f"Red line {entry['title']!r}"
    red_line, _ = RedLine.objects.update_or_create(
        coalition=coalitions[entry["coalition"]],
        title=entry["title"],
        defaults={"criterion": entry["criterion"]} | sourced(entry, what),
    )
    red_line.provisions.set(_provisions(entry["eids"], known, what))
    return red_line


def _assessment(red_line: RedLine, versions: dict[str, Any], entry: dict[str, Any]) -> None:
    version = versions.get(entry["version"])
    if version is None:
        raise ScenarioError(f"Assessment of {red_line.title!r}: no version {entry['version']!r}.")
    if entry["verdict"] not in Verdict.values:
        raise ScenarioError(
            f"Assessment of {red_line.title!r}: unknown verdict {entry['verdict']!r}."
        )
    now = timezone.now()
    _assessment_row, created = Assessment.objects.get_or_create(
        red_line=red_line,
        version=version,
        defaults={
            "verdict": entry["verdict"],
            "reasoning": entry["reasoning"],
            "quoted_wording": entry.get("quoted_wording", ""),
            "assessed_at": now,
            "illustrative": red_line.illustrative,
        },
    )
    if created:
        Reassessment.objects.filter(
            red_line=red_line, cleared_at__isnull=True, version__position__lte=version.position
        ).update(cleared_at=now)
