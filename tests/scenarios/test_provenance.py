"""Every fact of the reference scenario has a source or says it is illustrative, in the data,
the pages, the API and the feeds; no illustrative record is dated in the past as if it were."""

import datetime

import defusedxml.ElementTree as ET
import pytest
from django.apps import apps
from django.utils import timezone

from plenary.participation.models import Arrangements
from plenary.scenarios.loader import load_scenario
from plenary.sources import Sourced

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def sourced_models():
    return [m for m in apps.get_models() if issubclass(m, Sourced)]


def test_it_walks_every_kind_of_fact(ahc):
    names = {m.__name__ for m in sourced_models()}
    assert {"Session", "Decision", "Delegation", "Arrangements", "RecordDocument"} <= names
    assert {"Instrument", "AdoptionStep", "Bloc", "Issue", "Statement"} <= names


def test_every_record_of_the_scenario_has_a_source_or_is_marked_illustrative(ahc):
    load_scenario("cybercrime-ahc")
    offenders = [
        f"{model.__name__} {row.pk}: {row}"
        for model in sourced_models()
        for row in model.objects.all()
        if not (row.sources or row.illustrative)
    ]
    assert offenders == []
    # Stances are not Sourced models but carry sources too.
    from plenary.positions.models import Stance

    assert not Stance.objects.filter(sources=[], illustrative=False).exists()


def test_every_real_session_says_where_its_hours_come_from_and_what_is_illustrative(ahc, client):
    real = ahc.sessions.filter(illustrative=False)
    rows = {a.session_id: a for a in Arrangements.objects.filter(session__in=real)}
    assert set(rows) == set(real.values_list("pk", flat=True))
    assert all(a.illustrative for a in rows.values())
    concluding = ahc.sessions.get(kind="concluding")
    assert rows[concluding.pk].hours_sources
    page = client.get(f"/n/cybercrime-ahc/sessions/{concluding.pk}/agenda/").content.decode()
    assert "concluding session, general information" in page
    assert "Registration closing, notice and speaking times above are illustrative" in page
    first = ahc.sessions.get(kind="substantive", number=1)
    answer = client.get(f"/api/negotiations/cybercrime-ahc/sessions/{first.pk}/arrangements")
    assert answer.json()["illustrative"] is True and answer.json()["hours_sources"] == []


def test_no_illustrative_record_is_dated_in_the_past_as_a_fact(ahc, client):
    from plenary.treaty.models import Instrument, NationalStep

    # Illustrative deposits would move the headline counts and the date of entry into force.
    assert not Instrument.objects.filter(illustrative=True).exists()
    assert not NationalStep.objects.filter(illustrative=True).exists()
    loaded_at = timezone.now()
    feed = ET.fromstring(client.get("/feeds/cybercrime-ahc/updates.atom").content)
    for entry in feed.iter(f"{ATOM}entry"):
        title = entry.find(f"{ATOM}title").text
        updated = datetime.datetime.fromisoformat(entry.find(f"{ATOM}updated").text)
        summary = entry.find(f"{ATOM}summary").text or ""
        if "illustrative" not in title:
            assert "Source:" in summary, title
        if title.startswith("New version published"):
            assert "(illustrative)" in title
            assert loaded_at - updated > datetime.timedelta(days=365), title
    calendar = client.get("/feeds/cybercrime-ahc/sessions.ics").content.decode()
    unfolded = calendar.replace("\r\n ", "")
    assert "Regional consultation (example) (illustrative)" in unfolded
    assert "Source: " in unfolded


def test_the_api_gives_every_fact_its_sources_or_its_illustrative_mark(ahc, client):
    api = "/api/negotiations/cybercrime-ahc"
    lists = [
        client.get(f"{api}/sessions").json(),
        client.get(f"{api}/delegations").json(),
        client.get(f"{api}/blocs").json(),
        client.get(f"{api}/documents").json(),
        client.get(f"{api}/roadmap").json(),
        client.get(f"{api}/treaty").json()["instruments"],
        client.get(f"{api}/treaty").json()["steps"],
    ]
    for rows in lists:
        assert rows and all(row["sources"] or row["illustrative"] for row in rows), rows[:1]
    negotiations = {n["slug"]: n for n in client.get("/api/negotiations").json()}
    assert negotiations["cybercrime-protocol"]["parent"] == "cybercrime-ahc"
    adoption = client.get("/api/votes/A/RES/79/243").json()
    assert adoption["sources"] and adoption["illustrative"] is False
