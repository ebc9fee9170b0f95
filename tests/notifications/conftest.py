"""A real SMTP server on loopback (aiosmtpd) that the notification emails go through."""

import socket

import pytest
from aiosmtpd.controller import Controller


class Collect:
    """Keeps every message the server accepts, and counts the connections that greeted it."""

    def __init__(self):
        self.messages = []
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):  # the name aiosmtpd calls
        self.messages.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Point Django's mail at a live SMTP server; the test reads `smtp.messages`."""
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    settings.NOTIFY_BY_EMAIL = True
    yield handler
    controller.stop()
