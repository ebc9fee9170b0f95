"""The server error page stands alone and speaks the reader's language (chosen before the
failure); if even it cannot be drawn, a plain page says the same in English."""

import pytest
from django.test import Client
from django.urls import path


def fails(request):
    raise RuntimeError("a bug")


urlpatterns = [path("fails/", fails)]
handler500 = "plenary.error_pages.server_error"


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_the_server_error_page_is_in_the_readers_language(client, db, language, direction):
    response = client.get("/fails/", headers={"accept-language": language})
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in page
    assert "a bug" not in page and "Traceback" not in page
    if language == "fr":
        assert "Retour à la page d\u2019accueil" in page
    if language == "en":
        assert "Nothing you entered was saved halfway" in page


@pytest.mark.urls(__name__)
def test_a_server_error_page_that_fails_falls_back_to_plain_words(client, db, monkeypatch):
    from django.template import loader

    def broken(*args, **kwargs):
        raise LookupError("a broken catalog")

    monkeypatch.setattr(loader, "get_template", broken)
    response = client.get("/fails/")
    assert response.status_code == 500
    page = response.content.decode()
    assert page.startswith('<!DOCTYPE html><html lang="en">')
    assert "Something went wrong on our side" in page and "a broken catalog" not in page
