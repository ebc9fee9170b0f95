"""The treaty part of the reference scenario: true facts with sources, illustrative entries
labelled, and loading twice duplicates nothing."""

import datetime

import pytest

from plenary.positions.models import Decision
from plenary.scenarios.loader import load_scenario
from plenary.treaty.models import Instrument, NationalStep, Treaty
from plenary.treaty.services.instruments import treaty_status

D = datetime.date
UNTC = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml"


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Decision, Treaty, Instrument, NationalStep)
    }


def test_loading_twice_duplicates_nothing(ahc):
    first = counts()
    load_scenario("cybercrime-ahc")
    assert counts() == first
    assert first["Treaty"] == 1 and first["Instrument"] > 0


def test_the_general_assembly_adopted_it_by_79_243_without_a_vote(ahc):
    treaty = ahc.treaty
    adoption = treaty.adopted_by
    assert (adoption.symbol, adoption.date, adoption.method) == (
        "A/RES/79/243",
        D(2024, 12, 24),
        "without_vote",
    )
    assert adoption.body == "General Assembly" and not adoption.illustrative
    assert {s.get("url") for s in adoption.sources} >= {"https://docs.un.org/en/A/RES/79/243"}


def test_the_committee_approved_the_draft_on_8_august_2024_with_its_source(ahc, client):
    approval = ahc.treaty.approved_by
    assert (approval.date, approval.method, approval.body) == (
        D(2024, 8, 8),
        "consensus",
        "Ad Hoc Committee",
    )
    assert approval.negotiation == ahc and not approval.illustrative
    assert any("coe.int" in s.get("url", "") for s in approval.sources)

    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    assert "Approved by the Ad Hoc Committee on 8 August 2024 (consensus)" in page


def test_it_opened_in_hanoi_then_at_headquarters_until_the_end_of_2026(ahc):
    treaty = ahc.treaty
    assert treaty.signature_place == "Hanoi"
    assert (treaty.signature_opens, treaty.signature_first_period_ends) == (
        D(2025, 10, 25),
        D(2025, 10, 26),
    )
    assert treaty.signature_then_at == "United Nations Headquarters, New York"
    assert treaty.signature_closes == D(2026, 12, 31)
    assert (treaty.threshold, treaty.days_after_threshold, treaty.reio_counted) == (40, 90, False)


def test_every_real_signature_cites_the_depositary_and_the_rest_is_labelled(ahc):
    instruments = Instrument.objects.filter(treaty=ahc.treaty)
    for instrument in instruments.filter(illustrative=False):
        assert instrument.kind == "signature" and instrument.date == D(2025, 10, 25)
        assert [s["url"] for s in instrument.sources] == [UNTC]
    assert instruments.filter(illustrative=False).count() == 30
    assert instruments.get(delegation__name="European Union").delegation.kind == "reio"
    assert set(instruments.filter(illustrative=True).values_list("kind", flat=True)) == {
        "ratification"
    }
    assert all(s.illustrative for s in NationalStep.objects.all())


def test_the_demo_is_not_yet_in_force(ahc):
    status = treaty_status(ahc.treaty)
    assert status.entry_into_force.date is None
    assert (status.signatures, status.parties) == (30, 3)
    assert status.illustrative_instruments == 3


def test_the_adoption_links_to_the_resolutions_page(client, ahc):
    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    assert 'href="/votes/A/RES/79/243/"' in page
    resolution = client.get("/votes/A/RES/79/243/")
    assert resolution.status_code == 200
    assert "without a vote" in resolution.content.decode()
