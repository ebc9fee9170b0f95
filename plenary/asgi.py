import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
django.setup(set_prefix=False)

# Django's ASGI handler, keeping the threads that run requests (plenary/request_threads.py),
# behind the public pages kept in the cache (plenary/page_cache.py).
from plenary.page_cache import ServeKeptPages  # noqa: E402
from plenary.request_threads import PooledThreadsASGIHandler  # noqa: E402

django_application = ServeKeptPages(PooledThreadsASGIHandler())

# Imported after Django is set up: the consumers use the models.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from plenary.participation.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_application,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
