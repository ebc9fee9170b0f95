"""Bad input answers a clear 4xx and writes nothing: an id no database can hold among a
statement's sessions (API and form), a session in the year 447, and a closed session linked
to a statement, which answers exactly as one that does not exist (no oracle for closed
sessions)."""

import datetime

from plenary.advocacy.models import Statement
from plenary.process.models import Session
from tests import factories as f
from tests.advocacy.factories import make_coalition, publish

HUGE = 3828200758853974360064


def _statement(sessions):
    return {
        "kind": "open_letter",
        "title": "Letter",
        "text": "We write.",
        "eids": [],
        "sessions": sessions,
    }


def test_an_id_no_database_can_hold_among_a_statements_sessions_is_refused(world, client):
    publish(world)
    make_coalition(world)
    base = f"/api/negotiations/{world.negotiation.slug}/coalitions/human-rights-caucus"
    token = {"Authorization": f"Bearer {f.token_for(world.stakeholder)}"}
    api = client.post(f"{base}/statements", _statement([HUGE]), "application/json", headers=token)
    assert api.status_code == 422 and "sessions" in api.json()["detail"]
    client.force_login(world.stakeholder)
    form = client.post(
        f"/n/{world.negotiation.slug}/coalitions/human-rights-caucus/statements/",
        {"kind": "open_letter", "title": "Letter", "text": "We write.", "sessions": [str(HUGE)]},
    )
    # The form offers the sessions to choose from: anything else is not one of them.
    assert form.status_code == 400 and "not one of the available choices" in form.content.decode()
    assert not Statement.objects.exists()


def test_a_closed_session_answers_as_one_that_does_not_exist(world, client):
    publish(world)
    make_coalition(world)
    base = f"/api/negotiations/{world.negotiation.slug}/coalitions/human-rights-caucus"
    token = {"Authorization": f"Bearer {f.token_for(world.stakeholder)}"}
    missing = Session.objects.order_by("-pk").first().pk + 100

    def detail(pk):
        answer = client.post(
            f"{base}/statements", _statement([pk]), "application/json", headers=token
        )
        return answer.status_code, answer.json()["detail"].replace(str(pk), "N")

    assert detail(world.closed_session.pk) == detail(missing)
    assert detail(missing)[0] == 400
    other = f.make_session(f.make_negotiation(), title="Elsewhere")
    assert detail(other.pk) == detail(missing)  # nor one of another negotiation
    assert not Statement.objects.exists()


def test_a_session_in_the_year_447_is_refused_and_date_times_stay_valid(world, client):
    token = {"Authorization": f"Bearer {f.token_for(world.secretariat)}"}
    session = {
        "kind": "substantive",
        "number": 9,
        "title": "Ancient session",
        "start": "0447-03-01",
        "end": "0447-03-05",
        "city": "Vienna",
        "timezone": "Europe/Vienna",
        "mode": "in_person",
        "openness": "open",
    }
    url = f"/api/negotiations/{world.negotiation.slug}/sessions"
    refused = client.post(url, session, "application/json", headers=token)
    assert refused.status_code == 400
    assert "between 1945 and 2199" in refused.json()["detail"]
    moved = client.patch(
        f"{url}/{world.open_session.pk}",
        {"lock_version": world.open_session.lock_version, "start": "0447-03-01"},
        "application/json",
        headers=token,
    )
    assert moved.status_code == 400
    assert not Session.objects.filter(start__year=447).exists()
    world.open_session.refresh_from_db()
    assert world.open_session.start.year > 1945
    assert world.open_session.start != datetime.date(447, 3, 1)
