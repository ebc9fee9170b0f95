from django.urls import path

from plenary.advocacy import red_line_views, views

C = "n/<slug:slug>/coalitions/<slug:coalition>"
S = "n/<slug:slug>/statements/<int:pk>"
R = "n/<slug:slug>/red-lines/<int:pk>"

urlpatterns = [
    path("n/<slug:slug>/coalitions/", views.coalition_list, name="coalitions"),
    path("n/<slug:slug>/coalitions/new/", views.coalition_create, name="coalition-create"),
    path(f"{C}/", views.coalition_detail, name="coalition"),
    path(f"{C}/invitations/", views.coalition_invite, name="coalition-invite"),
    path(
        f"{C}/invitations/<int:pk>/accept/",
        views.invitation_accept,
        name="coalition-invitation-accept",
    ),
    path(
        f"{C}/invitations/<int:pk>/decline/",
        views.invitation_decline,
        name="coalition-invitation-decline",
    ),
    path(
        f"{C}/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="coalition-invitation-withdraw",
    ),
    path(f"{C}/leave/", views.coalition_leave, name="coalition-leave"),
    path(
        f"{C}/members/<int:member>/role/",
        views.coalition_member_role,
        name="coalition-member-role",
    ),
    path(
        f"{C}/members/<int:member>/remove/",
        views.coalition_member_remove,
        name="coalition-member-remove",
    ),
    path(f"{C}/statements/", views.statement_create, name="statement-create"),
    path(f"{C}/red-lines/", red_line_views.red_line_create, name="red-line-create"),
    path(f"{C}/scorecard/", red_line_views.scorecard, name="scorecard"),
    path(f"{S}/", views.statement_detail, name="statement"),
    path(f"{S}/reword/", views.statement_reword, name="statement-reword"),
    path(f"{S}/translate/", views.statement_translate, name="statement-translate"),
    path(f"{S}/status/", views.statement_status, name="statement-status"),
    path(f"{S}/sign/", views.statement_sign, name="statement-sign"),
    path(f"{S}/withdraw/", views.statement_withdraw, name="statement-withdraw"),
    path(f"{S}/signatories.csv", views.statement_csv, name="statement-csv"),
    path(f"{S}/pdf/", views.statement_pdf, name="statement-pdf"),
    path(f"{R}/", red_line_views.red_line_detail, name="red-line"),
    path(f"{R}/assess/", red_line_views.red_line_assess, name="red-line-assess"),
]
