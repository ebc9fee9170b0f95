"""The analysis endpoints: open to anyone, capped, and honest about bad input."""

import json

import pytest

PACKAGE = {
    "issues": [{"id": "scope", "options": ["narrow", "wide"]}],
    "delegations": [
        {
            "id": "BR",
            "utility": {"scope": [1.0, 0.2]},
            "salience": {"scope": 1.0},
            "reservation": 0.5,
        },
        {
            "id": "RU",
            "utility": {"scope": [0.0, 1.0]},
            "salience": {"scope": 1.0},
            "reservation": 0.5,
        },
        {
            "id": "KE",
            "utility": {"scope": [0.9, 0.6]},
            "salience": {"scope": 1.0},
            "reservation": 0.5,
        },
    ],
}


def post(client, path, body):
    return client.post(f"/api/analysis/{path}", body, content_type="application/json")


def test_an_anonymous_caller_gets_the_package_most_accept(client, db):
    # narrow: BR 1.0 yes, RU 0.0 no, KE 0.9 yes -> 2 accept, total utility 1.9;
    # wide:   BR 0.2 no, RU 1.0 yes, KE 0.6 yes -> 2 accept, total utility 1.8.
    response = post(client, "package-search", PACKAGE)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["package"] == {"scope": "narrow"}  # 2 accept, utility 1.9 beats 1.8
    assert sorted(result["accepted_by"]) == ["BR", "KE"] and result["objecting"] == ["RU"]
    assert result["consensus"] is False and result["proven_optimal"] is True
    assert result["total_utility"] == pytest.approx(1.9)


def test_a_missing_utility_is_a_400_that_says_which(client, db):
    body = {**PACKAGE, "delegations": [{**PACKAGE["delegations"][0], "utility": {}}]}
    response = post(client, "package-search", body)
    assert response.status_code == 400
    assert "scope" in response.json()["detail"]


def test_too_many_delegations_is_refused_before_any_work(client, db):
    body = {**PACKAGE, "delegations": PACKAGE["delegations"] * 100}
    response = post(client, "package-search", body)
    assert response.status_code == 422
    assert "250" in response.content.decode()


def test_the_forecast_of_three_delegations(client, db):
    # Compromise: (1·1·20 + 1·1·50 + 1·0.5·90) / (1 + 1 + 0.5) = 115 / 2.5 = 46.
    body = {
        "positions": [
            {"id": "A", "position": 20, "salience": 1.0},
            {"id": "B", "position": 50, "salience": 1.0},
            {"id": "C", "position": 90, "salience": 0.5},
        ],
        "status_quo": 0,
    }
    response = post(client, "forecast", body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["compromise"] == pytest.approx(46.0)
    assert {"nash", "two_thirds", "spread"} <= result.keys()


def test_a_position_off_the_scale_is_a_400(client, db):
    response = post(
        client,
        "forecast",
        {"positions": [{"id": "A", "position": 120, "salience": 1}], "status_quo": 0},
    )
    assert response.status_code == 400
    assert "100" in response.json()["detail"]


def with_first_delegation(**changes):
    first = PACKAGE["delegations"][0] | changes
    return {**PACKAGE, "delegations": [first, *PACKAGE["delegations"][1:]]}


@pytest.mark.parametrize(
    ("changes", "sentence"),
    [
        (
            {"utility": {"scope": [1e200, 0.2]}},
            "delegations[0].utility.scope[0] must be at most 1,000",
        ),
        ({"salience": {"scope": 1e200}}, "delegations[0].salience.scope must be at most 100"),
        ({"reservation": 1e300}, "delegations[0].reservation must be at most 6,000,000"),
        ({"salience": {"scope": -1}}, "delegations[0].salience.scope must be at least 0"),
    ],
)
def test_a_value_too_large_for_a_package_search_is_refused_with_its_bound(
    client, db, changes, sentence
):
    response = post(client, "package-search", with_first_delegation(**changes))
    assert response.status_code == 422
    assert response.json()["detail"].startswith(sentence)


def test_not_a_number_is_refused_at_the_edge(client, db):
    body = json.dumps(with_first_delegation(reservation=0.5)).replace("0.5", "NaN", 1)
    response = client.post("/api/analysis/package-search", body, content_type="application/json")
    assert response.status_code == 422
    assert "finite number" in response.content.decode()
    forecast = '{"positions": [{"id": "A", "position": Infinity, "salience": 1}], "status_quo": 0}'
    response = client.post("/api/analysis/forecast", forecast, content_type="application/json")
    assert response.status_code == 422
    assert "finite number" in response.content.decode()


def test_a_capability_beyond_any_index_is_refused(client, db):
    body = {
        "positions": [
            {"id": "A", "position": 20, "salience": 1, "capability": 1e308},
            {"id": "B", "position": 80, "salience": 1},
        ],
        "status_quo": 0,
    }
    response = post(client, "forecast", body)
    assert response.status_code == 422
    assert response.json()["detail"].startswith("positions[0].capability must be at most 1,000")


def test_the_largest_values_allowed_still_give_finite_answers(client, db):
    # Two issues, everything at the bounds: utilities ±1000, salience 100, capability 1000.
    issues = [{"id": i, "options": ["a", "b"]} for i in ("scope", "safeguards")]
    delegations = [
        {
            "id": code,
            "utility": {"scope": [1000, -1000], "safeguards": [-1000, 1000]},
            "salience": {"scope": 100, "safeguards": 100 if code == "BR" else 0},
            "reservation": reservation,
        }
        for code, reservation in (("BR", 6_000_000), ("KE", -6_000_000), ("IS", 100_000))
    ]
    result = post(client, "package-search", {"issues": issues, "delegations": delegations})
    assert result.status_code == 200, result.content
    # scope a (+100,000 each); safeguards b (+100,000 for BR): BR 200,000 is below 6 million.
    assert result.json()["package"] == {"scope": "a", "safeguards": "b"}
    assert sorted(result.json()["accepted_by"]) == ["IS", "KE"]
    assert result.json()["total_utility"] == pytest.approx(400_000)
    positions = [
        {"id": "A", "position": 100, "salience": 1, "capability": 1000},
        {"id": "B", "position": 0, "salience": 1, "capability": 1000},
    ]
    forecast = post(client, "forecast", {"positions": positions, "status_quo": 0})
    assert forecast.status_code == 200, forecast.content
    assert forecast.json()["compromise"] == pytest.approx(50.0)
