from django.urls import path

from plenary.participation import feeds, views

SESSION = "n/<slug:slug>/sessions/<int:pk>"
ITEM = f"{SESSION}/items/<int:item_pk>"

urlpatterns = [
    path(f"{SESSION}/agenda/", views.agenda_page, name="agenda"),
    path(f"{SESSION}/agenda/add/", views.agenda_add, name="agenda-add"),
    path(f"{SESSION}/register/", views.register, name="register"),
    path(f"{SESSION}/participants/", views.participants, name="participants"),
    path(f"{SESSION}/participants.csv", views.participants_csv, name="participants-csv"),
    path(f"{SESSION}/badges/", views.badges, name="badges"),
    path(f"{ITEM}/speakers/", views.speakers_page, name="speakers"),
    path(f"{ITEM}/speakers/chair/", views.chair_page, name="speakers-chair"),
    path(f"{ITEM}/speakers/request/", views.speakers_request, name="speakers-request"),
    path(f"{ITEM}/speakers/next/", views.speakers_next, name="speakers-next"),
    path(f"{ITEM}/speakers/reorder/", views.speakers_reorder, name="speakers-reorder"),
    path(
        f"{ITEM}/speakers/<int:entry_pk>/publish/",
        views.statement_publish,
        name="statement-publish",
    ),
    path(f"{ITEM}/contribute/", views.contribute, name="contribute"),
    path("feeds/<slug:slug>/sessions.ics", feeds.sessions_ics, name="feed-sessions"),
    path("feeds/<slug:slug>/updates.atom", feeds.UpdatesFeed(), name="feed-updates"),
]
