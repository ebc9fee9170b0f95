"""The analysis pages' readings of the record, on cases worked by hand."""

import pytest

from plenary.analysis import Position, forecast
from plenary.positions.models import Issue
from plenary.positions.readings import (
    issue_forecasts,
    opinion_reading,
    option_utility,
    package_reading,
)
from plenary.positions.services import record_stance, set_capability
from tests import factories as f

SOURCE = [{"symbol": "A/AC.291/CRP.1"}]


def place(world, delegation, issue, position, salience, *, illustrative=False):
    record_stance(
        world.negotiation,
        by=world.actors.secretariat,
        delegation=delegation,
        stance="support",
        sources=SOURCE,
        issue=issue,
        position=position,
        salience=salience,
        illustrative=illustrative,
    )


@pytest.fixture
def scope(world):
    return Issue.objects.create(
        negotiation=world.negotiation,
        slug="scope",
        title="Scope",
        status_quo=0,
        options=[{"label": "narrow", "value": 0}, {"label": "wide", "value": 100}],
        sources=SOURCE,
    )


def test_the_forecast_uses_the_latest_position_and_the_capability_index(world, scope):
    place(world, world.brazil, scope, 10, 1.0)
    place(world, world.brazil, scope, 20, 1.0)  # the latest counts
    place(world, world.kenya, scope, 80, 0.5)
    set_capability(
        world.negotiation, by=world.actors.chair, delegation=world.kenya, value=2, sources=SOURCE
    )
    (reading,) = issue_forecasts(world.negotiation)
    # Compromise: (1·1·20 + 2·0.5·80) / (1·1 + 2·0.5) = 100 / 2 = 50.
    assert reading.forecast.compromise == pytest.approx(50.0)
    assert reading.positions == [
        Position("BR", 20.0, 1.0, 1.0),
        Position("KE", 80.0, 0.5, 2.0),
    ]
    assert reading.forecast == forecast(reading.positions, 0.0)
    assert not reading.illustrative


def test_an_issue_without_positions_has_no_forecast(world, scope):
    (reading,) = issue_forecasts(world.negotiation)
    assert reading.forecast is None and reading.positions == []


def test_an_option_is_worth_one_at_the_delegations_position_and_zero_across_the_scale():
    assert option_utility(30, 30) == 1.0
    assert option_utility(0, 100) == 0.0
    assert option_utility(20, 50) == pytest.approx(0.7)


def test_the_package_is_the_one_the_most_accept(world, scope):
    argentina = f.make_delegation(world.negotiation, "AR", "Argentina")
    place(world, world.brazil, scope, 10, 1.0)
    place(world, argentina, scope, 30, 1.0)
    place(world, world.kenya, scope, 90, 1.0, illustrative=True)
    # Reservation 0.6 of each one's best package: "narrow" is worth 0.9, 0.7, 0.1 to BR, AR, KE
    # against 0.54, 0.42, 0.54; "wide" 0.1, 0.3, 0.9 against the same. Narrow: two accept.
    reading = package_reading(world.negotiation, 0.6)
    assert reading.result.package == {"scope": "narrow"}
    assert reading.result.accepted_by == ["AR", "BR"]
    assert reading.result.objecting == ["KE"]
    assert not reading.result.consensus
    assert reading.utilities["KE"] == (pytest.approx(0.1), pytest.approx(0.54))
    assert reading.illustrative


def test_with_no_positions_there_is_no_package(world, scope):
    assert package_reading(world.negotiation).result is None


def test_the_opinion_map_needs_two_delegations_with_stances(world):
    f.make_version(world, label="Draft", published=False)
    eids = ["art_1__para_1", "art_1__para_2"]
    record_stance(
        world.negotiation,
        by=world.actors.delegate,
        delegation=world.brazil,
        stance="support",
        sources=SOURCE,
        subject=f.on(world.negotiation, eids[0]),
    )
    assert opinion_reading(world.negotiation, f.keys(world.negotiation, eids)).result is None
    record_stance(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        stance="oppose",
        sources=SOURCE,
        subject=f.on(world.negotiation, eids[0]),
    )
    reading = opinion_reading(world.negotiation, f.keys(world.negotiation, eids))
    assert {p.delegation for p in reading.result.points} == {"BR", "KE"}
    assert not reading.illustrative


def test_the_two_thirds_point_counts_every_delegation_whatever_its_salience(client, world, scope):
    argentina = f.make_delegation(world.negotiation, "AR", "Argentina")
    iceland = f.make_delegation(world.negotiation, "IS", "Iceland")
    place(world, world.brazil, scope, 10, 0.0)  # votes, though it cares nothing for the issue
    place(world, world.kenya, scope, 60, 1.0)
    place(world, argentina, scope, 70, 1.0)
    place(world, iceland, scope, 80, 1.0)
    # Four vote: two thirds is 3, and three of them are at 60 or beyond (70 if Brazil were left
    # out: two of three at 70 or beyond). Brazil weighs nothing in the compromise: 210 / 3.
    (reading,) = issue_forecasts(world.negotiation)
    assert reading.forecast.two_thirds == pytest.approx(60.0)
    assert reading.forecast.compromise == pytest.approx(70.0)
    (listed,) = client.get("/api/negotiations/test-ahc/issues").json()
    asked = client.post(
        "/api/analysis/forecast",
        {
            "positions": [
                {"id": p.id, "position": p.position, "salience": p.salience}
                for p in reading.positions
            ],
            "status_quo": 0,
        },
        content_type="application/json",
    ).json()
    assert listed["forecast"]["two_thirds"] == asked["two_thirds"] == pytest.approx(60.0)
    assert listed["forecast"]["compromise"] == asked["compromise"] == pytest.approx(70.0)
    page = client.get("/n/test-ahc/issues/").content.decode()
    assert '<th scope="row">Two-thirds vote</th><td>60.0</td>' in page


def test_there_is_no_forecast_while_nobody_placed_cares_about_the_issue(world, scope):
    place(world, world.brazil, scope, 10, 0.0)
    (reading,) = issue_forecasts(world.negotiation)
    assert reading.forecast is None and len(reading.positions) == 1
