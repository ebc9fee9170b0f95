from django.urls import path

from plenary.treaty import views

urlpatterns = [
    path("n/<slug:slug>/treaty/", views.treaty_status_page, name="treaty"),
    path(
        "n/<slug:slug>/treaty/instruments/new/",
        views.instrument_create,
        name="treaty-instrument-create",
    ),
    path(
        "n/<slug:slug>/treaty/national-steps/new/",
        views.national_step_create,
        name="treaty-national-step-create",
    ),
]
