from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from plenary.api.routes import api

urlpatterns = [
    path("", include("plenary.process.urls")),
    path("", include("plenary.text.urls")),
    path("", include("plenary.positions.urls")),
    path("", include("plenary.treaty.urls")),
    path("", include("plenary.participation.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
