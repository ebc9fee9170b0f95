"""Stances: a delegation's position on an issue or a provision, always from a source; the latest
counts and the earlier ones are its history."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import InvalidInput
from plenary.positions.models import Issue, Stance, StanceChoice
from plenary.positions.services.provisions import Subject, key_of, keys_seen_by, speaks_for
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.sources import clean_sources
from plenary.text.provisions import current_version


def record_stance(
    negotiation: Negotiation,
    *,
    by: Actor,
    delegation: Delegation,
    stance: str,
    sources: Any,
    issue: Issue | None = None,
    subject: Subject | None = None,
    position: float | None = None,
    salience: float | None = None,
    illustrative: bool = False,
) -> Stance:
    """Record a delegation's stance on an issue or a provision (a paragraph, a proposal or a
    package); a stance without a source is refused, and a new stance keeps the earlier ones as
    history."""
    speaks_for(by, delegation)
    if stance not in StanceChoice.values:
        raise InvalidInput(
            _("Stance must be one of: %(choices)s.") % {"choices": ", ".join(StanceChoice.values)}
        )
    cleaned = clean_sources(sources)
    if not cleaned:
        raise InvalidInput(
            _("A stance needs its source: the statement, submission, vote or address it is from.")
        )
    if (issue is None) == (subject is None):
        raise InvalidInput(_("A stance is on one issue or on one paragraph, proposal or package."))
    if issue is not None and issue.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That issue belongs to another negotiation."))
    if delegation.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That delegation belongs to another negotiation."))
    if position is not None and not 0 <= position <= 100:
        raise InvalidInput(_("A position is on the issue's scale, from 0 to 100."))
    if salience is not None and not 0 <= salience <= 1:
        raise InvalidInput(_("Salience is from 0 (indifferent) to 1 (decisive)."))
    if issue is None and (position is not None or salience is not None):
        raise InvalidInput(
            _("Positions and salience are given on issues, not on paragraphs or proposals.")
        )
    if subject is not None:
        _same_negotiation(negotiation, subject)
    with transaction.atomic():
        recorded = Stance.objects.create(
            negotiation=negotiation,
            delegation=delegation,
            issue=issue,
            **(subject.fields() if subject else {}),
            made_on=current_version(negotiation, by) if subject and subject.provision else None,
            stance=stance,
            position=position,
            salience=salience,
            sources=cleaned,
            illustrative=illustrative,
            recorded_by=by.user,
        )
        record(
            "stance.recorded",
            recorded,
            by=by.user,
            negotiation=negotiation,
            after=snapshot(recorded),
        )
    return recorded


def stance_history(
    negotiation: Negotiation,
    delegation: Delegation,
    *,
    viewer: Any,
    subject: Subject | None = None,
    issue: Issue | None = None,
) -> list[Stance]:
    """A delegation's stances, oldest first (the last on each subject is the one that counts),
    as far as the viewer may see them: stances on proposals and on paragraphs of informal drafts
    are for those who see the working text."""
    stances = Stance.objects.filter(negotiation=negotiation, delegation=delegation)
    if subject is not None:
        stances = stances.filter(**subject.fields())
    if issue is not None:
        stances = stances.filter(issue=issue)
    found = list(
        stances.select_related("issue", "delegation")
        .prefetch_related("made_on")
        .order_by("recorded_at", "id")
    )
    seen = keys_seen_by(negotiation, viewer, {key_of(s) for s in found if s.issue_id is None})
    return [s for s in found if s.issue_id is not None or key_of(s) in seen]


def _same_negotiation(negotiation: Negotiation, subject: Subject) -> None:
    """A subject is one of this negotiation's (a protocol's text is its own)."""
    owner = subject.provision or subject.package or subject.proposal
    if owner is None or owner.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That is not part of this negotiation's text."))
