"""Bad input gets a clear 4xx answer and writes nothing."""

import pytest
from django.utils import timezone

from plenary.audit.models import AuditEntry
from plenary.process.models import RoadmapDeadline, Session
from tests import factories as f

SESSION = {
    "kind": "substantive",
    "number": 7,
    "title": "Seventh session",
    "start": "2024-01-08",
    "end": "2024-01-19",
    "city": "Vienna",
    "timezone": "Europe/Vienna",
    "mode": "in_person",
    "openness": "open",
}


@pytest.fixture
def post(client, world):
    token = f.token_for(world.secretariat)

    def send(path, body, content_type="application/json"):
        return client.post(
            f"/api/negotiations/{path}",
            body,
            content_type=content_type,
            headers={"Authorization": f"Bearer {token}"},
        )

    return send


def nothing_written(before_sessions, before_audit):
    return Session.objects.count() == before_sessions and AuditEntry.objects.count() == before_audit


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ('{"kind": "substantive", "title": ', 400, "Cannot parse request body"),
        (SESSION | {"end": "2024-01-01"}, 400, "The last day (1 January 2024) is before the first"),
        (SESSION | {"start": "2024-02-30"}, 422, "date"),
        (SESSION | {"title": "x" * 201}, 422, "at most 200 characters"),
        (SESSION | {"mode": "teleport"}, 400, "Mode must be one of"),
        (SESSION | {"number": 1}, 409, "already a substantive session number 1"),
        (SESSION | {"sources": [{"title": "no link"}]}, 400, "needs a document symbol or a URL"),
        ({k: v for k, v in SESSION.items() if k != "title"}, 422, "title"),
    ],
)
def test_a_bad_session_is_refused_with_a_message_and_nothing_is_written(
    post, world, body, status, message
):
    before = (Session.objects.count(), AuditEntry.objects.count())
    response = post("test-ahc/sessions", body)
    assert response.status_code == status
    assert message in response.content.decode()
    assert nothing_written(*before)


def test_an_unknown_negotiation_is_a_404_with_a_message(client, post, world):
    assert client.get("/api/negotiations/no-such/sessions").status_code == 404
    response = post("no-such/sessions", SESSION)
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no negotiation called 'no-such'."}


def test_a_deadline_with_an_overlong_chapter_is_refused(post, world):
    response = post("test-ahc/roadmap", {"date": "2032-07-01", "chapters": ["x" * 201]})
    assert response.status_code == 400
    assert "1 to 200 characters" in response.json()["detail"]
    assert RoadmapDeadline.objects.count() == 1


def test_an_overlong_objection_is_refused(client, world):
    request = f.make_request(world.negotiation, f.make_organization(), at=timezone.now())
    token = f.token_for(world.delegate)
    response = client.post(
        f"/api/negotiations/test-ahc/accreditation/{request.pk}/objections",
        {"reason": "x" * 2001},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert request.objections.count() == 0


def test_a_bad_form_on_a_page_keeps_what_was_typed_and_says_why(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        "/n/test-ahc/manage/sessions/new/",
        {**SESSION, "end": "2024-01-01", "title": "Kept title"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "is before the first day" in page and 'value="Kept title"' in page
    assert not Session.objects.filter(title="Kept title").exists()
