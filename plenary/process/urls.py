from django.urls import path

from plenary.process import account_views, views

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
    path("n/<slug:slug>/accreditation/sign-up/", account_views.sign_up, name="sign-up"),
    path("accounts/sign-up/", account_views.sign_up_choose, name="sign-up-choose"),
    path("accounts/welcome/<str:uidb64>/<str:token>/", account_views.welcome, name="welcome"),
    path(
        "accounts/password-reset/",
        account_views.PasswordResetView.as_view(),
        name="password-reset",
    ),
    path(
        "accounts/password-reset/sent/",
        account_views.PasswordResetDoneView.as_view(),
        name="password-reset-done",
    ),
    path(
        "accounts/reset/<str:uidb64>/<str:token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "accounts/reset/done/",
        account_views.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("people/", account_views.people, name="people"),
    path("people/<int:pk>/", account_views.person_page, name="person"),
    path("people/<int:pk>/role/", account_views.person_role, name="person-role"),
    path("people/<int:pk>/deactivate/", account_views.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate/", account_views.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/reinvite/", account_views.person_reinvite, name="person-reinvite"),
    path(
        "people/<int:pk>/enrollment-code/",
        account_views.person_enrollment,
        name="person-enrollment",
    ),
    path("my-delegation/", account_views.delegation_members, name="delegation-members"),
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
]
