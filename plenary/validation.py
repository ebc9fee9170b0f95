"""Limits live on the model's fields (max_length, validators); services check a value against
them here, and forms read them from the same fields (plenary.forms), so the browser, the form,
the service and the database agree."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst

from plenary.errors import InvalidInput


def check_field(model: type[models.Model], name: str, value: Any) -> None:
    """Refuse a value the model's field does not accept (its length, its range), saying which
    field."""
    field = model._meta.get_field(name)
    try:
        field.run_validators(value)  # type: ignore[union-attr]
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field=name) from None


def max_length(model: type[models.Model], name: str) -> int:
    """The longest value the model's field holds."""
    return int(model._meta.get_field(name).max_length)  # type: ignore[union-attr]


def label_of(model: type[models.Model], name: str) -> str:
    """The field's name as people read it, in the page's language ("Venue")."""
    return str(capfirst(model._meta.get_field(name).verbose_name))  # type: ignore[union-attr]
