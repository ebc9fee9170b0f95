from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from plenary import audit_trail, languages, my_work, signin
from plenary.api.routes import api

urlpatterns = [
    path("", include("plenary.portal.urls")),
    path("", include("plenary.process.urls")),
    path("", include("plenary.text.urls")),
    path("", include("plenary.positions.urls")),
    path("", include("plenary.treaty.urls")),
    path("", include("plenary.participation.urls")),
    path("", include("plenary.advocacy.urls")),
    path("", include("plenary.notifications.urls")),
    path("my-work/", my_work.my_work, name="my-work"),
    path("n/<slug:slug>/manage/audit/", audit_trail.audit_log, name="audit"),
    path("n/<slug:slug>/manage/audit.csv", audit_trail.audit_csv, name="audit-csv"),
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/login/code/", signin.enter_code, name="login-code"),
    path("accounts/login/set-up/", signin.set_up_device, name="login-setup"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", languages.set_language, name="set_language"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "plenary.error_pages.bad_request"
handler404 = "plenary.error_pages.not_found"
handler500 = "plenary.error_pages.server_error"
