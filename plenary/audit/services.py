"""Appending to the audit trail."""

import datetime
import decimal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.utils import translation

from plenary.audit.models import AuditEntry
from plenary.locking import claim_version

SYSTEM_ACTOR = "Plenary (automatic)"


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """Return the JSON-safe values of a model's concrete fields, for before/after records."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        values[field.name] = _json_safe(field.value_from_object(instance))
    return values


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    return value


def record(
    action: str,
    target: models.Model,
    *,
    by: AbstractBaseUser | None = None,
    negotiation: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry to the audit trail; `by` is the person who acted (a service passes its
    actor's user), or None for Plenary itself. The target is named in Plenary's own language,
    whatever the language of the request, so that the trail does not depend on who happened to
    act in which language."""
    actor = by if by is not None and by.is_authenticated else None
    with translation.override(settings.LANGUAGE_CODE):
        named = str(target)[:300]
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor else None,
        actor_label=actor.get_username() if actor else SYSTEM_ACTOR,
        action=action,
        negotiation=negotiation,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_repr=named,
        before=before,
        after=after,
        note=note,
    )


@contextmanager
def audited_change(
    action: str,
    target: models.Model,
    *,
    by: AbstractBaseUser | None,
    negotiation: Any,
    expected_version: int | None = None,
    note: str = "",
) -> Iterator[None]:
    """Change one record in one transaction: lock it (refusing an out-of-date edit), reload it
    as locked, let the caller check and change it, save it, and append the before/after to the
    audit trail. An exception inside the block writes nothing."""
    with transaction.atomic():
        claim_version(target, expected_version)
        next_version = target.lock_version  # type: ignore[attr-defined]
        target.refresh_from_db()
        before = snapshot(target)
        target.lock_version = next_version  # type: ignore[attr-defined]
        yield
        target.save()
        record(
            action,
            target,
            by=by,
            negotiation=negotiation,
            before=before,
            after=snapshot(target),
            note=note,
        )
