from django.urls import path

from plenary.text import views

urlpatterns = [
    path("n/<slug:slug>/versions/", views.version_list, name="versions"),
    path("n/<slug:slug>/versions/<int:pk>/", views.version_detail, name="version"),
]
