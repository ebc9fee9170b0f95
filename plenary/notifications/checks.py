"""Emails carry absolute links: production needs the site's address."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register


@register()
def site_url_is_set(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """SITE_URL must be the public address (https://…) in production."""
    if settings.MODE != "production":
        return []
    address = urlsplit(settings.SITE_URL or "")
    if address.scheme in {"http", "https"} and address.hostname:
        return []
    return [
        Error(
            "SITE_URL is not set to the site's public address.",
            hint="Set SITE_URL (e.g. https://plenary.example.org): links in emails need it.",
            id="plenary.E001",
        )
    ]
