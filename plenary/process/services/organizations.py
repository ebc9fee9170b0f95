"""Registering stakeholder organizations."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.process.actors import Actor
from plenary.process.models import Organization
from plenary.process.models.participants import OrganizationKind
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources
from plenary.validation import max_length


def register_organization(
    *,
    by: Actor,
    slug: str,
    name: str,
    kind: str,
    ecosoc_status: bool = False,
    country: str = "",
    website: str = "",
    sources: Any = None,
) -> Organization:
    """Add a stakeholder organization to the register kept by the secretariat."""
    require_runs_process(by, _("register organizations"))
    return new_organization(
        by=by,
        action="organization.registered",
        slug=slug,
        name=name,
        kind=kind,
        ecosoc_status=ecosoc_status,
        country=country,
        website=website,
        sources=sources,
    )


def new_organization(
    *,
    by: Actor | None,
    action: str,
    slug: str,
    name: str,
    kind: str,
    ecosoc_status: bool = False,
    country: str = "",
    website: str = "",
    sources: Any = None,
) -> Organization:
    """Check and write a new organization (the caller has checked who may add it); `by` is None
    when the organization signs itself up."""
    if kind not in OrganizationKind.values:
        raise InvalidInput(
            _("Kind must be one of: %(allowed)s.")
            % {"allowed": ", ".join(OrganizationKind.values)},
            field="kind",
        )
    name, slug, country = name.strip(), slug.strip(), country.strip().upper()
    if not name or len(name) > max_length(Organization, "name"):
        raise InvalidInput(_("An organization needs a name of 1 to 300 characters."), field="name")
    if not slug or len(slug) > max_length(Organization, "slug"):
        raise InvalidInput(
            _("An organization needs a short name of 1 to 80 letters, digits or hyphens."),
            field="slug",
        )
    if country and (len(country) != 2 or not country.isalpha()):
        raise InvalidInput(_("The country is a two-letter ISO code, e.g. KE."), field="country")
    if len(website) > max_length(Organization, "website"):
        raise InvalidInput(_("The website's address is too long."), field="website")
    if Organization.objects.filter(slug=slug).exists():
        raise Conflict(
            _("There is already an organization with the short name %(slug)s.")
            % {"slug": repr(slug)},
            field="slug",
        )
    try:
        with transaction.atomic():
            organization = Organization.objects.create(
                slug=slug,
                name=name,
                kind=kind,
                ecosoc_status=ecosoc_status,
                country=country,
                website=website,
                sources=clean_sources(sources),
            )
            record(action, organization, by=by.user if by else None, after=snapshot(organization))
    except IntegrityError:
        # Two at once with the same short name: the database keeps one.
        raise Conflict(
            _("There is already an organization with the short name %(slug)s.")
            % {"slug": repr(slug)},
            field="slug",
        ) from None
    return organization
