"""Optimistic locking: a save based on an out-of-date copy is refused, never silently merged."""

from django.db import models

from plenary.errors import StaleEdit


def claim_version(instance: models.Model, expected_version: int | None) -> None:
    """Lock the row, check the editor saw the current version, and move the version on.

    Call inside transaction.atomic(); `expected_version=None` means the caller does not edit
    from an earlier copy (e.g. a state change from a button), so any version is fine.
    """
    model = type(instance)
    current = (
        model._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("lock_version", flat=True)
        .first()
    )
    if current is None:
        raise StaleEdit(f"This {model._meta.verbose_name} no longer exists.")
    if expected_version is not None and expected_version != current:
        raise StaleEdit(
            f"This {model._meta.verbose_name} was changed by someone else since you opened it "
            f"(you had version {expected_version}, it is now at version {current}). "
            "Reload it, check their change, and apply yours again."
        )
    instance.lock_version = current + 1  # type: ignore[attr-defined]
