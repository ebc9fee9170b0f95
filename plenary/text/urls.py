from django.urls import path

from plenary.text import paragraph_page, table_views, views

urlpatterns = [
    path("n/<slug:slug>/versions/", views.version_list, name="versions"),
    path("n/<slug:slug>/search/", views.search, name="search"),
    path("n/<slug:slug>/compare/", views.compare, name="compare"),
    path("n/<slug:slug>/compare/docx/", views.compare_docx, name="compare-docx"),
    path("n/<slug:slug>/manage/versions/import/", views.version_import, name="version-import"),
    path(
        "n/<slug:slug>/manage/versions/<int:pk>/publish/",
        views.version_publish,
        name="version-publish",
    ),
    path("n/<slug:slug>/versions/<int:pk>/", views.version_detail, name="version"),
    path(
        "n/<slug:slug>/versions/<int:pk>/p/<str:eid>/",
        paragraph_page.version_paragraph,
        name="version-paragraph",
    ),
    path("n/<slug:slug>/versions/<int:pk>/akn/", views.version_akn, name="version-akn"),
    path("n/<slug:slug>/versions/<int:pk>/docx/", views.version_docx, name="version-docx"),
    path("n/<slug:slug>/versions/<int:pk>/pdf/", views.version_pdf, name="version-pdf"),
    path("n/<slug:slug>/roadmap/<int:pk>/", views.deadline_detail, name="deadline"),
    path("n/<slug:slug>/roadmap/<int:pk>/submit/", views.submission_create, name="submit"),
    path("n/<slug:slug>/manage/roadmap/<int:pk>/late/", views.deadline_late, name="deadline-late"),
    path(
        "n/<slug:slug>/manage/roadmap/<int:pk>/consolidate/",
        views.deadline_consolidate,
        name="deadline-consolidate",
    ),
    path("n/<slug:slug>/draft/", table_views.working_draft, name="working-draft"),
    path("n/<slug:slug>/draft/packages/", table_views.package_propose, name="package-propose"),
    path(
        "n/<slug:slug>/draft/packages/<int:pk>/decide/",
        table_views.package_decide,
        name="package-decide",
    ),
    path("n/<slug:slug>/draft/articles/", table_views.insert_article, name="insert-article"),
    path("n/<slug:slug>/draft/renumber/", table_views.renumber_articles, name="renumber"),
    path("n/<slug:slug>/draft/issue/", table_views.issue_version, name="issue-version"),
    path("n/<slug:slug>/draft/adopt/", table_views.adopt, name="adopt"),
    path(
        "n/<slug:slug>/draft/proposals/<int:pk>/cosponsor/",
        table_views.proposal_cosponsor,
        name="cosponsor",
    ),
    path(
        "n/<slug:slug>/draft/proposals/<int:pk>/cosponsor/withdraw/",
        table_views.cosponsor_withdraw,
        name="cosponsor-withdraw",
    ),
    path(
        "n/<slug:slug>/draft/proposals/<int:pk>/withdraw/",
        table_views.proposal_withdraw,
        name="withdraw",
    ),
    path(
        "n/<slug:slug>/draft/proposals/<int:pk>/accept/",
        table_views.proposal_accept,
        name="accept-proposal",
    ),
]

PARAGRAPH = "n/<slug:slug>/draft/p/<int:provision>/"
urlpatterns += [
    path(PARAGRAPH, table_views.draft_paragraph, name="draft-paragraph"),
    path(f"{PARAGRAPH}propose/", table_views.proposal_create, name="propose"),
    path(f"{PARAGRAPH}status/", table_views.paragraph_status, name="paragraph-status"),
    path(f"{PARAGRAPH}edit/", table_views.edit_wording, name="edit-wording"),
    path(f"{PARAGRAPH}choose/", table_views.choose_alternative, name="choose-alternative"),
    path(
        f"{PARAGRAPH}merge/<int:bracket>/",
        table_views.merge_alternatives,
        name="merge-alternatives",
    ),
    path(f"{PARAGRAPH}insert/", table_views.insert_paragraph, name="insert-paragraph"),
    path(f"{PARAGRAPH}delete/", table_views.delete_paragraph, name="delete-paragraph"),
    path(f"{PARAGRAPH}delete-article/", table_views.delete_article, name="delete-article"),
    path(f"{PARAGRAPH}move/", table_views.move_paragraph, name="move-paragraph"),
    path(f"{PARAGRAPH}move-article/", table_views.move_article, name="move-article"),
]
