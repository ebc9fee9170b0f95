"""Who is calling: a bearer token, or the signed-in browser session (with CSRF)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, django_auth

from plenary.errors import NotSignedIn
from plenary.process.models import ApiToken


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user


bearer = BearerToken()
# Writes accept a token or a browser session; ninja's session auth enforces CSRF.
WRITE_AUTH = [bearer, django_auth]


def reader(request: HttpRequest) -> Any:
    """The caller of a read endpoint: token holder, signed-in user, or the anonymous public."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        user = ApiToken.authenticate(header[7:].strip())
        if user is None:
            raise NotSignedIn(_("The API token is not valid (revoked, mistyped or expired)."))
        return user
    return request.user
