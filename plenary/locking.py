"""Optimistic locking: a save based on an out-of-date copy is refused, never silently merged."""

from django.db import models
from django.utils.translation import gettext as _

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
        raise StaleEdit(_("This %(thing)s no longer exists.") % {"thing": model._meta.verbose_name})
    if expected_version is not None and expected_version != current:
        raise StaleEdit(
            _(
                "This %(thing)s was changed by someone else since you opened it "
                "(you had version %(expected)s, it is now at version %(current)s). "
                "Reload it, check their change, and apply yours again."
            )
            % {
                "thing": model._meta.verbose_name,
                "expected": expected_version,
                "current": current,
            }
        )
    instance.lock_version = current + 1  # type: ignore[attr-defined]
