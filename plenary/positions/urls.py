from django.urls import path

from plenary.positions import analysis_views, consensus_views, views

urlpatterns = [
    path("votes/<path:symbol>/", views.vote_detail, name="vote"),
    path("n/<slug:slug>/consensus/", consensus_views.consensus_map_page, name="consensus"),
    path("n/<slug:slug>/stances/", views.record_stance_view, name="record-stance"),
    path("n/<slug:slug>/objections/", views.object_view, name="object"),
    path(
        "n/<slug:slug>/objections/<int:pk>/withdraw/",
        views.withdraw_objection_view,
        name="withdraw-objection",
    ),
    path("n/<slug:slug>/issues/", analysis_views.issues_page, name="issues"),
    path("n/<slug:slug>/opinion-map/", analysis_views.opinion_map_page, name="opinion-map"),
    path(
        "n/<slug:slug>/package-search/", analysis_views.package_search_page, name="package-search"
    ),
]
