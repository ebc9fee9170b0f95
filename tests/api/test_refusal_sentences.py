"""Every refusal of the API is `{"detail": "a sentence"}`, django-ninja's own included (input
its schemas refuse, an unreadable body, no token, no CSRF token), and every operation declares
those answers in the OpenAPI schema."""

import json

import pytest

from plenary.api.errors import ERROR_STATUSES
from tests import factories as f

SESSION = {
    "kind": "substantive",
    "number": 7,
    "title": "Seventh session",
    "start": "2024-01-08",
    "end": "2024-01-19",
    "city": "Vienna",
    "mode": "in_person",
    "openness": "open",
}
SESSIONS = "/api/negotiations/test-ahc/sessions"


@pytest.fixture
def post(client, world):
    token = f.token_for(world.secretariat)

    def send(body, **headers):
        return client.post(
            SESSIONS,
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}", **headers},
        )

    return send


@pytest.mark.parametrize(
    ("body", "sentence"),
    [
        ({k: v for k, v in SESSION.items() if k != "title"}, "title is required."),
        (SESSION | {"title": "x" * 201}, "title is at most 200 characters."),
        (SESSION | {"start": "2024-02-30"}, "start must be a date (YYYY-MM-DD)."),
        (SESSION | {"number": "seventh"}, "number must be a whole number."),
        (
            SESSION | {"sources": [{"title": "Report", "url": 7}]},
            "sources[0].url must be text.",
        ),
    ],
)
def test_input_the_schema_refuses_is_one_sentence_naming_the_field(post, body, sentence):
    response = post(body)
    assert response.status_code == 422
    assert response.json() == {"detail": sentence}


def test_several_problems_are_named_then_counted(post):
    body = {"kind": 1, "number": "x", "title": 2, "start": "x", "end": "x", "city": 3, "mode": 4}
    detail = post(body).json()["detail"]
    assert isinstance(detail, str)
    assert detail.startswith("kind must be text. number must be a whole number.")
    assert detail.endswith("end must be a date (YYYY-MM-DD). And 3 more problems.")


def test_a_body_that_is_not_json_says_so(client, world):
    response = client.post(
        SESSIONS,
        '{"kind": ',
        content_type="application/json",
        headers={"Authorization": f"Bearer {f.token_for(world.secretariat)}"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body: send JSON."}


def test_a_write_without_a_token_or_a_session_says_how_to_sign_in(client, world):
    response = client.post(SESSIONS, json.dumps(SESSION), content_type="application/json")
    assert response.status_code == 401
    assert "send an API token (Authorization: Bearer TOKEN)" in response.json()["detail"]


def test_a_browser_write_without_its_csrf_token_says_what_to_do(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretariat)
    response = client.post(SESSIONS, json.dumps(SESSION), content_type="application/json")
    assert response.status_code == 403
    assert "no valid CSRF token" in response.json()["detail"]


def test_every_operation_declares_its_error_answers(client, world):
    schema = client.get("/api/openapi.json").json()
    assert schema["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    undeclared = [
        f"{method.upper()} {path}: {status}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for status in ERROR_STATUSES
        if operation["responses"].get(str(status), {}).get("content", {}).get("application/json")
        != {"schema": {"$ref": "#/components/schemas/ErrorOut"}}
    ]
    assert len(schema["paths"]) > 50
    assert undeclared == []
