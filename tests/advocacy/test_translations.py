"""A statement's title in the six UN languages: set by its coalition's admins (or the
secretariat and the chair), audited, shown in the page's language, and marked "(in English)"
where nobody translated it."""

import pytest
from django.conf import settings

from plenary.advocacy.services.statements import open_for_signature, publish_statement
from plenary.audit.models import AuditEntry
from plenary.errors import InvalidInput, NotAllowed
from plenary.process.actors import actor_of
from plenary.process.services.translations import translate
from tests.advocacy.factories import make_coalition, make_statement, publish, second_organization
from tests.factories import token_for


@pytest.fixture
def statement(world):
    publish(world)
    statement = make_statement(world, make_coalition(world), title="Protect researchers")
    open_for_signature(statement, by=world.actors.stakeholder)
    return statement


def read(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def test_an_admin_translates_the_title_and_the_page_shows_it_in_its_language(
    client, world, statement
):
    translate(statement, "title", "fr", "Protéger les chercheurs", by=world.actors.stakeholder)
    url = f"/n/test-ahc/statements/{statement.pk}/"
    assert "<h1>Protéger les chercheurs</h1>" in read(client, url, "fr")
    spanish = read(client, url, "es")
    assert '<h1><span lang="en" dir="ltr">Protect researchers</span> ' in spanish
    assert "(en inglés)" in spanish
    assert "Protéger les chercheurs" in read(client, "/n/test-ahc/coalitions/", "fr")
    assert AuditEntry.objects.filter(action="translate").count() == 1


def test_published_statements_show_their_translated_title_on_paragraph_pages(
    client, world, statement
):
    publish_statement(statement, by=world.actors.stakeholder)
    translate(statement, "title", "ru", "Защитить исследователей", by=world.actors.secretariat)
    version = world.negotiation.versions.get()
    html = read(client, f"/n/test-ahc/versions/{version.pk}/p/art_1__para_1/", "ru")
    assert "Защитить исследователей" in html


def test_a_member_who_is_not_admin_and_a_delegate_cannot_translate(world, statement):
    _other, person = second_organization(world, statement.coalition)
    for outsider in (person, world.delegate):
        with pytest.raises(NotAllowed):
            translate(statement, "title", "fr", "Titre", by=actor_of(outsider))
    with pytest.raises(InvalidInput):
        translate(statement, "title", "de", "Titel", by=world.actors.stakeholder)
    statement.refresh_from_db()
    assert statement.translations == {}


def test_the_form_and_the_api_set_a_translation(client, world, statement):
    client.force_login(world.stakeholder)
    url = f"/n/test-ahc/statements/{statement.pk}/"
    assert 'id="translate-title"' in client.get(url).content.decode()
    saved = client.post(f"{url}translate/", {"language": "ar", "title": "حماية الباحثين"})
    assert saved.status_code == 302
    response = client.put(
        f"/api/negotiations/test-ahc/statements/{statement.pk}/translations/zh-hans",
        {"title": "保护研究人员"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.chair)}"},
    )
    assert response.status_code == 200
    assert response.json()["translations"] == {
        "ar": {"title": "حماية الباحثين"},
        "zh-hans": {"title": "保护研究人员"},
    }
    refused = client.post(f"{url}translate/", {"language": "xx", "title": "?"})
    assert refused.status_code == 400
    assert "xx is not one of the available choices" in refused.content.decode()
