"""Delegations' submissions for the roadmap's chapters, and their consolidation by the chair."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import DeadlinePassed, InvalidInput
from plenary.process.actors import Actor
from plenary.process.models import Delegation, RoadmapDeadline
from plenary.process.permissions import require_delegation_member, require_runs_process
from plenary.text.consolidation import (
    SubmittedChapter,
    consolidate_chapter,
    place_chapter,
    proposed_matches,
    title_key,
)
from plenary.text.models import Submission, Version
from plenary.text.parsing import DraftParseError, ParsedChapter, ParsedDraft, parse_draft
from plenary.text.provisions import identify, save_version, working_content
from plenary.text.services.working import ensure_not_adopted
from plenary.text.structure import content_from_parsed, open_brackets, parsed_from_content

MAX_CHARACTERS = 200_000
LATE = " (late)"


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
        raise InvalidInput(_("The submission has no text."), field="text")
    if len(text) > MAX_CHARACTERS:
        raise InvalidInput(
            _("A submission is at most %(limit)s characters.") % {"limit": MAX_CHARACTERS},
            field="text",
        )
    try:
        draft = parse_draft(text.splitlines())
    except DraftParseError as error:
        raise InvalidInput(
            _("The text does not read at line %(line)s: %(reason)s.")
            % {"line": error.line, "reason": error.reason},
            field="text",
        ) from error
    if not draft.articles:
        raise InvalidInput(
            _('A submission proposes articles ("Article 1. Title").'), field="text"
        )
    return draft


def submit_text(
    deadline: RoadmapDeadline,
    *,
    by: Actor,
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
            "submission.replaced", existing, by=by.user, negotiation=deadline.negotiation
        ):
            existing.text, existing.submitted_at, existing.submitted_by = text, at, by.user
            existing.late = existing.late or late
        return existing
    with transaction.atomic():
        submission = Submission.objects.create(
            deadline=deadline,
            chapter=chapter,
            delegation=delegation,
            text=text,
            submitted_at=at,
            submitted_by=by.user,
            late=late,
        )
        record(
            "submission.made",
            submission,
            by=by.user,
            negotiation=deadline.negotiation,
            after=snapshot(submission, ["chapter", "delegation", "late", "submitted_at"]),
        )
    return submission


def allow_late_submissions(
    deadline: RoadmapDeadline, *, by: Actor, allowed: bool
) -> RoadmapDeadline:
    """Let submissions in after the deadline (they stay flagged late), or stop letting them."""
    require_runs_process(by, _("allow late submissions"))
    with audited_change(
        "roadmap.late_submissions", deadline, by=by.user, negotiation=deadline.negotiation
    ):
        deadline.late_submissions_allowed = allowed
    return deadline


def _submitted(deadline: RoadmapDeadline, chapter: str) -> list[SubmittedChapter]:
    submissions = deadline.submissions.filter(chapter=chapter).select_related("delegation")
    if not submissions:
        raise InvalidInput(
            _("Nothing has been submitted on %(chapter)s yet.") % {"chapter": chapter}
        )
    # A late submission stays flagged late in the attribution of what it proposed; the mark is
    # part of the text, which stays in the language it is negotiated in.
    return [
        SubmittedChapter(s.delegation.code + (LATE if s.late else ""), _read(s.text).articles)
        for s in submissions.order_by("submitted_at", "id")
    ]


@dataclass(frozen=True)
class ArticlePlan:
    """What consolidation will do with one consolidated article: the article of the text whose
    provision it takes (None: a new article), and the articles it could take instead."""

    title: str
    paragraphs: int
    sponsors: list[str]
    match: int | None


def consolidation_plan(deadline: RoadmapDeadline, chapter: str) -> list[ArticlePlan]:
    """The consolidated articles of a chapter and the article of the text each would take the
    place of, for the secretariat to confirm or change before consolidating."""
    chapter = _chapter_of(deadline, chapter)
    consolidated = consolidate_chapter("", chapter, _submitted(deadline, chapter))
    _based_on, base = working_content(deadline.negotiation)
    draft = parsed_from_content(base) if base else ParsedDraft()
    matches = proposed_matches(draft, chapter, consolidated)
    return [
        ArticlePlan(
            article.title,
            len(article.paragraphs),
            list(dict.fromkeys(d for p in article.paragraphs for d in p.attribution)),
            match,
        )
        for article, match in zip(consolidated.articles, matches, strict=True)
    ]


def consolidate_submissions(
    deadline: RoadmapDeadline,
    *,
    by: Actor,
    chapter: str,
    label: str,
    date: datetime.date,
    matches: dict[str, int | None] | None = None,
) -> Version:
    """Compile a chapter's submissions into a new informal version in which only that chapter
    changes. `matches` says, by consolidated article title, which article of the text each
    takes the place of (its provision id), or None for a new article; titles not named there
    take the article of the same title in the chapter."""
    require_runs_process(by, _("consolidate submissions"))
    ensure_not_adopted(deadline.negotiation)
    chapter = _chapter_of(deadline, chapter)
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise InvalidInput(_("A version needs a label of 1 to 200 characters."))
    negotiation = deadline.negotiation
    submitted = _submitted(deadline, chapter)
    with transaction.atomic():
        based_on, base = working_content(negotiation)
        draft = parsed_from_content(base) if base else ParsedDraft()
        consolidated = consolidate_chapter("", chapter, submitted)
        chosen = _chosen(draft, chapter, consolidated, matches or {})
        place_chapter(draft, chapter, consolidated, chosen)
        content = content_from_parsed(draft)
        # Only what consolidation matched keeps a provision; everything else is new.
        identify(negotiation, content, base=None)
        version = save_version(negotiation, content, by=by, label=label, date=date)
        record(
            "text.consolidated",
            version,
            by=by.user,
            negotiation=negotiation,
            after={
                "chapter": chapter,
                "submissions": len(submitted),
                "based_on": based_on.label if based_on else None,
                "open_brackets": open_brackets(content),
                "articles": [
                    {"title": a.title, "provision": p}
                    for a, p in zip(consolidated.articles, chosen, strict=True)
                ],
            },
        )
    return version


def _chosen(
    draft: ParsedDraft, chapter: str, consolidated: ParsedChapter, matches: dict[str, int | None]
) -> list[int | None]:
    """The provision each consolidated article takes: the secretariat's choice where made
    (an article of the text, each at most once), otherwise the one of the same title."""
    proposed = proposed_matches(draft, chapter, consolidated)
    by_title = {title_key(t): m for t, m in matches.items()}
    articles = {a.provision: a for a in draft.articles if a.provision is not None}
    unknown = [
        t
        for t in matches
        if title_key(t) not in {title_key(a.title) for a in consolidated.articles}
    ]
    if unknown:
        raise InvalidInput(
            _("No consolidated article is called %(titles)s.") % {"titles": ", ".join(unknown)}
        )
    chosen = [
        by_title.get(title_key(a.title), match)
        for a, match in zip(consolidated.articles, proposed, strict=True)
    ]
    for provision in chosen:
        if provision is not None and provision not in articles:
            raise InvalidInput(
                _(
                    "Article %(provision)s is not in the text; choose one of its articles or a "
                    "new article."
                )
                % {"provision": provision}
            )
    taken = [p for p in chosen if p is not None]
    if len(taken) != len(set(taken)):
        raise InvalidInput(
            _("Two consolidated articles cannot take the place of the same article.")
        )
    return chosen
