"""Who is calling: a bearer token, or the signed-in browser session (with CSRF)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer, django_auth

from plenary.errors import NotSignedIn
from plenary.process.models import ApiToken
from plenary.process.models.people import TokenState

# Reads never write: a token's last use is recorded when it changes something.
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def token_user(key: str, *, writing: bool = False) -> Any:
    """The person behind a bearer token, or a 401 that says why the token is refused."""
    user, state = ApiToken.verify(key, writing=writing)
    if state == TokenState.REVOKED:
        raise NotSignedIn(_("This API token has been revoked; ask for a new one."))
    if state == TokenState.EXPIRED:
        raise NotSignedIn(_("This API token has expired; ask for a new one."))
    if user is None:
        raise NotSignedIn(_("The API token is not valid (revoked, mistyped or expired)."))
    return user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token, writing=request.method not in SAFE_METHODS)
        request.user = user
        return user


bearer = BearerToken()
# Writes accept a token or a browser session; ninja's session auth enforces CSRF.
WRITE_AUTH = [bearer, django_auth]


def reader(request: HttpRequest) -> Any:
    """The caller of a read endpoint: token holder, signed-in user, or the anonymous public."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return token_user(header[7:].strip())
    return request.user
