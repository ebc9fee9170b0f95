"""Who takes part: delegations, the blocs they form, and stakeholder organizations."""

from typing import Any

from django.db import models
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from plenary.sources import Sourced
from plenary.translations import in_language


class DelegationKind(models.TextChoices):
    MEMBER_STATE = "member_state", _("member state")
    OBSERVER_STATE = "observer_state", _("observer state")
    REIO = "reio", _("regional economic integration organization")


class Bloc(Sourced):
    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="blocs"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Name and description in the other UN languages: {"fr": {"name": "…"}}, see translations.py.
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    # The regional economic integration organization that speaks for the group (the European
    # Union for its member states), besides the group's own members.
    represented_by = models.ForeignKey(
        "process.Delegation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_blocs",
        verbose_name=_("represented by"),
    )

    class Meta:
        ordering = ["negotiation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "slug"], name="bloc_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def names_by_delegation(cls, negotiation: Any, blocs: Any = None) -> dict[int, SafeString]:
        """Each delegation's blocs, named in the page's language, as one text: one query for a
        whole table of delegations rather than one related manager per row, and one for the
        blocs unless the page has read them (`blocs`)."""
        named = {
            bloc.pk: in_language(bloc, "name")
            for bloc in (cls.objects.filter(negotiation=negotiation) if blocs is None else blocs)
        }
        names: dict[int, list[SafeString]] = {}
        members = cls.members.through.objects.filter(bloc__negotiation=negotiation)
        for delegation, bloc in members.order_by("bloc__name").values_list(
            "delegation_id", "bloc_id"
        ):
            names.setdefault(delegation, []).append(named[bloc])
        return {
            delegation: format_html_join(", ", "{}", ((name,) for name in blocs_named))
            for delegation, blocs_named in names.items()
        }


class Delegation(Sourced):
    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="delegations"
    )
    name = models.CharField(_("name"), max_length=200)
    # NULL, not "", for organizations of states: the unique (negotiation, iso2) must allow many.
    iso2 = models.CharField(_("ISO code"), max_length=2, null=True, blank=True)  # noqa: DJ001
    kind = models.CharField(_("kind"), max_length=20, choices=DelegationKind.choices)
    region = models.CharField(_("region"), max_length=40, blank=True)
    subregion = models.CharField(_("subregion"), max_length=60, blank=True)
    blocs = models.ManyToManyField(Bloc, blank=True, related_name="members")
    # A name in the other UN languages where the UN's terminology has none for it (an
    # organization of States); States are named from the UN's own list (names.py).
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        ordering = ["negotiation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["negotiation", "iso2"], name="delegation_iso2_unique"),
            models.UniqueConstraint(fields=["negotiation", "name"], name="delegation_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        """How delegations are named in attributions and maps: ISO code, else the name."""
        return self.iso2 or self.name

    @property
    def is_member_state(self) -> bool:
        return self.kind == DelegationKind.MEMBER_STATE


class OrganizationKind(models.TextChoices):
    NGO = "ngo", _("non-governmental organization")
    ACADEMIA = "academia", _("academia")
    PRIVATE_SECTOR = "private_sector", _("private sector")
    TECHNICAL_COMMUNITY = "technical_community", _("technical community")


class Organization(Sourced):
    """A stakeholder organization; it exists beyond any one negotiation."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    ecosoc_status = models.BooleanField(_("in consultative status with ECOSOC"), default=False)
    country = models.CharField(_("country (ISO code)"), max_length=2, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def delegation_codes(negotiation) -> dict[int, str]:
    """Each delegation's code by its id, in one query (for pages over many rows)."""
    return {
        pk: iso2 or name
        for pk, iso2, name in Delegation.objects.filter(negotiation=negotiation).values_list(
            "pk", "iso2", "name"
        )
    }
