"""Messages of the pure text modules (parsing) in the reader's language: translated by
Django's gettext when Django runs, as written otherwise, so that those modules stay importable
without Django (the redline and consolidation run without it)."""

import sys


def gettext(message: str) -> str:
    """The message translated into the active language, when Django is running."""
    if "django.conf" not in sys.modules:
        return message
    from django.conf import settings

    if not settings.configured:
        return message
    from django.utils.translation import gettext as translate

    return translate(message)
