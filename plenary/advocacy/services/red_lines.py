"""Red lines: a coalition's criteria on paragraphs, assessed on every version, re-flagged when a
new version changes one of their paragraphs; and the scorecard of a version."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.advocacy.models import Assessment, Coalition, Reassessment, RedLine, Verdict
from plenary.advocacy.services.statements import clean_provisions, require_member
from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.locking import claim_version
from plenary.outbox.events import emit, handles
from plenary.outbox.models import Event
from plenary.process.actors import Actor
from plenary.process.visibility import visible_versions
from plenary.sources import clean_sources
from plenary.text.models import Provision, Version
from plenary.text.provisions import changed_paragraphs
from plenary.text.word_diff import diff_words
from plenary.validation import max_length


def create_red_line(
    coalition: Coalition,
    *,
    by: Actor,
    title: str,
    criterion: str,
    provisions: Iterable[Provision],
    sources: Any = None,
    illustrative: bool = False,
) -> RedLine:
    """A member states a criterion the text must meet, on the paragraphs it concerns."""
    require_member(by, coalition, _("state its red lines"))
    title, criterion = (title or "").strip(), (criterion or "").strip()
    if not title or len(title) > 200:
        raise InvalidInput(_("A red line needs a title of 1 to 200 characters."), field="title")
    if not criterion or len(criterion) > max_length(RedLine, "criterion"):
        raise InvalidInput(
            _("A red line needs its criterion, at most 5,000 characters."), field="criterion"
        )
    # A public coalition's red lines are public: they name published paragraphs only.
    linked = clean_provisions(by, coalition.negotiation, provisions, public=not coalition.private)
    if not linked:
        raise InvalidInput(_("Link the red line to at least one paragraph."), field="provisions")
    with transaction.atomic():
        red_line = RedLine.objects.create(
            coalition=coalition,
            title=title,
            criterion=criterion,
            created_by=by.user,
            sources=clean_sources(sources),
            illustrative=illustrative,
        )
        red_line.provisions.set(linked)
        record(
            "red_line.created",
            red_line,
            by=by.user,
            negotiation=coalition.negotiation,
            after=snapshot(red_line) | {"provisions": [p.pk for p in linked]},
        )
    return red_line


def assess(
    red_line: RedLine,
    version: Version,
    *,
    by: Actor,
    verdict: str,
    reasoning: str,
    quoted_wording: str = "",
    expected_version: int | None = None,
    illustrative: bool = False,
) -> Assessment:
    """A member assesses one version against the red line; this clears the flags up to it."""
    coalition = red_line.coalition
    require_member(by, coalition, _("assess its red lines"))
    if verdict not in Verdict.values:
        raise InvalidInput(
            _("Verdict must be one of: %(verdicts)s.") % {"verdicts": ", ".join(Verdict.values)}
        )
    reasoning, quoted_wording = (reasoning or "").strip(), (quoted_wording or "").strip()
    if not reasoning or len(reasoning) > max_length(Assessment, "reasoning"):
        raise InvalidInput(_("Give the reasoning, at most 5,000 characters."), field="reasoning")
    if len(quoted_wording) > max_length(Assessment, "quoted_wording"):
        raise InvalidInput(_("Quote at most 5,000 characters of the text."), field="quoted_wording")
    if not visible_versions(by, coalition.negotiation).filter(pk=version.pk).exists():
        raise InvalidInput(_("There is no such version of the text."))
    now = timezone.now()
    fields = {
        "verdict": verdict,
        "reasoning": reasoning,
        "quoted_wording": quoted_wording,
        "assessed_by": by.user,
        "assessed_at": now,
        "illustrative": illustrative,
    }
    try:
        with transaction.atomic():
            assessment = Assessment.objects.filter(red_line=red_line, version=version).first()
            before = None
            if assessment is None:
                assessment = Assessment.objects.create(red_line=red_line, version=version, **fields)
            else:
                claim_version(assessment, expected_version)
                before = snapshot(assessment)
                for name, value in fields.items():
                    setattr(assessment, name, value)
                assessment.save()
            Reassessment.objects.filter(
                red_line=red_line,
                cleared_at__isnull=True,
                version__position__lte=version.position,
            ).update(cleared_at=now)
            record(
                "red_line.assessed",
                red_line,
                by=by.user,
                negotiation=coalition.negotiation,
                before=before,
                after=snapshot(assessment),
            )
    except IntegrityError:
        raise Conflict(_("Someone assessed this version at the same time; reload.")) from None
    return assessment


def flag_red_lines(version: Version) -> list[Reassessment]:
    """Flag every red line whose paragraphs this published version changed from the one before,
    with the word-level redline of just those paragraphs. An unchanged paragraph flags nothing,
    whatever its number now."""
    changes = changed_paragraphs(version)
    if changes is None or not changes.paragraphs:
        return []
    changed = {p.provision: p for p in changes.paragraphs}
    runs: dict[int, list[dict[str, str]]] = {}

    def change_of(provision: int) -> dict[str, Any]:
        if provision not in runs:
            words = diff_words(changes.text_before(provision), changes.text_after(provision))
            runs[provision] = [{"op": run.op, "text": run.text} for run in words]
        return {"provision": provision, "eid": changed[provision].eid, "runs": runs[provision]}

    linked: dict[int, list[int]] = {}
    for red_line, provision in RedLine.provisions.through.objects.filter(
        redline__coalition__negotiation_id=version.negotiation_id, provision_id__in=list(changed)
    ).values_list("redline_id", "provision_id"):
        linked.setdefault(red_line, []).append(provision)
    now = timezone.now()
    flags = [
        Reassessment(
            red_line_id=red_line,
            version=version,
            previous=changes.previous,
            changes=[change_of(p) for p in sorted(provisions, key=lambda p: changed[p].position)],
            flagged_at=now,
        )
        for red_line, provisions in sorted(linked.items())
    ]
    if not flags:
        return []
    with transaction.atomic():
        Reassessment.objects.bulk_create(flags, ignore_conflicts=True)
        record(
            "red_lines.reflagged",
            version,
            negotiation=version.negotiation,
            after={"red_lines": len(flags), "paragraphs_changed": len(runs)},
        )
        emit(
            "red_lines.flagged",
            negotiation=version.negotiation,
            version=version.pk,
            red_lines=[flag.red_line_id for flag in flags],
        )
    return flags


@handles("version.published")
def reflag_on_publication(event: Event) -> None:
    """The worker's handler of a published version: flag the red lines it changed."""
    version = Version.objects.filter(pk=event.payload["version"]).first()
    if version is not None:
        flag_red_lines(version)


@dataclass
class ScorecardRow:
    red_line: RedLine
    assessment: Assessment | None
    flag: Reassessment | None
    # (version, verdict or None, the verdict as shown) for every version up to this one
    trend: list[tuple[Version, str | None, str]] = field(default_factory=list)


@dataclass
class Scorecard:
    version: Version
    versions: list[Version]
    rows: list[ScorecardRow]
    counts: dict[str, int]


def scorecard(user: Any, coalition: Coalition, version: Version) -> Scorecard:
    """A coalition's red lines on one version: verdicts, flags, and the trend over versions."""
    versions = list(
        visible_versions(user, coalition.negotiation).filter(position__lte=version.position)
    )
    red_lines = list(coalition.red_lines.all())
    verdicts: dict[tuple[int, int], Assessment] = {
        (a.red_line_id, a.version_id): a
        for a in Assessment.objects.filter(red_line__in=red_lines, version__in=versions)
    }
    # A flag is open on this version if raised on it or before and not cleared by then.
    positions = {v.pk: v.position for v in versions}
    assessed: dict[int, list[int]] = {}
    for red_line_id, version_id in verdicts:
        assessed.setdefault(red_line_id, []).append(positions[version_id])
    flags: dict[int, Reassessment] = {}
    for flag in (
        Reassessment.objects.filter(red_line__in=red_lines, version__position__lte=version.position)
        .select_related("version")
        .order_by("version__position")
    ):
        if flag.is_open(assessed.get(flag.red_line_id, [])):
            flags[flag.red_line_id] = flag
        else:
            flags.pop(flag.red_line_id, None)
    rows = []
    labels = {value: str(label) for value, label in Verdict.choices}
    counts: Counter[str] = Counter()
    for red_line in red_lines:
        assessment = verdicts.get((red_line.pk, version.pk))
        open_flag = flags.get(red_line.pk)
        counts[assessment.verdict if assessment else "not_assessed"] += 1
        if open_flag is not None:
            counts["to_reassess"] += 1
        trend = []
        for v in versions:
            found = verdicts.get((red_line.pk, v.pk))
            trend.append(
                (v, found.verdict if found else None, labels[found.verdict] if found else "–")
            )
        rows.append(ScorecardRow(red_line, assessment, open_flag, trend))
    keys = [*Verdict.values, "not_assessed", "to_reassess"]
    return Scorecard(version, versions, rows, {key: counts[key] for key in keys})
