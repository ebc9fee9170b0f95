"""Content in several languages: titles of negotiations and sessions and labels of versions
can carry translations, {language: {field: text}}; pages show the one for the active language
and say so when they fall back to the original (English)."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

# The languages Plenary speaks (the six of the UN), and the one records are written in;
# translations are into the other five.
LANGUAGES = [code for code, _name in settings.LANGUAGES]
ORIGINAL_LANGUAGE = "en"
TRANSLATABLE = {
    "process.negotiation": ("title", "short_title"),
    "process.session": ("title",),
    "process.bloc": ("name", "description"),
    "process.delegation": ("name",),
    "decisions.decision": ("title", "summary"),
    "text.version": ("label",),
    "advocacy.statement": ("title",),
}


def supported_language(code: str | None) -> str:
    """The language Plenary speaks for a code: itself, its general form (fr-ca: fr), else the
    default."""
    try:
        return get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return str(settings.LANGUAGE_CODE)


def translated(record: models.Model, field: str, language: str | None = None) -> str | None:
    """The field in the language (the active one by default), or None if nobody translated it."""
    language = language or get_language() or ORIGINAL_LANGUAGE
    if language == ORIGINAL_LANGUAGE:
        return str(getattr(record, field))
    entry = (getattr(record, "translations", None) or {}).get(language) or {}
    return entry.get(field) or None


def written_by_plenary(field: str, words: Callable[[], str]) -> tuple[str, dict[str, Any]]:
    """A field Plenary words itself (a package vote's title): the original, in the language
    records are written in, and its translations into the others, each rendered in its own
    language, so that what is stored does not depend on the language of whoever acted."""
    with translation.override(ORIGINAL_LANGUAGE):
        original = words()
    translations = {}
    for language in LANGUAGES:
        if language != ORIGINAL_LANGUAGE:
            with translation.override(language):
                translations[language] = {field: words()}
    return original, translations


def in_language(record: models.Model, field: str) -> SafeString:
    """The field for the page: translated, or the original marked with its language."""
    text = translated(record, field)
    if text is not None:
        return format_html("{}", text)
    return format_html(
        '<span lang="{}" dir="ltr">{}</span> <span class="original-language">{}</span>',
        ORIGINAL_LANGUAGE,
        getattr(record, field),
        _("(in English)"),
    )


def in_language_text(record: models.Model, field: str) -> str:
    """The field as plain text (a page's <title>): translated, or the original marked."""
    text = translated(record, field)
    if text is not None:
        return text
    return f"{getattr(record, field)} {_('(in English)')}"
