"""Permission cases for choosing the interface language: anyone may, signed in or not."""

from tests.permissions.common import Case, N, everyone

CASES = [
    Case(
        "set_language",
        "POST",
        lambda w: "/i18n/setlang/",
        everyone(302),
        data=lambda w: {"language": "fr", "next": f"{N}/"},
    ),
    Case("set_language", "GET", lambda w: "/i18n/setlang/", everyone(302), label="no change"),
]
