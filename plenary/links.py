"""One-time links with a lifetime of their own (invitations, second-factor enrolment codes):
Django's password-reset tokens, whose own check would cut every link's life to
PASSWORD_RESET_TIMEOUT."""

from typing import Any

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class TimedLinks(PasswordResetTokenGenerator):
    """A subclass names its `key_salt` and says how long a link lasts."""

    def lifetime_seconds(self) -> float:
        raise NotImplementedError

    def check_token(self, user: Any, token: str | None) -> bool:
        if not (user and token):
            return False
        try:
            issued_b36, _signature = token.split("-")
            issued = base36_to_int(issued_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, issued, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return self._num_seconds(self._now()) - issued <= self.lifetime_seconds()
