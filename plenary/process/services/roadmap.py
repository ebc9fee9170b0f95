"""Setting and moving the roadmap's submission deadlines."""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.process.actors import Actor
from plenary.process.dates import EARLIEST, LATEST, in_record_years
from plenary.process.models import Negotiation, RoadmapDeadline, Session
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources


def _clean_chapters(
    negotiation: Negotiation, chapters: Any, deadline: RoadmapDeadline | None, date: Any
) -> list[str]:
    """A deadline's chapters. A chapter may have several rounds of submissions over time, each
    with its own deadline, but not two deadlines on the same day."""
    if not isinstance(chapters, list) or not chapters:
        raise InvalidInput(_("A deadline covers at least one chapter."), field="chapters")
    cleaned = [str(c).strip() for c in chapters]
    if any(not c or len(c) > 200 for c in cleaned):
        raise InvalidInput(_("Each chapter name is 1 to 200 characters."), field="chapters")
    if len({c.casefold() for c in cleaned}) != len(cleaned):
        raise InvalidInput(_("A chapter is named twice in the same deadline."), field="chapters")
    others = negotiation.roadmap.filter(date=date)
    if deadline is not None:
        others = others.exclude(pk=deadline.pk)
    taken = {c.casefold() for d in others for c in d.chapters}
    for chapter in cleaned:
        if chapter.casefold() in taken:
            raise Conflict(
                _("%(chapter)s already has a deadline on that day; change that one instead.")
                % {"chapter": repr(chapter)},
                field="chapters",
            )
    return cleaned


# Multilateral negotiations under the UN: from its founding, and within any mandate's reach.
def _require_future(negotiation: Negotiation, date: datetime.date, at: datetime.datetime) -> None:
    """A deadline set or moved now is still to come: it closes at the end of its day in the
    negotiation's time zone."""
    closes = RoadmapDeadline(negotiation=negotiation, date=date).closes_at
    if closes <= at:
        raise InvalidInput(
            _(
                "%(date)s has passed (%(negotiation)s counts days in %(zone)s): a deadline set "
                "now falls on a later day."
            )
            % {
                "date": date_format(date),
                "negotiation": negotiation,
                "zone": negotiation.timezone,
            },
            field="date",
        )


def _check_date(date: Any) -> None:
    if not isinstance(date, datetime.date):
        raise InvalidInput(_("A deadline needs a date (YYYY-MM-DD)."), field="date")
    if not in_record_years(date):
        raise InvalidInput(
            _("A deadline falls between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST.year, "latest": LATEST.year},
            field="date",
        )


def set_roadmap_deadline(
    negotiation: Negotiation,
    *,
    by: Actor,
    date: datetime.date,
    chapters: list[str],
    set_at: Session | None = None,
    note: str = "",
    sources: Any = None,
) -> RoadmapDeadline:
    """Add a submission deadline for some chapters of the text."""
    require_runs_process(by, _("set roadmap deadlines"))
    _check_date(date)
    _require_future(negotiation, date, timezone.now())
    if set_at is not None and set_at.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That session belongs to another negotiation."))
    if set_at is not None and date < set_at.start:
        raise InvalidInput(
            _("A deadline set at %(session)s cannot fall before that session opens (%(start)s).")
            % {"session": set_at, "start": set_at.start}
        )
    cleaned = _clean_chapters(negotiation, chapters, None, date)
    with transaction.atomic():
        deadline = RoadmapDeadline.objects.create(
            negotiation=negotiation,
            date=date,
            chapters=cleaned,
            set_at=set_at,
            note=note.strip(),
            sources=clean_sources(sources),
        )
        record(
            "roadmap.deadline_set",
            deadline,
            by=by.user,
            negotiation=negotiation,
            after=snapshot(deadline),
        )
    return deadline


def move_roadmap_deadline(
    deadline: RoadmapDeadline,
    *,
    by: Actor,
    expected_version: int | None,
    date: datetime.date,
    chapters: list[str] | None = None,
    note: str = "",
) -> RoadmapDeadline:
    """Change a deadline's date or chapters; the audit trail keeps the earlier one."""
    require_runs_process(by, _("move roadmap deadlines"))
    _check_date(date)
    if date != deadline.date:
        _require_future(deadline.negotiation, date, timezone.now())
    cleaned = _clean_chapters(
        deadline.negotiation, deadline.chapters if chapters is None else chapters, deadline, date
    )
    with audited_change(
        "roadmap.deadline_moved",
        deadline,
        by=by.user,
        negotiation=deadline.negotiation,
        expected_version=expected_version,
    ):
        deadline.date, deadline.chapters = date, cleaned
        if note.strip():
            deadline.note = note.strip()
    return deadline
