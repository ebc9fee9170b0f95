"""Permission cases for the sign-in's second step: with no password step pending, the code and
set-up pages send everyone back to the password (tests/security covers the steps themselves)."""

from tests.permissions.common import Case, everyone

CASES = [
    Case("login-code", "GET", lambda w: "/accounts/login/code/", everyone(302)),
    Case("login-code", "POST", lambda w: "/accounts/login/code/", everyone(302)),
    Case("login-setup", "GET", lambda w: "/accounts/login/set-up/", everyone(302)),
    Case("login-setup", "POST", lambda w: "/accounts/login/set-up/", everyone(302)),
]
