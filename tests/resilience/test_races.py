"""Races answered: the same request sent many times at the same moment, over real HTTP to an
app server of four processes on PostgreSQL, leaves exactly the rows it should and answers 201
once and 409 to the others with a sentence, never 500. The invariant is held by the database
(a partial unique index, a unique symbol) or by a row locked inside the transaction.

On SQLite one transaction writes at a time, so the same requests one after the other must give
the same answers; those run on both databases."""

import datetime
import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.db import connection

from plenary.decisions.services import record_decision, take_decision
from plenary.participation.models import Registration
from plenary.positions.models import Objection
from plenary.positions.services import Subject
from plenary.positions.services.objections import object_to_paragraph
from plenary.text.services.versions import import_version
from plenary.treaty.models import Treaty
from tests import factories as f
from tests.live.servers import app_server, server_env
from tests.participation.factories import make_upcoming_session

N = 40
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite writes one transaction at a time; concurrent writes are a PostgreSQL test",
)


@pytest.fixture
def live(transactional_db):
    """The app as deployed: uvicorn with four worker processes, on the test database."""
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with app_server(server_env(DATABASE_URL=url), workers=4) as (port, _pid):
        yield f"http://127.0.0.1:{port}"


def _publish(world):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Purposes", "1. To prevent cybercrime."],
        published=True,
    )


def at_once(url: str, token: str, body: dict, method: str = "POST", n: int = N) -> Counter:
    """Send the same request n times at the same moment; count the answers (status, sentence)."""
    start = threading.Barrier(n)
    answers: Counter = Counter()
    lock = threading.Lock()

    def send() -> None:
        request = urllib.request.Request(  # noqa: S310 (the live server's loopback address)
            url,
            method=method,
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                answer = (response.status, "")
        except urllib.error.HTTPError as error:
            answer = (error.code, json.loads(error.read()).get("detail", ""))
        with lock:
            answers[answer] += 1

    threads = [threading.Thread(target=send) for _ in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def _only(answers: Counter, created: int) -> list[str]:
    """One success, and every other answer a 409 with a sentence."""
    assert sum(answers.values()) == N
    assert sum(n for (status, _detail), n in answers.items() if status in (200, 201)) == created
    refusals = {detail for (status, detail), _n in answers.items() if status == 409}
    assert all(status in (200, 201, 409) for status, _detail in answers), answers
    return sorted(refusals)


@on_postgresql
def test_forty_identical_objections_at_once_leave_one(live, world):
    _publish(world)
    answers = at_once(
        f"{live}/api/negotiations/test-ahc/objections",
        f.token_for(world.delegate),
        {"eid": "art_1__para_1", "reason": "Too wide."},
    )
    assert _only(answers, created=1) == ["Brazil already objects to this."]
    assert Objection.objects.filter(delegation=world.brazil, withdrawn_at=None).count() == 1


@on_postgresql
def test_one_objection_withdrawn_forty_times_at_once_is_withdrawn_once(live, world):
    _publish(world)
    objection = object_to_paragraph(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        subject=Subject(provision=f.provision_at(world.negotiation, "art_1__para_1")),
        reason="Too wide.",
    )
    answers = at_once(
        f"{live}/api/negotiations/test-ahc/objections/{objection.pk}/withdraw",
        f.token_for(world.delegate),
        {"sources": [], "note": ""},
    )
    assert _only(answers, created=1) == ["Brazil already withdrew this objection."]
    assert not Objection.objects.filter(delegation=world.brazil, withdrawn_at=None).exists()


@on_postgresql
def test_forty_registrations_of_one_name_at_once_leave_one(live, world):
    session = make_upcoming_session(world.negotiation, title="Ninth session")
    answers = at_once(
        f"{live}/api/negotiations/test-ahc/sessions/{session.pk}/registrations",
        f.token_for(world.delegate),
        {"name": "Ana Souza", "attendance": "in_person"},
    )
    assert _only(answers, created=1) == ["Ana Souza is already registered for Ninth session."]
    assert Registration.objects.filter(session=session).count() == 1


@on_postgresql
def test_forty_adoptions_of_the_treaty_at_once_record_one(live, world):
    answers: Counter = Counter()
    token = f.token_for(world.secretariat)
    start = threading.Barrier(N)

    def adopt(n: int) -> None:
        body = {
            "title": "Convention",
            "symbol": f"A/RES/79/{n}",
            "date": "2024-12-24",
            "method": "without_vote",
            "threshold": 40,
            "days_after_threshold": 90,
            "days_after_later_deposit": 30,
        }
        request = urllib.request.Request(  # noqa: S310
            f"{live}/api/negotiations/test-ahc/treaty",
            method="POST",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        start.wait()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                answers[(response.status, "")] += 1
        except urllib.error.HTTPError as error:
            answers[(error.code, json.loads(error.read()).get("detail", ""))] += 1

    threads = [threading.Thread(target=adopt, args=(n,)) for n in range(N)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    # The service's own check says so, or, when both checked before either wrote, the
    # database's one-treaty-per-negotiation answers with the one sentence for every race.
    assert _only(answers, created=1) <= [
        "Someone else did this at the same moment; reload the page to see it, then try again.",
        "The adoption of this treaty is already recorded.",
    ]
    assert Treaty.objects.count() == 1
    # The losers' decisions went with their transactions.
    assert world.negotiation.decisions.count() == 1


def test_the_same_objection_twice_is_refused_with_a_sentence(client, world):
    _publish(world)
    token = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    url = "/api/negotiations/test-ahc/objections"
    body = {"eid": "art_1__para_1", "reason": "Too wide."}
    assert client.post(url, body, "application/json", headers=token).status_code == 201
    again = client.post(url, body, "application/json", headers=token)
    assert again.status_code == 409
    assert again.json()["detail"] == "Brazil already objects to this."


def test_the_same_name_registered_twice_in_another_case_is_refused(world):
    from plenary.errors import Conflict
    from plenary.participation.services.registration import register_participant

    session = make_upcoming_session(world.negotiation, title="Ninth session")
    register_participant(
        session,
        by=world.actors.delegate,
        name="Ana Souza",
        attendance="remote",
        delegation=world.brazil,
    )
    with pytest.raises(Conflict, match="already registered"):
        register_participant(
            session,
            by=world.actors.delegate,
            name="ANA  SOUZA",
            attendance="remote",
            delegation=world.brazil,
        )


def test_a_vote_that_does_not_carry_is_returned_as_recorded_not_raised(world):
    from django.db import transaction

    with transaction.atomic():
        taken = take_decision(
            world.negotiation,
            by=world.actors.secretariat,
            symbol="A/AC.1/V.1",
            body="Ad Hoc Committee",
            title="A vote",
            date=datetime.date(2024, 1, 1),
            method="recorded_vote",
            votes={world.brazil: "yes", world.kenya: "no"},
        )
    assert not taken.carried
    assert (taken.result.yes, taken.result.no) == (1, 1)
    taken.decision.refresh_from_db()  # kept: the transaction around it committed it
    consensus = take_decision(
        world.negotiation,
        by=world.actors.secretariat,
        symbol="A/AC.1/L.2",
        body="Ad Hoc Committee",
        title="Without a vote",
        date=datetime.date(2024, 1, 2),
        method="consensus",
    )
    assert consensus.carried and consensus.result is None


def test_a_decision_recorded_twice_is_refused(world):
    from plenary.errors import Conflict

    fields = {
        "by": world.actors.secretariat,
        "symbol": "A/RES/1/1",
        "body": "General Assembly",
        "title": "A resolution",
        "date": datetime.date(2020, 1, 1),
        "method": "without_vote",
    }
    record_decision(world.negotiation, **fields)
    with pytest.raises(Conflict, match="already recorded"):
        record_decision(world.negotiation, **fields)
