"""How often one address, or one account, may do something: limits counted in the cache, which
every app server shares (Redis in production), so that several servers count together.

Each limit is defined once, in settings.RATE_LIMITS: a scope (sign-in, anonymous POSTs, the
analysis endpoints, uploads, sign-up, password reset) and, per address and per account, a rate
such as "10/m" or "20/10m" (django-ratelimit's counters: a window per key, an atomic increment).
A view takes a limit with `@rate_limited(scope)`, pages and API alike; beyond it the answer is
429 with Retry-After and a sentence that says when to try again. A cache that cannot be reached
counts nothing rather than refusing everyone (the sign-in lock-out, in the database, still
holds).
"""

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from plenary.client_address import client_address
from plenary.errors import PlenaryError

log = logging.getLogger(__name__)

# Who an account is, for a request: an explicit name (a sign-in's user name), else the person.
AccountOf = Callable[[HttpRequest], str | None]


class RateLimited(PlenaryError):
    status = 429

    def __init__(self, retry_after: int):
        self.retry_after = max(1, retry_after)
        super().__init__(
            ngettext(
                "Too many requests in a short time; try again in %(seconds)s second.",
                "Too many requests in a short time; try again in %(seconds)s seconds.",
                self.retry_after,
            )
            % {"seconds": self.retry_after}
        )


def signed_in_account(request: HttpRequest) -> str | None:
    """The account behind a request: the signed-in person, or the API token it carries (an
    API view is limited before the token is checked: a token stands for its person)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer ") and header[7:].strip():
        return "token:" + hashlib.sha256(header[7:].strip().encode()).hexdigest()
    return None


def check(request: HttpRequest, scope: str, *, account: AccountOf | None = None) -> None:
    """Count this request against the scope's limits (its address's, and its account's when
    there is one); raise RateLimited when one is exceeded."""
    for per, rate in settings.RATE_LIMITS[scope].items():
        if per == "address":
            value: str | None = client_address(request) or "unknown"
        else:
            value = (account or signed_in_account)(request)
        if not value:
            continue
        try:
            usage = get_usage(
                request,
                group=f"plenary:{scope}:{per}",
                key=lambda _group, _request, value=value: value,
                rate=rate,
                increment=True,
            )
        except Exception:  # the cache is away: count nothing rather than refuse everyone
            log.warning("Rate limit %s not counted: the cache is unavailable.", scope)
            continue
        if usage is not None and usage["should_limit"]:
            raise RateLimited(usage["time_left"])


def rate_limited(
    scope: str, *, account: AccountOf | None = None, methods: tuple[str, ...] = ("POST",)
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """A view limited in this scope, for these methods: beyond the limit it answers 429 before
    the view reads anything. For a page: `@rate_limited("sign-up")`; for an API operation,
    before it parses its body: `@decorate_view(rate_limited("analysis"))` (django-ninja)."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method in methods:
                try:
                    check(request, scope, account=account)
                except RateLimited as error:
                    return too_many(request, error)
            return view(request, *args, **kwargs)

        return limited

    return decorate


def too_many(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """The 429 answer outside a view: JSON for the API, a page for people."""
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": error.message}, status=429)
    else:
        response = render(request, "error.html", {"message": error.message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


class RateLimitMiddleware:
    """Limits that hold whatever the view: every POST from someone not signed in (no session,
    no API token) counts against its address, and every upload (a request with files: a Word
    draft, an intervention's files) against its address and its account."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            if request.method == "POST" and not _signed_in(request):
                check(request, "anonymous-post")
            if request.method in {"POST", "PUT", "PATCH"} and _uploading(request):
                check(request, "upload")
        except RateLimited as error:
            return too_many(request, error)
        return self.get_response(request)


def _uploading(request: HttpRequest) -> bool:
    """A request that carries files (a form without files is no upload, whatever its type)."""
    return (request.content_type or "").startswith("multipart/") and bool(request.FILES)


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    return request.headers.get("Authorization", "").lower().startswith("bearer ")
