"""Adoption of the treaty: the negotiating body's approval and the adopting resolution as
decisions, the rule of entry into force, and the opening for signature."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.decisions.models import Decision
from plenary.decisions.services import record_decision
from plenary.errors import Conflict, InvalidInput, NotFound
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.translations import ORIGINAL_LANGUAGE
from plenary.treaty.models import Treaty


def get_treaty(negotiation: Negotiation) -> Treaty:
    """The negotiation's treaty, or a 404 that says there is none yet."""
    treaty = Treaty.objects.filter(negotiation=negotiation).select_related("adopted_by").first()
    if treaty is None:
        raise NotFound(
            _("%(negotiation)s has no adopted treaty yet.") % {"negotiation": negotiation}
        )
    return treaty


def record_approval(
    negotiation: Negotiation,
    *,
    by: Actor,
    symbol: str,
    date: datetime.date,
    method: str,
    votes: dict[Delegation, str] | None = None,
    sources: Any = None,
) -> Decision:
    """Record the negotiating body's approval of the text, to go to the General Assembly."""
    require_runs_process(by, _("record the approval of the text"))
    # The record is written in Plenary's own language, whatever the language of the request.
    with translation.override(ORIGINAL_LANGUAGE):
        title = _("Approval of the draft text: %(title)s") % {"title": negotiation.title}
    return record_decision(
        negotiation,
        by=by,
        symbol=symbol,
        body=negotiation.body,
        title=title,
        date=date,
        method=method,
        votes=votes,
        sources=sources,
    )


def record_adoption(
    negotiation: Negotiation,
    *,
    by: Actor,
    title: str,
    symbol: str,
    date: datetime.date,
    method: str,
    threshold: int,
    days_after_threshold: int,
    days_after_later_deposit: int,
    reio_counted: bool = False,
    rule_text: str = "",
    depositary_record: Any = None,
    approved_by: Decision | None = None,
    votes: dict[Delegation, str] | None = None,
    body: str = "General Assembly",
    sources: Any = None,
) -> Treaty:
    """Record the adopting resolution and the treaty it adopts, with its rule of entry into
    force; the committee's approval (given, or its adoption of the final text) is linked."""
    require_runs_process(by, _("record the adoption of the treaty"))
    title = (title or "").strip()
    if not title or len(title) > 400:
        raise InvalidInput(_("A treaty needs its title, of 1 to 400 characters."))
    if not body.strip() or len(body) > 200:
        raise InvalidInput(_("Say which body adopted it, in at most 200 characters."))
    if Treaty.objects.filter(negotiation=negotiation).exists():
        raise Conflict(_("The adoption of this treaty is already recorded."))
    if not 1 <= threshold <= 1000:
        raise InvalidInput(_("The number of instruments needed is from 1 to 1,000."))
    if not (0 <= days_after_threshold <= 3650 and 0 <= days_after_later_deposit <= 3650):
        raise InvalidInput(_("The days before entry into force are from 0 to 3,650."))
    if approved_by is None:
        # The committee's adoption of the whole text (text.services.packages.adopt_text) is
        # its approval of the draft treaty.
        final = negotiation.versions.filter(adopted_by__isnull=False).first()
        approved_by = final.adopted_by if final else None
    if approved_by is not None and (
        approved_by.negotiation_id != negotiation.pk or approved_by.date > date
    ):
        raise InvalidInput(
            _("The approval must be this negotiation's and come before the adoption.")
        )
    with transaction.atomic():
        decision = record_decision(
            negotiation,
            by=by,
            symbol=symbol,
            body=body.strip(),
            title=title,
            date=date,
            method=method,
            votes=votes,
            sources=sources,
        )
        treaty = Treaty.objects.create(
            negotiation=negotiation,
            title=title,
            adopted_by=decision,
            approved_by=approved_by,
            threshold=threshold,
            days_after_threshold=days_after_threshold,
            days_after_later_deposit=days_after_later_deposit,
            reio_counted=reio_counted,
            rule_text=rule_text.strip(),
            depositary_record=clean_sources(depositary_record),
            sources=clean_sources(sources),
        )
        record(
            "treaty.adopted", treaty, by=by.user, negotiation=negotiation, after=snapshot(treaty)
        )
    return treaty


def open_for_signature(
    treaty: Treaty,
    *,
    by: Actor,
    place: str,
    opens: datetime.date,
    first_period_ends: datetime.date,
    then_at: str,
    closes: datetime.date,
    expected_version: int | None = None,
) -> Treaty:
    """Set where and until when the treaty is open for signature."""
    require_runs_process(by, _("open the treaty for signature"))
    adopted_on = treaty.adopted_by.date if treaty.adopted_by else None
    if adopted_on and opens < adopted_on:
        raise InvalidInput(
            _("The treaty cannot open for signature (%(opens)s) before its adoption (%(adopted)s).")
            % {"opens": opens, "adopted": adopted_on}
        )
    if not opens <= first_period_ends <= closes:
        raise InvalidInput(_("Signature opens, moves on, then closes: the dates must follow."))
    if not place.strip() or len(place) > 200 or len(then_at) > 200:
        raise InvalidInput(_("Say where the treaty opens for signature (at most 200 characters)."))
    with audited_change(
        "treaty.opened_for_signature",
        treaty,
        by=by.user,
        negotiation=treaty.negotiation,
        expected_version=expected_version,
    ):
        treaty.signature_place = place.strip()
        treaty.signature_opens = opens
        treaty.signature_first_period_ends = first_period_ends
        treaty.signature_then_at = then_at.strip()
        treaty.signature_closes = closes
    return treaty
