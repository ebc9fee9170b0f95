from django.urls import path

from plenary.portal import views

urlpatterns = [
    path("", views.home, name="home"),
    path("n/<slug:slug>/", views.negotiation_home, name="negotiation"),
]
