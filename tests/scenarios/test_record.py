"""The record beyond the negotiation of the text: the regional groups, the follow-up mandate as
a child negotiation, documents of States and stakeholders, and what each session achieved."""

import datetime

import pytest

from plenary.process.models import Negotiation, RecordDocument
from plenary.scenarios.loader import load_scenario

D = datetime.date


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def test_the_five_regional_groups_cover_every_member_state(ahc):
    groups = {
        slug: set(ahc.blocs.get(slug=slug).members.values_list("iso2", flat=True))
        for slug in ("african-group", "asia-pacific-group", "eastern-european-group", "grulac")
    }
    groups["weog"] = set(ahc.blocs.get(slug="weog").members.values_list("iso2", flat=True))
    assert {k: len(v) for k, v in groups.items()} == {
        "african-group": 54,
        "asia-pacific-group": 55,
        "eastern-european-group": 23,
        "grulac": 33,
        "weog": 28,
    }
    members = set(ahc.delegations.filter(kind="member_state").values_list("iso2", flat=True))
    in_a_group = set().union(*groups.values())
    # The United States attends the Western European and other States Group as an observer.
    assert members - in_a_group == {"US"}
    assert groups["asia-pacific-group"] & groups["weog"] == {"TR"}
    assert all(ahc.blocs.get(slug=slug).sources for slug in groups)


def test_the_follow_up_mandate_is_a_child_negotiation_with_its_own_session(ahc, client):
    protocol = Negotiation.objects.get(slug="cybercrime-protocol")
    assert protocol.parent == ahc and protocol.mandate == "A/RES/79/243"
    assert not protocol.open_to_parent_parties_only
    assert protocol.delegations.filter(kind="member_state").count() == 193
    session = protocol.sessions.get()
    assert (session.start, session.end, session.city) == (D(2026, 1, 26), D(2026, 1, 30), "Vienna")
    assert "Eduardo Paes Saboia" in session.outcome and session.outcome_sources
    assert protocol.bureau.get(role="chair").name == "Eduardo Paes Saboia"
    page = client.get("/n/cybercrime-ahc/").content.decode()
    assert 'href="/n/cybercrime-protocol/"' in page


def test_documents_of_states_and_stakeholders_are_on_the_record(ahc, client):
    documents = {d.title: d for d in RecordDocument.objects.prefetch_related("delegations")}
    russia = documents[
        "Draft United Nations convention on countering the use of information and "
        "communications technologies for criminal purposes"
    ]
    assert russia.date == D(2021, 7, 27) and [d.iso2 for d in russia.delegations.all()] == ["RU"]
    assert russia.kind == "draft_text" and russia.sources and not russia.text
    submissions = RecordDocument.objects.filter(deadline__date=D(2022, 4, 8))
    assert submissions.count() == 3 and all(s.when and s.date is None for s in submissions)
    eu = RecordDocument.objects.get(negotiation__slug="cybercrime-protocol")
    assert eu.delegations.get().name == "European Union" and "align" in eu.authors
    page = client.get("/n/cybercrime-ahc/documents/").content.decode()
    assert "Russian Federation" in page and "27 July 2021" in page
    deadline = ahc.roadmap.get(date=D(2022, 4, 8))
    deadline_page = client.get(f"/n/cybercrime-ahc/roadmap/{deadline.pk}/").content.decode()
    assert "Argentina: comments on the chapters" in deadline_page


def test_each_session_with_a_sourced_outcome_shows_it(ahc, client):
    reconvened = ahc.sessions.get(kind="resumed")
    assert reconvened.outcome.startswith("On 8 August 2024 approved the draft convention")
    page = client.get(f"/n/cybercrime-ahc/sessions/{reconvened.pk}/").content.decode()
    assert "On 8 August 2024 approved the draft convention" in page
    assert "coe.int" in page
    without = ahc.sessions.filter(illustrative=False, outcome="")
    assert all(not s.outcome_sources for s in without)
