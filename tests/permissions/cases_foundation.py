"""Permission cases for the foundation, the negotiating text, positions and analysis."""

import datetime

from django.utils import timezone

from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.models.sessions import SessionEventKind
from plenary.text.models import Package, Proposal, Submission
from plenary.text.services.versions import import_version
from tests import factories as f
from tests.permissions.common import PROCESS, SEES_CLOSED, A, Case, N, everyone, only


def session_form(w) -> dict:
    return {
        "kind": "substantive",
        "number": 7,
        "title": "Seventh session",
        "start": "2024-01-08",
        "end": "2024-01-19",
        "city": "Vienna",
        "timezone": "Europe/Vienna",
        "mode": "in_person",
        "openness": "open",
        "lock_version": w.open_session.lock_version,
    }


def session_json(w) -> dict:
    data = session_form(w)
    del data["lock_version"]
    return data


CASES = [
    Case("home", "GET", lambda w: "/", everyone(200)),
    Case("negotiation", "GET", lambda w: f"{N}/", everyone(200)),
    Case("session", "GET", lambda w: f"{N}/sessions/{w.open_session.pk}/", everyone(200)),
    Case(
        "session",
        "GET",
        lambda w: f"{N}/sessions/{w.closed_session.pk}/",
        # Facts for the public and stakeholders (kind, dates, place, who convened it); the
        # content for delegations, the secretariat and the chair.
        everyone(200),
        label="closed",
    ),
    Case("delegations", "GET", lambda w: f"{N}/delegations/", everyone(200)),
    Case("documents", "GET", lambda w: f"{N}/documents/", everyone(200)),
    Case("accreditation", "GET", lambda w: f"{N}/accreditation/", everyone(200)),
    Case(
        "accreditation-request",
        "POST",
        lambda w: f"{N}/accreditation/request/",
        # Allowed, and refused as a conflict: the organization is already admitted (advocacy).
        only(("stakeholder",), 409, anon=401),
    ),
    Case(
        "accreditation-list-organization",
        "POST",
        lambda w: f"{N}/accreditation/list-organization/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"name": "Listed NGO", "slug": "listed-ngo", "kind": "ngo"},
    ),
    Case(
        "accreditation-object",
        "POST",
        lambda w: f"{N}/accreditation/{w.pending.pk}/object/",
        only(("delegate",), 302, anon=401),
        data=lambda w: {"reason": "Not related to the mandate."},
    ),
    Case(
        "accreditation-decide",
        "POST",
        lambda w: f"{N}/accreditation/{w.held.pk}/decide/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"admit": "1", "note": "Decided at the 3rd meeting."},
    ),
    Case("manage", "GET", lambda w: f"{N}/manage/", only(PROCESS, 200, anon=302)),
    Case("session-create", "GET", lambda w: f"{N}/manage/sessions/new/", only(PROCESS, 200, 302)),
    Case(
        "session-create",
        "POST",
        lambda w: f"{N}/manage/sessions/new/",
        only(PROCESS, 302, anon=401),
        data=session_form,
    ),
    Case(
        "session-edit",
        "GET",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/edit/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "session-edit",
        "POST",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/edit/",
        only(PROCESS, 302, anon=401),
        data=lambda w: session_form(w) | {"number": 1, "title": "First session (renamed)"},
    ),
    Case(
        "session-suspend",
        "GET",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/suspend/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "session-suspend",
        "POST",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/suspend/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"on": "2022-03-11"},
    ),
    Case(
        "session-reconvene",
        "GET",
        lambda w: f"{N}/manage/sessions/{w.suspended.pk}/reconvene/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "session-reconvene",
        "POST",
        lambda w: f"{N}/manage/sessions/{w.suspended.pk}/reconvene/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {
            "start": "2024-07-29",
            "end": "2024-08-09",
            "city": "New York",
            "mode": "in_person",
        },
    ),
    Case("deadline-create", "GET", lambda w: f"{N}/manage/roadmap/new/", only(PROCESS, 200, 302)),
    Case(
        "deadline-create",
        "POST",
        lambda w: f"{N}/manage/roadmap/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"date": "2032-07-01", "chapters": "Preamble\nTechnical assistance"},
    ),
    Case(
        "deadline-edit",
        "GET",
        lambda w: f"{N}/manage/roadmap/{w.deadline.pk}/edit/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "deadline-edit",
        "POST",
        lambda w: f"{N}/manage/roadmap/{w.deadline.pk}/edit/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"date": "2032-04-15", "chapters": "Criminalization", "lock_version": 1},
    ),
    Case("audit", "GET", lambda w: f"{N}/manage/audit/", only(PROCESS, 200, anon=302)),
    Case("audit-csv", "GET", lambda w: f"{N}/manage/audit.csv", only(PROCESS, 200, anon=302)),
    Case("vote", "GET", lambda w: "/votes/A/RES/74/247/", everyone(200)),
    Case("versions", "GET", lambda w: f"{N}/versions/", everyone(200)),
    Case(
        "version-pdf",
        "GET",
        lambda w: f"{N}/versions/{w.informal.pk}/pdf/",
        only(SEES_CLOSED, 200, anon=404, other=404),
    ),
    Case("version-akn", "GET", lambda w: f"{N}/versions/{w.published.pk}/akn/", everyone(200)),
    Case(
        "version-docx",
        "GET",
        lambda w: f"{N}/versions/{w.informal.pk}/docx/",
        only(SEES_CLOSED, 200, anon=404, other=404),
    ),
    Case(
        "version-import",
        "GET",
        lambda w: f"{N}/manage/versions/import/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "version-publish",
        "POST",
        lambda w: f"{N}/manage/versions/{w.informal.pk}/publish/",
        # Stakeholders and the public cannot even see an informal draft.
        {"anon": 404, "stakeholder": 404, "delegate": 403, "secretariat": 302, "chair": 302},
    ),
    Case(
        "compare",
        "GET",
        lambda w: f"{N}/compare/?from={w.informal.pk}&to={w.published.pk}",
        only(SEES_CLOSED, 200, anon=404, other=404),
    ),
    Case(
        "compare-docx",
        "GET",
        lambda w: f"{N}/compare/docx/?from={w.published.pk}&to={w.published.pk}",
        everyone(200),
    ),
    Case("consensus", "GET", lambda w: f"{N}/consensus/?bloc=african-group", everyone(200)),
    Case("search", "GET", lambda w: f"{N}/search/?q=cybercrime", everyone(200)),
    Case(
        "search",
        "GET",
        lambda w: f"{N}/search/?q=cybercrime&version={w.informal.pk}",
        only(SEES_CLOSED, 200, anon=400, other=400),
        label="an informal draft",
    ),
    Case(
        "search",
        "GET",
        lambda w: f"{N}/search/?q=cybercrime&kind=proposals",
        only(SEES_CLOSED, 200, anon=400, other=400),
        label="open proposals",
    ),
    Case(
        "working-draft", "GET", lambda w: f"{N}/draft/", only(SEES_CLOSED, 200, anon=302, other=404)
    ),
    Case(
        "draft-paragraph",
        "GET",
        lambda w: f"{N}/draft/p/{w.p1.pk}/",
        only(SEES_CLOSED, 200, anon=302, other=404),
    ),
    Case(
        "propose",
        "POST",
        lambda w: f"{N}/draft/p/{w.p1.pk}/propose/",
        {"anon": 401, "stakeholder": 404, "delegate": 302, "secretariat": 403, "chair": 403},
        data=lambda w: {"kind": "replace", "text": "To end cybercrime."},
    ),
    Case(
        "cosponsor",
        "POST",
        lambda w: f"{N}/draft/proposals/{w.kenya_proposal.pk}/cosponsor/",
        only(("delegate",), 302, anon=401),
    ),
    Case(
        "cosponsor-withdraw",
        "POST",
        lambda w: f"{N}/draft/proposals/{w.cosponsored_proposal.pk}/cosponsor/withdraw/",
        # Brazil co-sponsors a proposal of Kenya and leaves it.
        only(("delegate",), 302, anon=401),
    ),
    Case(
        "withdraw",
        "POST",
        lambda w: f"{N}/draft/proposals/{w.brazil_proposal.pk}/withdraw/",
        only(("delegate",), 302, anon=401),
    ),
    Case(
        "paragraph-status",
        "POST",
        lambda w: f"{N}/draft/p/{w.p2.pk}/status/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
        data=lambda w: {"status": "agreed_ad_ref"},
    ),
    Case(
        "package-propose",
        "POST",
        lambda w: f"{N}/draft/packages/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
        data=lambda w: {"title": "Scope", "provisions": [w.p1.pk, w.p3.pk]},
    ),
    *[
        Case(
            name,
            "POST",
            lambda w, path=path: f"{N}/draft/p/{w.p2.pk}/{path}",
            {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
            data=data,
        )
        for name, path, data in (
            (
                "edit-wording",
                "edit/",
                lambda w: {"text": "To cooperate widely.", "reason": "Agreed."},
            ),
            (
                "insert-paragraph",
                "insert/",
                lambda w: {
                    "where": "after",
                    "text": "To train.",
                    "reason": "Proposed by the chair.",
                },
            ),
            ("move-paragraph", "move/", lambda w: {"direction": "down"}),
            ("delete-paragraph", "delete/", lambda w: {"reason": "Merged into 1."}),
            (
                "delete-article",
                "delete-article/",
                lambda w: {"reason": "Not needed."},
            ),
            (
                "move-article",
                "move-article/",
                lambda w: {"chapter": w.chapter.pk},
            ),
        )
    ],
    Case(
        "choose-alternative",
        "POST",
        lambda w: f"{N}/draft/p/{w.p1.pk}/choose/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
        data=lambda w: {"bracket": 0, "alternative": 1},
    ),
    Case(
        "merge-alternatives",
        "POST",
        lambda w: f"{N}/draft/p/{w.p1.pk}/merge/0/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
        data=lambda w: {
            "wording": "prevent and combat",
            "reason": "Both kept.",
        },
    ),
    Case(
        "accept-proposal",
        "POST",
        lambda w: f"{N}/draft/proposals/{w.kenya_proposal.pk}/accept/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
    ),
    Case(
        "insert-article",
        "POST",
        lambda w: f"{N}/draft/articles/",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 302},
        data=lambda w: {
            "chapter": w.chapter.pk,
            "after": w.article.pk,
            "title": "Review",
            "reason": "Proposed by the chair.",
        },
    ),
    Case(
        "renumber",
        "POST",
        lambda w: f"{N}/draft/renumber/",
        # Nothing to renumber in a text numbered 1: the chair passes the gate, then 400.
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 400},
    ),
    Case(
        "issue-version",
        "POST",
        lambda w: f"{N}/draft/issue/",
        # The secretariat and the chair issue; nothing changed since the last version: 409.
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 409, "chair": 409},
        data=lambda w: {"label": "Rev.1", "date": "2024-01-01"},
    ),
    Case(
        "adopt",
        "GET",
        lambda w: f"{N}/draft/adopt/",
        only(SEES_CLOSED, 200, anon=302, other=404),
    ),
    Case(
        "package-decide",
        "POST",
        lambda w: f"{N}/draft/packages/{w.package.pk}/decide/",
        only(("chair",), 302, anon=401),
        data=lambda w: {"accept": "0"},
    ),
    Case(
        "adopt",
        "POST",
        lambda w: f"{N}/draft/adopt/",
        # The chair passes the gate; the open bracket in the text then refuses adoption.
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 403, "chair": 409},
        data=lambda w: {"symbol": "A/AC.291/L.1", "date": "2024-08-08"},
    ),
    Case("deadline", "GET", lambda w: f"{N}/roadmap/{w.open_deadline.pk}/", everyone(200)),
    Case(
        "submit",
        "POST",
        lambda w: f"{N}/roadmap/{w.open_deadline.pk}/submit/",
        only(("delegate",), 302, anon=401),
        data=lambda w: {"chapter": "Final provisions", "text": "Article 1. Purposes\nText."},
    ),
    Case(
        "deadline-late",
        "POST",
        lambda w: f"{N}/manage/roadmap/{w.open_deadline.pk}/late/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"allowed": "1"},
    ),
    Case(
        "deadline-consolidate",
        "GET",
        lambda w: f"{N}/manage/roadmap/{w.open_deadline.pk}/consolidate/?chapter=Final+provisions",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "deadline-consolidate",
        "POST",
        lambda w: f"{N}/manage/roadmap/{w.open_deadline.pk}/consolidate/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"chapter": "Final provisions", "label": "CND", "date": "2024-01-01"},
    ),
    Case("version", "GET", lambda w: f"{N}/versions/{w.published.pk}/", everyone(200)),
    Case(
        "version",
        "GET",
        lambda w: f"{N}/versions/{w.informal.pk}/",
        only(SEES_CLOSED, 200, anon=404, other=404),
        label="informal",
    ),
    Case(
        "version-paragraph",
        "GET",
        lambda w: f"{N}/versions/{w.published.pk}/p/art_1__para_1/",
        everyone(200),
    ),
    Case(
        "version-paragraph",
        "GET",
        lambda w: f"{N}/versions/{w.informal.pk}/p/art_1__para_1/",
        only(SEES_CLOSED, 200, anon=404, other=404),
        label="informal",
    ),
    Case(
        "version-paragraph",
        "GET",
        lambda w: f"{N}/versions/{w.published.pk}/p/art_9__para_9/",
        everyone(404),
        label="no such paragraph",
    ),
    Case("login", "GET", lambda w: "/accounts/login/", everyone(200)),
    Case("logout", "POST", lambda w: "/accounts/logout/", everyone(302)),
    # The JSON API: reads are public within what each caller may see; writes need an account.
    Case("api:openapi-json", "GET", lambda w: "/api/openapi.json", everyone(200), api=True),
    Case("api:openapi-view", "GET", lambda w: "/api/docs", everyone(200), api=True),
    Case("api:api-root", "GET", lambda w: "/api/", everyone(404), api=True),
    Case("api:list_negotiations", "GET", lambda w: "/api/negotiations", everyone(200), api=True),
    Case("api:negotiation_detail", "GET", lambda w: A, everyone(200), api=True),
    Case("api:list_sessions", "GET", lambda w: f"{A}/sessions", everyone(200), api=True),
    Case(
        "api:create_session",
        "POST",
        lambda w: f"{A}/sessions",
        only(PROCESS, 201, anon=401),
        data=session_json,
        api=True,
    ),
    Case(
        "api:session_detail",
        "GET",
        lambda w: f"{A}/sessions/{w.open_session.pk}",
        everyone(200),
        api=True,
    ),
    Case(
        "api:session_detail",
        "GET",
        lambda w: f"{A}/sessions/{w.closed_session.pk}",
        # A closed meeting is a fact for everyone; its content is withheld from the public.
        everyone(200),
        api=True,
        label="closed",
    ),
    Case(
        "api:update_session",
        "PATCH",
        lambda w: f"{A}/sessions/{w.open_session.pk}",
        only(PROCESS, 200, anon=401),
        data=lambda w: {"lock_version": w.open_session.lock_version, "title": "Renamed"},
        api=True,
    ),
    Case(
        "api:suspend_session",
        "POST",
        lambda w: f"{A}/sessions/{w.open_session.pk}/suspend",
        only(PROCESS, 200, anon=401),
        data=lambda w: {"on": "2022-03-11"},
        api=True,
    ),
    Case(
        "api:reconvene_session",
        "POST",
        lambda w: f"{A}/sessions/{w.suspended.pk}/reconvene",
        only(PROCESS, 201, anon=401),
        data=lambda w: {
            "start": "2024-07-29",
            "end": "2024-08-09",
            "mode": "in_person",
            "city": "New York",
        },
        api=True,
    ),
    Case("api:list_roadmap", "GET", lambda w: f"{A}/roadmap", everyone(200), api=True),
    Case(
        "api:set_deadline",
        "POST",
        lambda w: f"{A}/roadmap",
        only(PROCESS, 201, anon=401),
        data=lambda w: {"date": "2032-07-01", "chapters": ["Preamble"]},
        api=True,
    ),
    Case("api:list_delegations", "GET", lambda w: f"{A}/delegations", everyone(200), api=True),
    Case("api:list_documents", "GET", lambda w: f"{A}/documents", everyone(200), api=True),
    Case("api:list_blocs", "GET", lambda w: f"{A}/blocs", everyone(200), api=True),
    Case("api:audit_trail", "GET", lambda w: f"{A}/audit", only(PROCESS, 200, 401), api=True),
    Case("api:list_accreditation", "GET", lambda w: f"{A}/accreditation", everyone(200), api=True),
    Case(
        "api:request_accreditation",
        "POST",
        lambda w: f"{A}/accreditation",
        # Allowed, and refused as a conflict: the organization is already admitted (advocacy).
        only(("stakeholder", *PROCESS), 409, anon=401),
        data=lambda w: {"organization": w.organization.slug},
        api=True,
    ),
    Case(
        "api:object_to_accreditation",
        "POST",
        lambda w: f"{A}/accreditation/{w.pending.pk}/objections",
        only(("delegate",), 201, anon=401),
        data=lambda w: {"reason": "Not related to the mandate."},
        api=True,
    ),
    Case(
        "api:decide_accreditation",
        "POST",
        lambda w: f"{A}/accreditation/{w.held.pk}/decision",
        only(PROCESS, 200, anon=401),
        data=lambda w: {"admit": False, "note": "Decided at the 3rd meeting."},
        api=True,
    ),
    Case(
        "api:vote_detail", "GET", lambda w: "/api/votes/A%2FRES%2F74%2F247", everyone(200), api=True
    ),
    Case("api:list_versions", "GET", lambda w: f"{A}/versions", everyone(200), api=True),
    Case(
        "api:version_pdf",
        "GET",
        lambda w: f"{A}/versions/{w.published.pk}/pdf",
        everyone(200),
        api=True,
    ),
    Case(
        "api:version_akn",
        "GET",
        lambda w: f"{A}/versions/{w.informal.pk}/akn",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case(
        "api:version_docx",
        "GET",
        lambda w: f"{A}/versions/{w.published.pk}/docx",
        everyone(200),
        api=True,
    ),
    Case(
        "api:compare",
        "GET",
        lambda w: f"{A}/compare?from={w.informal.pk}&to={w.published.pk}",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case("api:search", "GET", lambda w: f"{A}/search?q=cybercrime", everyone(200), api=True),
    Case(
        "api:search",
        "GET",
        lambda w: f"{A}/search?q=cybercrime&version={w.informal.pk}&kind=text",
        only(SEES_CLOSED, 200, anon=400, other=400),
        api=True,
        label="an informal draft",
    ),
    Case(
        "api:working_draft",
        "GET",
        lambda w: f"{A}/draft",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case(
        "api:list_proposals",
        "GET",
        lambda w: f"{A}/proposals",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case(
        "api:make_proposal",
        "POST",
        lambda w: f"{A}/proposals",
        only(("delegate",), 201, anon=401),
        data=lambda w: {"provision": w.p1.pk, "kind": "replace", "text": "To end cybercrime."},
        api=True,
    ),
    Case(
        "api:cosponsor_proposal",
        "POST",
        lambda w: f"{A}/proposals/{w.kenya_proposal.pk}/cosponsor",
        only(("delegate",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:withdraw_cosponsorship",
        "DELETE",
        lambda w: f"{A}/proposals/{w.cosponsored_proposal.pk}/cosponsors/BR",
        only(("delegate",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:edit_proposal",
        "PATCH",
        lambda w: f"{A}/proposals/{w.brazil_proposal.pk}",
        only(("delegate",), 200, anon=401),
        data=lambda w: {"text": "Needs a clearer definition.", "lock_version": 1},
        api=True,
    ),
    Case(
        "api:withdraw_proposal",
        "POST",
        lambda w: f"{A}/proposals/{w.brazil_proposal.pk}/withdraw",
        only(("delegate",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:set_paragraph_status",
        "POST",
        lambda w: f"{A}/paragraphs/status",
        only(("chair",), 200, anon=401),
        data=lambda w: {"eid": "art_1__para_1", "status": "informally_agreed"},
        api=True,
    ),
    Case(
        "api:accept_proposal",
        "POST",
        lambda w: f"{A}/proposals/{w.kenya_proposal.pk}/accept",
        only(("chair",), 200, anon=401, other=403),
        data=lambda w: {"reason": ""},
        api=True,
    ),
    Case(
        "api:adoption_blockers",
        "GET",
        lambda w: f"{A}/adoption/blockers",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case(
        "api:draft_changes",
        "GET",
        lambda w: f"{A}/draft/changes",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    *[
        Case(
            f"api:{name}",
            "POST",
            lambda w, path=path: f"{A}/draft/{path}",
            only(("chair",), status, anon=401),
            data=data,
            api=True,
        )
        for name, path, status, data in (
            (
                "choose_alternative",
                "choose",
                200,
                lambda w: {"provision": w.p1.pk, "bracket": 0, "alternative": 0},
            ),
            (
                "merge_alternatives",
                "merge",
                200,
                lambda w: {
                    "provision": w.p1.pk,
                    "bracket": 0,
                    "wording": "prevent and combat",
                    "reason": "Both kept.",
                },
            ),
            (
                "edit_wording",
                "edit",
                200,
                lambda w: (
                    {"provision": w.p2.pk, "text": "To cooperate.", "reason": "Typo."}
                    | {"text": "To cooperate widely."}
                ),
            ),
            (
                "insert_paragraph",
                "paragraphs",
                201,
                lambda w: {"beside": w.p2.pk, "text": "To train.", "reason": "Chair's text."},
            ),
            (
                "insert_article",
                "articles",
                201,
                lambda w: {
                    "chapter": w.chapter.pk,
                    "after": w.article.pk,
                    "title": "Review",
                    "reason": "Chair's text.",
                },
            ),
            (
                "delete_provision",
                "delete",
                200,
                lambda w: {"provision": w.p4.pk, "reason": "Gone."},
            ),
            (
                "move_provision",
                "move",
                200,
                lambda w: {"provision": w.p3.pk, "up": True, "reason": "Order."},
            ),
            # A text numbered 1 needs no renumbering: the chair passes the gate, then 400.
            ("renumber_articles", "renumber", 400, lambda w: {"reason": ""}),
        )
    ],
    Case(
        "api:issue_version",
        "POST",
        lambda w: f"{A}/draft/issue",
        # Nothing changed since the last version: those who may issue get 409.
        only(PROCESS, 409, anon=401),
        data=lambda w: {"label": "Rev.1", "date": "2024-01-01"},
        api=True,
    ),
    Case(
        "api:publish_version",
        "POST",
        lambda w: f"{A}/versions/{w.informal.pk}/publish",
        {"anon": 401, "stakeholder": 404, "delegate": 403, "secretariat": 200, "chair": 200},
        api=True,
    ),
    Case(
        "api:consolidation_plan",
        "GET",
        lambda w: f"{A}/roadmap/{w.open_deadline.pk}/consolidation?chapter=Final%20provisions",
        only(PROCESS, 200, anon=401),
        api=True,
    ),
    Case(
        "api:list_packages",
        "GET",
        lambda w: f"{A}/packages",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
    ),
    Case(
        "api:make_package",
        "POST",
        lambda w: f"{A}/packages",
        only(("chair",), 201, anon=401),
        data=lambda w: {"title": "Scope", "eids": ["art_1__para_1", "art_1__para_3"]},
        api=True,
    ),
    Case(
        "api:decide_package",
        "POST",
        lambda w: f"{A}/packages/{w.package.pk}/decision",
        only(("chair",), 200, anon=401),
        data=lambda w: {"accept": True},
        api=True,
    ),
    Case(
        "api:vote_on_package",
        "POST",
        lambda w: f"{A}/packages/{w.package.pk}/vote",
        only(("chair",), 200, anon=401),
        data=lambda w: {
            "symbol": "A/AC.291/L.9",
            "date": "2024-08-08",
            "votes": [{"iso2": "BR", "vote": "yes"}],
        },
        api=True,
    ),
    Case(
        "api:adopt_text",
        "POST",
        lambda w: f"{A}/adoption",
        only(("chair",), 409, anon=401),
        data=lambda w: {"symbol": "A/AC.291/L.1", "date": "2024-08-08"},
        api=True,
    ),
    Case(
        "api:list_submissions",
        "GET",
        lambda w: f"{A}/roadmap/{w.open_deadline.pk}/submissions",
        everyone(200),
        api=True,
    ),
    Case(
        "api:make_submission",
        "POST",
        lambda w: f"{A}/roadmap/{w.open_deadline.pk}/submissions",
        only(("delegate",), 201, anon=401),
        data=lambda w: {"chapter": "Final provisions", "text": "Article 1. Purposes\nText."},
        api=True,
    ),
    Case(
        "api:consolidate",
        "POST",
        lambda w: f"{A}/roadmap/{w.open_deadline.pk}/consolidate",
        only(PROCESS, 201, anon=401),
        data=lambda w: {"chapter": "Final provisions", "label": "CND", "date": "2024-01-01"},
        api=True,
    ),
    Case(
        "api:version_text",
        "GET",
        lambda w: f"{A}/versions/{w.published.pk}",
        everyone(200),
        api=True,
    ),
    Case(
        "api:version_text",
        "GET",
        lambda w: f"{A}/versions/{w.informal.pk}",
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
        label="informal",
    ),
    Case("api:consensus", "GET", lambda w: f"{A}/consensus", everyone(200), api=True),
    Case(
        "api:make_stance",
        "POST",
        lambda w: f"{A}/stances",
        # Delegations record their own stances; the secretariat and chair record from the record.
        only(("delegate", *PROCESS), 201, anon=401),
        data=lambda w: {
            "delegation": "BR",
            "stance": "support",
            "eid": "art_1__para_1",
            "sources": [{"symbol": "A/AC.291/CRP.1"}],
        },
        api=True,
    ),
    Case(
        "api:make_objection",
        "POST",
        lambda w: f"{A}/objections",
        only(("delegate",), 201, anon=401),
        data=lambda w: {"eid": "art_1__para_1", "reason": "Too broad."},
        api=True,
    ),
    Case(
        "api:search_package",
        "POST",
        lambda w: "/api/analysis/package-search",
        everyone(200),
        data=lambda w: {
            "issues": [{"id": "scope", "options": ["narrow", "wide"]}],
            "delegations": [
                {
                    "id": "BR",
                    "utility": {"scope": [1, 0]},
                    "salience": {"scope": 1},
                    "reservation": 0.5,
                }
            ],
        },
        api=True,
    ),
    Case(
        "api:forecast_outcome",
        "POST",
        lambda w: "/api/analysis/forecast",
        everyone(200),
        data=lambda w: {
            "positions": [{"id": "BR", "position": 40, "salience": 1}],
            "status_quo": 0,
        },
        api=True,
    ),
]


def prepare(world) -> None:
    """The records these cases act on."""
    now = timezone.now()
    world.pending = f.make_request(world.negotiation, f.make_organization(), at=now)
    world.held = f.make_request(
        world.negotiation, f.make_organization(), at=now, status=AccreditationStatus.HELD
    )
    world.suspended = f.make_session(
        world.negotiation,
        kind="concluding",
        number=None,
        status="suspended",
        start=datetime.date(2024, 1, 29),
        end=datetime.date(2024, 2, 9),
    )
    world.suspended.events.create(kind=SessionEventKind.SUSPENDED, date=datetime.date(2024, 2, 9))
    f.make_vote(world.negotiation, "A/RES/74/247", {world.brazil: "yes", world.kenya: "no"})
    draft = [
        "Article 1. Purposes",
        "1. To [prevent / combat] cybercrime.",
        "2. To cooperate.",
        "3. To assist.",
        "4. To review.",
    ]
    world.informal = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=draft,
        label="Informal",
        date=datetime.date(2023, 6, 1),
    )
    world.published = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=draft,
        label="Zero draft",
        date=datetime.date(2023, 6, 29),
        published=True,
    )
    world.p1, world.p2, world.p3, world.p4 = (
        f.provision_at(world.negotiation, f"art_1__para_{n}") for n in range(1, 5)
    )
    world.article = f.provision_at(world.negotiation, "art_1")
    world.chapter = world.article.texts.first().in_chapter or world.article
    world.kenya_proposal = Proposal.objects.create(
        negotiation=world.negotiation,
        provision=world.p1,
        kind="alternative",
        text="To prevent cybercrime.",
        delegation=world.kenya,
    )
    world.brazil_proposal = Proposal.objects.create(
        negotiation=world.negotiation,
        provision=world.p1,
        kind="comment",
        text="Needs a definition.",
        delegation=world.brazil,
    )
    world.cosponsored_proposal = Proposal.objects.create(
        negotiation=world.negotiation,
        provision=world.p3,
        kind="comment",
        text="Assist whom?",
        delegation=world.kenya,
    )
    world.cosponsored_proposal.cosponsors.add(world.brazil)
    world.package = Package.objects.create(negotiation=world.negotiation, title="Purposes")
    world.package.provisions.set([world.p2, world.p4])
    world.open_deadline = f.make_deadline(
        world.negotiation, date=datetime.date(2099, 1, 1), chapters=["Final provisions"]
    )
    Submission.objects.create(
        deadline=world.open_deadline,
        chapter="Final provisions",
        delegation=world.kenya,
        text="Article 1. Purposes\nThe States Parties agree.",
        submitted_at=timezone.now(),
    )
