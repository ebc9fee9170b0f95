"""Whatever goes wrong, the API answers in its own shape: `{"detail": "..."}`."""


def test_an_address_under_the_api_that_matches_nothing_answers_json(client, world):
    response = client.get("/api/negotiations/test-ahc/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is nothing at this address."}


def test_a_vote_symbol_with_a_line_break_is_a_json_404(client, world):
    # Found by the property-based tests: the symbol route does not match a line break, and
    # Django's HTML page answered instead of the API.
    response = client.get("/api/votes/A%2FRES%0A74")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_page_that_matches_nothing_is_still_a_page(client, world):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "There is nothing at this address" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")
