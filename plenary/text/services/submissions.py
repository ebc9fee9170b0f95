"""Delegations' submissions for the roadmap's chapters, and their consolidation by the chair."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import DeadlinePassed, InvalidInput
from plenary.process.models import Delegation, RoadmapDeadline
from plenary.process.permissions import require_delegation_member, require_runs_process
from plenary.text.consolidation import SubmittedChapter, consolidate_chapter, title_key
from plenary.text.models import Submission, Version
from plenary.text.parsing import DraftParseError, ParsedDraft, parse_draft, roman_numeral
from plenary.text.search import index_version
from plenary.text.services.packages import ensure_not_adopted
from plenary.text.structure import content_from_parsed, open_brackets, parsed_from_content

MAX_CHARACTERS = 200_000


def _chapter_of(deadline: RoadmapDeadline, chapter: str) -> str:
    by_key = {c.casefold(): c for c in deadline.chapters}
    found = by_key.get((chapter or "").strip().casefold())
    if found is None:
        raise InvalidInput(
            _("%(chapter)s is not due by this deadline; it covers: %(chapters)s.")
            % {"chapter": repr(chapter), "chapters": ", ".join(deadline.chapters)}
        )
    return found


def _read(text: str) -> ParsedDraft:
    if not text.strip():
        raise InvalidInput(_("The submission has no text."))
    if len(text) > MAX_CHARACTERS:
        raise InvalidInput(
            _("A submission is at most %(limit)s characters.") % {"limit": MAX_CHARACTERS}
        )
    try:
        draft = parse_draft(text.splitlines())
    except DraftParseError as error:
        raise InvalidInput(
            _("The text does not read at line %(line)s: %(reason)s.")
            % {"line": error.line, "reason": error.reason}
        ) from error
    if not draft.articles:
        raise InvalidInput(_('A submission proposes articles ("Article 1. Title").'))
    return draft


def submit_text(
    deadline: RoadmapDeadline,
    *,
    by: Any,
    delegation: Delegation,
    chapter: str,
    text: str,
    at: datetime.datetime | None = None,
) -> Submission:
    """Submit a delegation's text for a chapter, or replace it; late only if allowed, and then
    flagged late."""
    require_delegation_member(by, delegation)
    chapter = _chapter_of(deadline, chapter)
    _read(text)
    at = at or timezone.now()
    late = deadline.has_passed(at)
    if late and not deadline.late_submissions_allowed:
        raise DeadlinePassed(
            _(
                "Submissions on %(chapter)s were due by %(date)s (end of day, %(zone)s); the "
                "secretariat has not allowed late submissions."
            )
            % {
                "chapter": chapter,
                "date": date_format(deadline.date, "DATE_FORMAT"),
                "zone": deadline.negotiation.timezone,
            }
        )
    existing = Submission.objects.filter(
        deadline=deadline, chapter=chapter, delegation=delegation
    ).first()
    if existing is not None:
        with audited_change(
            "submission.replaced", existing, by=by, negotiation=deadline.negotiation
        ):
            existing.text, existing.submitted_at, existing.submitted_by = text, at, by
            existing.late = existing.late or late
        return existing
    with transaction.atomic():
        submission = Submission.objects.create(
            deadline=deadline,
            chapter=chapter,
            delegation=delegation,
            text=text,
            submitted_at=at,
            submitted_by=by,
            late=late,
        )
        record(
            "submission.made",
            submission,
            by=by,
            negotiation=deadline.negotiation,
            after=snapshot(submission, ["chapter", "delegation", "late", "submitted_at"]),
        )
    return submission


def allow_late_submissions(deadline: RoadmapDeadline, *, by: Any, allowed: bool) -> RoadmapDeadline:
    """Let submissions in after the deadline (they stay flagged late), or stop letting them."""
    require_runs_process(by, _("allow late submissions"))
    with audited_change(
        "roadmap.late_submissions", deadline, by=by, negotiation=deadline.negotiation
    ):
        deadline.late_submissions_allowed = allowed
    return deadline


def consolidate_submissions(
    deadline: RoadmapDeadline,
    *,
    by: Any,
    chapter: str,
    label: str,
    date: datetime.date,
) -> Version:
    """Compile a chapter's submissions into a new informal version of the whole text."""
    require_runs_process(by, _("consolidate submissions"))
    ensure_not_adopted(deadline.negotiation)
    chapter = _chapter_of(deadline, chapter)
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise InvalidInput(_("A version needs a label of 1 to 200 characters."))
    negotiation = deadline.negotiation
    submissions = deadline.submissions.filter(chapter=chapter).select_related("delegation")
    if not submissions:
        raise InvalidInput(
            _("Nothing has been submitted on %(chapter)s yet.") % {"chapter": chapter}
        )
    # A late submission stays flagged late in the attribution of what it proposed.
    submitted = [
        SubmittedChapter(
            s.delegation.code + (_(" (late)") if s.late else ""),
            _read(s.text).articles,
        )
        for s in submissions.order_by("submitted_at", "id")
    ]
    with transaction.atomic():
        latest = negotiation.versions.order_by("-position").first()
        draft = parsed_from_content(latest.content) if latest else ParsedDraft()
        _place_chapter(draft, chapter, submitted)
        content = content_from_parsed(draft)
        position = (negotiation.versions.aggregate(last=Max("position"))["last"] or 0) + 1
        version = Version.objects.create(
            negotiation=negotiation,
            label=label,
            date=date,
            position=position,
            content=content,
            created_by=by,
        )
        index_version(version)
        record(
            "text.consolidated",
            version,
            by=by,
            negotiation=negotiation,
            after={
                "chapter": chapter,
                "submissions": len(submitted),
                "based_on": latest.label if latest else None,
                "open_brackets": open_brackets(content),
            },
        )
    return version


def _place_chapter(draft: ParsedDraft, title: str, submitted: list[SubmittedChapter]) -> None:
    """Replace the chapter of that title, or add it at the end; articles renumbered in order."""
    index = next(
        (i for i, c in enumerate(draft.chapters) if title_key(c.title) == title_key(title)),
        len(draft.chapters),
    )
    first_article = 1 + sum(len(c.articles) for c in draft.chapters[:index])
    number = (
        draft.chapters[index].number if index < len(draft.chapters) else roman_numeral(index + 1)
    )
    chapter = consolidate_chapter(number, title, submitted, first_article=first_article)
    draft.chapters[index : index + 1] = [chapter]
    for position, article in enumerate(draft.articles, start=1):
        article.number = position
