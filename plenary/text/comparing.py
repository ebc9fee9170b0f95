"""Comparing two versions someone may see: the redline, for pages, downloads and the API."""

from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.process.models import Negotiation
from plenary.process.visibility import get_visible_version
from plenary.text.models import Version
from plenary.text.redline import ParagraphChange, compare_drafts
from plenary.text.structure import draft_text


def _version_id(value: Any, which: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(
            _("Say which version to compare %(which)s (its number, e.g. ?from=1&to=2).")
            % {"which": which}
        ) from None


def compare_versions(
    user: Any, negotiation: Negotiation, old_id: Any, new_id: Any
) -> tuple[Version, Version, list[ParagraphChange]]:
    """The changes from one version to another; each must be one this person may see."""
    old = get_visible_version(user, negotiation, _version_id(old_id, _("from")))
    new = get_visible_version(user, negotiation, _version_id(new_id, _("to")))
    return old, new, compare_drafts(draft_text(old.content), draft_text(new.content))
