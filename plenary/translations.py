"""Content in several languages: titles of negotiations and sessions and labels of versions
can carry translations, {language: {field: text}}; pages show the one for the active language
and say so when they fall back to the original (English)."""

from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

from plenary.audit import services as audit
from plenary.errors import InvalidInput
from plenary.process.permissions import require_runs_process

# The languages Plenary speaks (the six of the UN), and the one records are written in;
# translations are into the other five.
LANGUAGES = [code for code, _name in settings.LANGUAGES]
ORIGINAL_LANGUAGE = "en"
TRANSLATABLE = {
    "process.negotiation": ("title", "short_title"),
    "process.session": ("title",),
    "process.bloc": ("name", "description"),
    "process.delegation": ("name",),
    "positions.decision": ("title", "summary"),
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


def may_translate(record: models.Model, user: Any) -> bool:
    """The secretariat and the chair translate; a record may also name its own translators
    (a coalition's admins translate its statements)."""
    if getattr(user, "runs_process", False):
        return True
    translators = getattr(record, "may_translate", None)
    return translators is not None and bool(translators(user))


def translate(record: models.Model, field: str, language: str, text: str, *, by: Any) -> None:
    """Set (or, with empty text, remove) one field's translation into one UN language."""
    if not may_translate(record, by):
        require_runs_process(by, _("translate titles and labels"))
    fields = TRANSLATABLE.get(record._meta.label_lower, ())
    if field not in fields:
        raise InvalidInput(_("%(field)s has no translations.") % {"field": field})
    languages = set(LANGUAGES) - {ORIGINAL_LANGUAGE}
    if language not in languages:
        raise InvalidInput(
            _("Translations are into %(languages)s.") % {"languages": ", ".join(sorted(languages))}
        )
    limit = record._meta.get_field(field).max_length or 400
    text = text.strip()
    if len(text) > limit:
        raise InvalidInput(_("The text is at most %(max)s characters.") % {"max": limit})
    with transaction.atomic():
        record.refresh_from_db(fields=["translations"])
        before = {language: dict(record.translations.get(language, {}))}
        entry = dict(record.translations.get(language, {}))
        if text:
            entry[field] = text
        else:
            entry.pop(field, None)
        record.translations = {**record.translations, language: entry}
        record.save(update_fields=["translations"])
        negotiation = (
            record if record._meta.label_lower == "process.negotiation" else record.negotiation  # type: ignore[attr-defined]
        )
        audit.record(
            "translate",
            record,
            by=by,
            negotiation=negotiation,
            before=before,
            after={language: entry},
        )
