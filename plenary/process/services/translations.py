"""Translating records' titles and labels into the UN languages: the secretariat and the chair
do it, and a record may name its own translators (a coalition's admins its statements)."""

from collections.abc import Callable
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from plenary.audit import services as audit
from plenary.errors import InvalidInput
from plenary.process.actors import Actor, Viewer
from plenary.process.capabilities import can_run_process
from plenary.process.permissions import require_runs_process
from plenary.translations import LANGUAGES, ORIGINAL_LANGUAGE, TRANSLATABLE

# Besides the secretariat and the chair, a kind of record may have translators of its own (a
# coalition's admins translate its statements): its app registers who, in its AppConfig.ready.
Translators = Callable[[Any, Any], bool]  # (record, user) -> may translate
TRANSLATORS: dict[str, Translators] = {}


def register_translators(label: str, translators: Translators) -> None:
    """Who besides the secretariat and the chair translates records of this model
    ("advocacy.statement")."""
    TRANSLATORS[label] = translators


def may_translate(record: models.Model, user: Viewer) -> bool:
    """The secretariat and the chair translate; a kind of record may also have its own
    translators (a coalition's admins translate its statements)."""
    if can_run_process(user):
        return True
    translators = TRANSLATORS.get(record._meta.label_lower)
    return translators is not None and bool(translators(record, user))


def translate(record: Any, field: str, language: str, text: str, *, by: Actor) -> None:
    """Set (or, with empty text, remove) one field's translation into one UN language. The
    record is of a model in TRANSLATABLE: it has a `translations` field."""
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
    model_field = record._meta.get_field(field)
    limit = (model_field.max_length if isinstance(model_field, models.Field) else None) or 400
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
            record if record._meta.label_lower == "process.negotiation" else record.negotiation
        )
        audit.record(
            "translate",
            record,
            by=by.user,
            negotiation=negotiation,
            before=before,
            after={language: entry},
        )
