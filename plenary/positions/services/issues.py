"""Cross-cutting issues with their scale and options, and the capabilities the forecasts weigh."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Capability, Issue
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.text.models import Provision


def _clean_options(options: Any) -> list[dict[str, Any]]:
    """Discrete options as [{"label", "value"}], each placed on the 0-100 scale, labels unique."""
    cleaned: list[dict[str, Any]] = []
    for option in options or []:
        label = str(option.get("label", "")).strip() if isinstance(option, dict) else ""
        value = option.get("value") if isinstance(option, dict) else None
        if not label or len(label) > 120:
            raise InvalidInput(_("Each option has a label of at most 120 characters."))
        if not isinstance(value, int | float) or not 0 <= value <= 100:
            raise InvalidInput(
                _("Option %(label)s needs a value on the issue's scale, from 0 to 100.")
                % {"label": repr(label)}
            )
        cleaned.append({"label": label, "value": float(value)})
    labels = [o["label"] for o in cleaned]
    if len(set(labels)) != len(labels):
        raise InvalidInput(_("Two options have the same label."))
    if len(cleaned) == 1 or len(cleaned) > 10:
        raise InvalidInput(_("An issue has no discrete options, or from 2 to 10 of them."))
    return cleaned


def define_issue(
    negotiation: Negotiation,
    *,
    by: Actor,
    slug: str,
    title: str,
    description: str = "",
    low: str = "",
    high: str = "",
    provisions: list[Provision] | None = None,
    status_quo: float = 0.0,
    options: Any = None,
    sources: Any = None,
    illustrative: bool = False,
) -> Issue:
    """Define a cross-cutting issue on a 0-100 scale, with the paragraphs it concerns and,
    for package search, its discrete options placed on that scale."""
    require_runs_process(by, _("define issues"))
    slug, title = slug.strip(), title.strip()
    if not slug or len(slug) > 80 or not slug.replace("-", "").isalnum():
        raise InvalidInput(_("An issue's short name is letters, digits and hyphens (at most 80)."))
    if not title or len(title) > 200:
        raise InvalidInput(_("An issue needs a title of at most 200 characters."))
    if not 0 <= status_quo <= 100:
        raise InvalidInput(_("The no-agreement point is on the issue's scale, from 0 to 100."))
    cleaned_sources = clean_sources(sources)
    if not cleaned_sources and not illustrative:
        raise InvalidInput(_("An issue needs its source, or is marked illustrative."))
    provisions = list({p.pk: p for p in provisions or []}.values())
    if len(provisions) > 200:
        raise InvalidInput(_("An issue concerns at most 200 paragraphs."))
    if any(p.negotiation_id != negotiation.pk for p in provisions):
        raise InvalidInput(_("That is not part of this negotiation's text."))
    if negotiation.issues.filter(slug=slug).exists():
        raise Conflict(_("There is already an issue %(slug)s.") % {"slug": slug})
    with transaction.atomic():
        issue = Issue.objects.create(
            negotiation=negotiation,
            slug=slug,
            title=title,
            description=description,
            low=low,
            high=high,
            status_quo=status_quo,
            options=_clean_options(options),
            sources=cleaned_sources,
            illustrative=illustrative,
        )
        issue.provisions.set(provisions)
        record(
            "issue.defined",
            issue,
            by=by.user,
            negotiation=negotiation,
            after=snapshot(issue) | {"provisions": [p.pk for p in provisions]},
        )
    return issue


# The largest capability index a delegation can be given, relative to everyone's default of 1.
MAX_CAPABILITY = 1_000.0


def set_capability(
    negotiation: Negotiation,
    *,
    by: Actor,
    delegation: Delegation,
    value: float,
    sources: Any = None,
    illustrative: bool = False,
) -> Capability:
    """Set a delegation's capability for the forecasts (1 is everyone's default), from an index
    with its source, or marked illustrative."""
    require_runs_process(by, _("set capabilities"))
    if delegation.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That delegation belongs to another negotiation."))
    if not 0 < value <= MAX_CAPABILITY:
        raise InvalidInput(_("A capability is a positive number, at most 1,000."))
    cleaned = clean_sources(sources)
    if not cleaned and not illustrative:
        raise InvalidInput(_("A capability needs the index it comes from, or is illustrative."))
    with transaction.atomic():
        before = Capability.objects.filter(negotiation=negotiation, delegation=delegation).first()
        capability, _created = Capability.objects.update_or_create(
            negotiation=negotiation,
            delegation=delegation,
            defaults={"value": value, "sources": cleaned, "illustrative": illustrative},
        )
        record(
            "capability.set",
            capability,
            by=by.user,
            negotiation=negotiation,
            before=snapshot(before) if before else None,
            after=snapshot(capability),
        )
    return capability
