"""Turning domain errors raised in views into pages that say what went wrong."""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from plenary.error_pages import database_unavailable, database_unreachable, error_page
from plenary.errors import NotSignedIn, PlenaryError


class DomainErrorMiddleware:
    """Render a domain error raised by a view as a page with its message and status, and the
    ways forward: back to the page the person came from, and the negotiation's pages. (Forms
    never get here: plenary.forms brings them back with the message.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, PlenaryError):
            return None
        if isinstance(exception, NotSignedIn) and request.method == "GET":
            return redirect_to_login(request.get_full_path())
        return error_page(request, exception.message, exception.status)


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy on every response that has none of its own.

    Scripts and styles come from Plenary's own static files only: no inline scripts, event
    handler attributes, eval, inline styles or other origins. The live room's WebSocket is the
    same origin ('self'). Pages may not be framed (as X-Frame-Options: DENY also says).
    """

    POLICY = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS)
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 (a page, or JSON for the API) when a view finds the database unreachable,
    rather than a server error; the next request reconnects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if database_unreachable(exception):
            return database_unavailable(request, exception)
        return None
