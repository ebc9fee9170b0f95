"""How the API says no: every refusal is `{"detail": "a sentence"}` in the caller's language,
ours (a domain error, the database briefly away) and django-ninja's own (an unreadable body, a
missing token, input its schemas refuse), and every operation declares those answers in the
OpenAPI schema, so clients and the property-based tests know them."""

from typing import Any

from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from plenary.error_pages import DATABASE_UNAVAILABLE, NOTHING_HERE, database_unavailable
from plenary.errors import PlenaryError, conflict_from


class ErrorOut(Schema):
    """A refusal: what is wrong, or what to do, in one or more sentences."""

    detail: str


# What any operation may answer besides its own success: a bad request (400), no or a refused
# token (401), not allowed (403), nothing there (404), a conflict (409), input the schema
# refuses (422), the database briefly away (503).
ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429, 503)
# How django-ninja wraps a response schema (Operation._create_response_model).
_ERROR_RESPONSE = type(
    "NinjaResponseSchema", (Schema,), {"__annotations__": {"response": ErrorOut}}
)
# At most this many problems are named in one answer; the rest are counted.
NAMED_PROBLEMS = 5


class PlenaryAPI(NinjaAPI):
    """The API: refusals in its own shape and language; every operation, whichever router
    added it, declares the error answers in the schema."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        install(self)

    @property
    def urls(self) -> Any:
        # Once, when the URLconf is loaded: every router is registered by then, and nothing is
        # served yet, so the operations answer the same before and after the schema is read.
        declare_error_responses(self)
        return super().urls


def declare_error_responses(api: NinjaAPI) -> None:
    """Declare the error answers on every operation the API serves."""
    # The operations served (and described) are the bound routers' copies, made once every
    # router is registered.
    for router in api._get_bound_routers():
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for status in ERROR_STATUSES:
                    if status not in operation.response_models:
                        operation.response_models[status] = _ERROR_RESPONSE


def install(api: NinjaAPI) -> None:
    """Answer our refusals and django-ninja's own in the API's shape and the caller's
    language."""

    def respond(request: HttpRequest, detail: str, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": detail}, status=status)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError) -> HttpResponse:
        return respond(request, validation_sentence(error.errors), 422)

    @api.exception_handler(HttpError)
    def refused(request: HttpRequest, error: HttpError) -> HttpResponse:
        return respond(request, http_error_sentence(error), error.status_code)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Exception) -> HttpResponse:
        return respond(request, str(NOTHING_HERE), 404)

    @api.exception_handler(PlenaryError)
    def domain_error(request: HttpRequest, error: PlenaryError) -> HttpResponse:
        response = respond(request, error.message, error.status)
        if retry_after := getattr(error, "retry_after", None):
            response["Retry-After"] = str(retry_after)
        return response

    @api.exception_handler(IntegrityError)
    def race(request: HttpRequest, error: IntegrityError) -> HttpResponse:
        return domain_error(request, conflict_from(error))

    for unavailable in DATABASE_UNAVAILABLE:
        api.exception_handler(unavailable)(database_unavailable)


def http_error_sentence(error: HttpError) -> str:
    """django-ninja's own refusals (in English, terse) as sentences in the caller's language."""
    if isinstance(error, AuthenticationError):
        return _("Sign in, or send an API token (Authorization: Bearer TOKEN), to do this.")
    if isinstance(error, AuthorizationError):
        return _("You are not allowed to do this.")
    if str(error).startswith("CSRF check"):
        return _(
            "The request has no valid CSRF token: reload the page and try again, or use an "
            "API token."
        )
    if str(error).startswith("Cannot parse request body"):
        return _("Cannot parse request body: send JSON.")
    return str(error)


def validation_sentence(problems: list[dict[str, Any]]) -> str:
    """The problems pydantic found in a request, as sentences that name each field."""
    sentences = [_problem(problem) for problem in problems[:NAMED_PROBLEMS]]
    rest = len(problems) - NAMED_PROBLEMS
    if rest > 0:
        sentences.append(
            ngettext("And %(count)s more problem.", "And %(count)s more problems.", rest)
            % {"count": rest}
        )
    return " ".join(sentences)


def _field(location: tuple[Any, ...]) -> str:
    """`title`, `sources[0].url`, `limit`: where the problem is, as the request names it."""
    parts = list(location)
    if parts and parts[0] in ("body", "query", "path", "form", "header", "cookie", "file"):
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name or _("the request")


def _problem(problem: dict[str, Any]) -> str:
    field = _field(tuple(problem.get("loc", ())))
    kind = problem.get("type", "")
    context = problem.get("ctx") or {}
    values = {"field": field, **{k: _shown(v) for k, v in context.items()}}
    messages = {
        "missing": _("%(field)s is required."),
        "string_too_short": _("%(field)s needs at least %(min_length)s characters."),
        "string_too_long": _("%(field)s is at most %(max_length)s characters."),
        "too_short": _("%(field)s needs at least %(min_length)s items."),
        "too_long": _("%(field)s has at most %(max_length)s items."),
        "string_type": _("%(field)s must be text."),
        "int_type": _("%(field)s must be a whole number."),
        "int_parsing": _("%(field)s must be a whole number."),
        "int_from_float": _("%(field)s must be a whole number."),
        "int_parsing_size": _("%(field)s is too large a number."),
        "float_type": _("%(field)s must be a number."),
        "float_parsing": _("%(field)s must be a number."),
        "finite_number": _("%(field)s must be a finite number."),
        "bool_type": _("%(field)s must be true or false."),
        "bool_parsing": _("%(field)s must be true or false."),
        "greater_than": _("%(field)s must be more than %(gt)s."),
        "greater_than_equal": _("%(field)s must be at least %(ge)s."),
        "less_than": _("%(field)s must be less than %(lt)s."),
        "less_than_equal": _("%(field)s must be at most %(le)s."),
        "date_type": _("%(field)s must be a date (YYYY-MM-DD)."),
        "date_parsing": _("%(field)s must be a date (YYYY-MM-DD)."),
        "date_from_datetime_parsing": _("%(field)s must be a date (YYYY-MM-DD)."),
        "date_from_datetime_inexact": _("%(field)s must be a date (YYYY-MM-DD)."),
        "datetime_type": _("%(field)s must be a date and time (ISO 8601)."),
        "datetime_parsing": _("%(field)s must be a date and time (ISO 8601)."),
        "datetime_from_date_parsing": _("%(field)s must be a date and time (ISO 8601)."),
        "time_type": _("%(field)s must be a time (HH:MM)."),
        "time_parsing": _("%(field)s must be a time (HH:MM)."),
        "timezone_aware": _("%(field)s needs a time zone offset."),
        "timezone_naive": _("%(field)s must not carry a time zone offset."),
        "list_type": _("%(field)s must be a list."),
        "dict_type": _("%(field)s must be an object."),
        "model_type": _("%(field)s must be an object."),
        "model_attributes_type": _("%(field)s must be an object."),
        "literal_error": _("%(field)s must be one of %(expected)s."),
        "enum": _("%(field)s must be one of %(expected)s."),
        "extra_forbidden": _("%(field)s is not a field this request takes."),
        "url_parsing": _("%(field)s must be a web address."),
        "url_scheme": _("%(field)s must be a web address (http or https)."),
        "json_invalid": _("%(field)s is not valid JSON."),
        "string_unicode": _("%(field)s must be text."),
    }
    if kind == "value_error" and "error" in context:
        # A schema's own check raised a sentence of ours.
        return _("%(field)s: %(error)s") % {"field": field, "error": context["error"]}
    template = messages.get(kind)
    if template is not None:
        try:
            return template % values
        except (KeyError, TypeError, ValueError):
            pass
    return _("%(field)s is not valid.") % {"field": field}


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return number_format(value)
    return str(value)
