from django.urls import path

from plenary.process import views

urlpatterns = [
    path("n/<slug:slug>/sessions/<int:pk>/", views.session_detail, name="session"),
    path("n/<slug:slug>/delegations/", views.delegations, name="delegations"),
    path("n/<slug:slug>/documents/", views.documents, name="documents"),
    path("n/<slug:slug>/accreditation/", views.accreditation_list, name="accreditation"),
    path(
        "n/<slug:slug>/accreditation/request/",
        views.accreditation_request,
        name="accreditation-request",
    ),
    path(
        "n/<slug:slug>/accreditation/list-organization/",
        views.accreditation_list_organization,
        name="accreditation-list-organization",
    ),
    path(
        "n/<slug:slug>/accreditation/<int:pk>/object/",
        views.accreditation_object,
        name="accreditation-object",
    ),
    path(
        "n/<slug:slug>/accreditation/<int:pk>/decide/",
        views.accreditation_decide,
        name="accreditation-decide",
    ),
    path("n/<slug:slug>/manage/", views.manage, name="manage"),
    path("n/<slug:slug>/manage/sessions/new/", views.session_create, name="session-create"),
    path("n/<slug:slug>/manage/sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path(
        "n/<slug:slug>/manage/sessions/<int:pk>/suspend/",
        views.session_suspend,
        name="session-suspend",
    ),
    path(
        "n/<slug:slug>/manage/sessions/<int:pk>/reconvene/",
        views.session_reconvene,
        name="session-reconvene",
    ),
    path("n/<slug:slug>/manage/roadmap/new/", views.deadline_create, name="deadline-create"),
    path("n/<slug:slug>/manage/roadmap/<int:pk>/edit/", views.deadline_edit, name="deadline-edit"),
    path("n/<slug:slug>/manage/audit/", views.audit_log, name="audit"),
]
