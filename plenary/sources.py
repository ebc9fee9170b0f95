"""Every fact in Plenary carries its source; anything not from the record is illustrative.

A source is a small dict: {"title": ..., "symbol": ..., "url": ...}; a source needs a document
symbol or a URL so that a reader can check it.
"""

from typing import Any, TypedDict

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from plenary.errors import InvalidInput


class Source(TypedDict, total=False):
    title: str
    symbol: str
    url: str


SOURCE_KEYS = {"title", "symbol", "url"}


def clean_sources(raw: Any) -> list[Source]:
    """Validate a list of sources and return it normalized."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise InvalidInput(gettext("Sources must be a list of {title, symbol, url} entries."))
    cleaned: list[Source] = []
    for position, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict) or not set(entry) <= SOURCE_KEYS:
            raise InvalidInput(
                gettext("Source %(position)s must have only the keys title, symbol and url.")
                % {"position": position}
            )
        values = {k: str(v).strip() for k, v in entry.items() if v is not None and str(v).strip()}
        if not values.get("symbol") and not values.get("url"):
            raise InvalidInput(
                gettext("Source %(position)s needs a document symbol or a URL.")
                % {"position": position}
            )
        url = values.get("url", "")
        if url and not url.startswith(("https://", "http://")):
            raise InvalidInput(
                gettext("Source %(position)s: the URL must start with https:// or http://.")
                % {"position": position}
            )
        if any(len(v) > 500 for v in values.values()):
            raise InvalidInput(
                gettext("Source %(position)s: each field is at most 500 characters.")
                % {"position": position}
            )
        cleaned.append(Source(**values))  # type: ignore[typeddict-item]
    return cleaned


class Sourced(models.Model):
    """A record that states a fact: it lists its sources, or says it is illustrative."""

    sources = models.JSONField(_("sources"), default=list, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not from the public record: example data for the demo."),
    )

    class Meta:
        abstract = True
