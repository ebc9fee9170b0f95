"""Answers when something fails outside the domain rules: the database cannot be reached
(503), a request is refused before any view (400), an address matches nothing (404) or the
code fails (500). The API answers these in its
own shape, `{"detail": ...}`; pages answer in the site's style. None of them says more than
what a user can act on: no exception text, no stack trace, no server names."""

import logging
import sys
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What Django raises when the database server is down, restarting or unreachable.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
# An address that matches nothing, as the API says it (pages show the 404 template).
NOTHING_HERE = gettext_lazy("There is nothing at this address.")

logger = logging.getLogger("plenary.unavailable")
# When even the 500 page cannot be rendered (a template or a catalog is broken): plain English.
PLAIN_SERVER_ERROR = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Server error</title>'
    "</head><body><h1>Something went wrong on our side</h1><p>Nothing you entered was saved "
    'halfway. Please try again in a moment.</p><p><a href="/">Back to the start page</a></p>'
    "</body></html>"
)


def database_unreachable(error: BaseException | None) -> bool:
    """Whether a failure comes from the database being unreachable. The error itself may be
    another one: a response schema reading a lazy query gets the database's error wrapped in
    its own. Django marks a connection that saw an error, so ask whether it still works."""
    if isinstance(error, DATABASE_UNAVAILABLE):
        return True
    return any(
        conn.errors_occurred and (conn.connection is None or not conn.is_usable())
        for conn in connections.all(initialized_only=True)
    )


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def database_unavailable(request: HttpRequest, error: Exception | None = None) -> HttpResponse:
    """503 with a page (or JSON for the API) that asks the database for nothing."""
    logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=error)
    if is_api(request):
        detail = _("The record is briefly unavailable; nothing was saved. Try again in a minute.")
        response: HttpResponse = JsonResponse({"detail": detail}, status=503)
    else:
        # Rendered without the request: context processors would read the session and the
        # account, which live in the database that is down.
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _came_from(request: HttpRequest) -> str | None:
    """The page of this site the person came from (to go back to it), if it is another one."""
    referer = request.headers.get("Referer", "")
    if not referer or not url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return None
    path = urlsplit(referer)
    if path.path == request.path and request.method == "GET":
        return None
    return urlunsplit(("", "", path.path, path.query, path.fragment)) or None


def _negotiation_page(request: HttpRequest) -> str | None:
    """The page of the negotiation whose address this is, as a way forward."""
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match is not None else None
    if not slug:
        return None
    try:
        return reverse("negotiation", args=[slug])
    except NoReverseMatch:
        return None


def error_page(request: HttpRequest, message: Any, status: int) -> HttpResponse:
    """A refusal as a page: the sentence, and the ways forward (back where the person was, the
    negotiation's page, the start page). htmx puts it in place of the whole page."""
    context = {
        "message": message,
        "came_from": _came_from(request),
        "negotiation_page": _negotiation_page(request),
    }
    response = render(request, "error.html", context, status=status)
    if request.headers.get("HX-Request") == "true":
        response["HX-Retarget"] = "body"
        response["HX-Reswap"] = "innerHTML"
    return response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A request Django refuses before any view (too large, too many fields or files)."""
    message = _(
        "The request was refused: it is too large or malformed. Send a smaller file or less "
        "text at a time."
    )
    if is_api(request):
        return JsonResponse({"detail": message}, status=400)
    return error_page(request, message, 400)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": str(NOTHING_HERE)}, status=404)
    context = {"came_from": _came_from(request), "negotiation_page": _negotiation_page(request)}
    return render(request, "404.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it can still be looked at.
    if database_unreachable(sys.exc_info()[1]):
        return database_unavailable(request)
    if is_api(request):
        return JsonResponse(
            {"detail": _("Something went wrong on our side; nothing was saved halfway.")},
            status=500,
        )
    from django.views.defaults import server_error as page

    try:
        return page(request)
    except Exception:  # the page itself fails: answer without templates or translations
        logging.getLogger("django.request").exception("The 500 page failed: %s", request.path)
        return HttpResponseServerError(PLAIN_SERVER_ERROR)
