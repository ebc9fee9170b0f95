"""The analysis endpoints: open to anyone, capped, and honest about bad input."""

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
