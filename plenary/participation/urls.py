from django.urls import path

from plenary.participation import feeds, file_views, floor_views, views

SESSION = "n/<slug:slug>/sessions/<int:pk>"
ITEM = f"{SESSION}/items/<int:item_pk>"
INTERVENTION = f"{ITEM}/interventions/<int:intervention_pk>"

urlpatterns = [
    path(f"{SESSION}/agenda/", views.agenda_page, name="agenda"),
    path(f"{SESSION}/agenda/add/", views.agenda_add, name="agenda-add"),
    path(f"{SESSION}/arrangements/", views.arrangements_edit, name="arrangements"),
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
    path(
        f"{ITEM}/speakers/<int:entry_pk>/withdraw/",
        floor_views.speakers_withdraw,
        name="speakers-withdraw",
    ),
    path(f"{ITEM}/open/", floor_views.item_open, name="item-open"),
    path(f"{ITEM}/close/", floor_views.item_close, name="item-close"),
    path(f"{ITEM}/under-discussion/", floor_views.under_discussion, name="under-discussion"),
    path(f"{ITEM}/contribute/", views.contribute, name="contribute"),
    path(
        f"{INTERVENTION}/files/", file_views.intervention_files_add, name="intervention-files-add"
    ),
    path(
        f"{INTERVENTION}/files/<int:file_pk>/",
        file_views.intervention_file,
        name="intervention-file",
    ),
    path("feeds/<slug:slug>/sessions.ics", feeds.sessions_ics, name="feed-sessions"),
    path("feeds/<slug:slug>/updates.atom", feeds.UpdatesFeed(), name="feed-updates"),
]
