"""The treaty part of a reference scenario (`treaty.toml`), loaded inside the scenario's
transaction: facts are brought to what the file says, nothing is duplicated on a reload.

Like the rest of the scenario loader, it writes the records itself rather than through
`treaty.services`. A service records an event as it happens, once, for a person of the
secretariat or the chair (a second adoption is a conflict, an instrument is checked against the
record as it stands that day); the scenario instead states facts from sources and brings the
database to them on every load, so that a fact corrected in the file reaches a database loaded
earlier. The whole load is one audit entry, `scenario.loaded`."""

import datetime
import tomllib
from pathlib import Path
from typing import Any

from plenary.decisions.models import Decision
from plenary.process.models import Delegation, Negotiation
from plenary.scenarios.facts import ScenarioError, sourced
from plenary.sources import clean_sources
from plenary.treaty.models import AdoptionStep, Instrument, InstrumentKind, NationalStep, Treaty


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _state(delegations: dict[str, Delegation], code: str, what: str) -> Delegation:
    if code not in delegations:
        raise ScenarioError(f"{what}: no delegation with the code {code!r}.")
    return delegations[code]


def _decision(negotiation: Negotiation, entry: dict[str, Any]) -> Decision:
    decision, _created = Decision.objects.update_or_create(
        symbol=entry["symbol"],
        defaults={
            "negotiation": negotiation,
            "body": entry["body"],
            "title": entry["title"],
            "date": _date(entry["date"]),
            "method": entry["method"],
            "summary": entry.get("summary", ""),
        }
        | sourced(entry, entry["symbol"]),
    )
    return decision


def load_treaty(
    negotiation: Negotiation, folder: Path, delegations: dict[str, Delegation]
) -> Treaty | None:
    """Load `treaty.toml` if the scenario has one."""
    path = folder / "treaty.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    entry = data["treaty"]
    decision = _decision(negotiation, entry["adoption"])
    approval = _decision(negotiation, entry["approval"]) if "approval" in entry else None
    if approval is not None and approval.date > decision.date:
        raise ScenarioError("The committee's approval comes after the adoption.")
    signature = entry.get("signature", {})
    treaty, _created = Treaty.objects.update_or_create(
        negotiation=negotiation,
        defaults={
            "title": entry["title"],
            "adopted_by": decision,
            "approved_by": approval,
            "threshold": entry["threshold"],
            "days_after_threshold": entry["days_after_threshold"],
            "days_after_later_deposit": entry["days_after_later_deposit"],
            "reio_counted": entry.get("reio_counted", False),
            "rule_text": entry.get("rule_text", ""),
            "status_note": entry.get("status_note", ""),
            "record_as_of": _date(entry["record_as_of"]) if "record_as_of" in entry else None,
            "depositary_record": clean_sources(entry.get("depositary_record", [])),
            "signature_place": signature.get("place", ""),
            "signature_opens": _date(signature["opens"]) if signature else None,
            "signature_first_period_ends": _date(signature["until"]) if signature else None,
            "signature_then_at": signature.get("then_at", ""),
            "signature_closes": _date(signature["closes"]) if signature else None,
        }
        | sourced(entry, "The treaty"),
    )
    for step in entry.get("steps", []):
        AdoptionStep.objects.update_or_create(
            treaty=treaty,
            position=step["position"],
            defaults={
                "body": step["body"],
                "action": step["action"],
                "document": step.get("document", ""),
                "date": _date(step["date"]) if "date" in step else None,
                "when": step.get("when", ""),
                "summary": step.get("summary", ""),
            }
            | sourced(step, f"Step {step['position']} to adoption"),
        )
        if "date" not in step and not step.get("when"):
            raise ScenarioError(
                f"Step {step['position']}: give its date, or say what is known of it."
            )
    for group in data.get("signatures", []):
        for code in group["states"]:
            _instrument(treaty, delegations, group | {"state": code, "kind": "signature"})
    for instrument in data.get("instruments", []):
        _instrument(treaty, delegations, instrument)
    for step in data.get("national_steps", []):
        delegation = _state(delegations, step["state"], "National step")
        NationalStep.objects.update_or_create(
            treaty=treaty,
            delegation=delegation,
            date=_date(step["date"]),
            step=step["step"],
            defaults=sourced(step, f"National step of {step['state']}"),
        )
    return treaty


def _instrument(treaty: Treaty, delegations: dict[str, Delegation], entry: dict) -> None:
    kind = entry["kind"]
    if kind not in InstrumentKind.values:
        raise ScenarioError(f"Instrument of {entry['state']}: unknown kind {kind!r}.")
    delegation = _state(delegations, entry["state"], f"Instrument of {entry['state']}")
    # One signature and one instrument of consent per State: a reload updates them in place.
    same = Instrument.objects.filter(treaty=treaty, delegation=delegation)
    same = same.filter(kind=kind) if kind == "signature" else same.exclude(kind="signature")
    fields = {
        "kind": kind,
        "date": _date(entry["date"]),
        "declarations": entry.get("declarations", ""),
        "reservations": entry.get("reservations", ""),
    } | sourced(
        entry,
        f"Instrument of {entry['state']}",
        None if entry.get("illustrative") else treaty.depositary_record,
    )
    if not same.update(**fields):
        Instrument.objects.create(treaty=treaty, delegation=delegation, **fields)
