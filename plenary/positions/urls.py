from django.urls import path

from plenary.positions import views

urlpatterns = [
    path("votes/<path:symbol>/", views.vote_detail, name="vote"),
    path("n/<slug:slug>/consensus/", views.consensus_map_page, name="consensus"),
]
