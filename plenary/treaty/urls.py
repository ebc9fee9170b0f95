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
    path(
        "n/<slug:slug>/treaty/adoption/new/",
        views.adoption_create,
        name="treaty-adoption-create",
    ),
    path("n/<slug:slug>/treaty/signature/", views.signature_opening, name="treaty-signature"),
    path("n/<slug:slug>/protocols/new/", views.protocol_create, name="protocol-create"),
    path("n/<slug:slug>/protocol/delegations/new/", views.protocol_admit, name="protocol-admit"),
]
