from django.urls import path

from plenary.notifications import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read/", views.inbox_read, name="inbox-read"),
    path("inbox/language/", views.inbox_language, name="inbox-language"),
    path("n/<slug:slug>/follow/", views.follow, name="follow"),
    path("n/<slug:slug>/unfollow/", views.unfollow, name="unfollow"),
]
