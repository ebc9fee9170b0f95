"""The real SMTP server of the notification tests."""

from tests.notifications.conftest import smtp  # noqa: F401
