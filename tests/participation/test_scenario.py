"""The reference scenario's participation data: illustrative, labelled, loaded once."""

import pytest

from plenary.participation.models import AgendaItem, Intervention, Registration, SpeakerEntry
from plenary.participation.services.speakers import speakers_list
from plenary.scenarios.loader import load_scenario

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (AgendaItem, SpeakerEntry, Intervention, Registration)]


def test_it_loads_illustrative_participation_once(client):
    load_scenario("cybercrime-ahc")
    first = counts()
    load_scenario("cybercrime-ahc")
    assert counts() == first == [2, 4, 1, 3]
    assert all(item.illustrative for item in AgendaItem.objects.all())
    assert not SpeakerEntry.objects.filter(illustrative=False).exists()

    item = AgendaItem.objects.get(number=1)
    assert [e.speaker_label for e in speakers_list(item)] == [
        "Brazil",
        "Kenya (on behalf of African Group)",
        "Holy See",
        "Example Digital Rights Network",
    ]
    page = client.get(
        f"/n/cybercrime-ahc/sessions/{item.session_id}/items/{item.pk}/speakers/"
    ).content.decode()
    assert "Illustrative agenda item and speakers" in page
