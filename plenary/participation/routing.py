from django.urls import path

from plenary.participation.consumers import FloorConsumer

websocket_urlpatterns = [
    path(
        "ws/n/<slug:slug>/sessions/<int:pk>/items/<int:item_pk>/",
        FloorConsumer.as_asgi(),
        name="ws-floor",
    ),
]
