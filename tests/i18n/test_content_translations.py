"""Titles and labels in several languages: a page shows the translation for its language and,
where there is none, the original marked "(in English)" with its language."""

import pytest
from django.conf import settings

from plenary.audit.models import AuditEntry
from plenary.errors import InvalidInput, NotAllowed
from plenary.process.services.translations import translate


def page(client, language, url="/n/test-ahc/"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def test_it_shows_the_translated_title_in_its_language(client, world):
    translate(world.negotiation, "short_title", "fr", "Comité spécial", by=world.actors.secretariat)
    html = page(client, "fr")
    assert "<h1>Comité spécial</h1>" in html
    assert "<h1>Comité spécial <span" not in html


def test_it_marks_the_original_when_there_is_no_translation(client, world):
    html = page(client, "ru")
    short_title = world.negotiation.short_title
    assert f'<h1><span lang="en" dir="ltr">{short_title}</span> ' in html
    assert "(на английском языке)" in html


def test_it_shows_english_pages_without_a_marker(client, world):
    html = page(client, "en")
    assert f"<h1>{world.negotiation.short_title}</h1>" in html
    assert "(in English)" not in html


def test_it_translates_session_titles_on_the_timeline(client, world):
    translate(world.open_session, "title", "zh-hans", "第一届会议", by=world.actors.chair)
    assert "第一届会议" in page(client, "zh-hans")


def test_it_records_a_translation_in_the_audit_trail_and_removes_an_empty_one(world):
    translate(
        world.open_session, "title", "es", "Primer período de sesiones", by=world.actors.chair
    )
    translate(world.open_session, "title", "es", "", by=world.actors.chair)
    world.open_session.refresh_from_db()
    assert world.open_session.translations == {"es": {}}
    assert AuditEntry.objects.filter(action="translate").count() == 2


def test_it_refuses_a_delegate_an_unknown_language_and_an_untranslatable_field(world):
    with pytest.raises(NotAllowed):
        translate(world.negotiation, "title", "fr", "Titre", by=world.actors.delegate)
    with pytest.raises(InvalidInput):
        translate(world.negotiation, "title", "de", "Titel", by=world.actors.secretariat)
    with pytest.raises(InvalidInput):
        translate(world.negotiation, "mandate", "fr", "A/RES/1", by=world.actors.secretariat)


def test_the_navigation_and_the_window_title_use_the_translation(client, world):
    translate(world.negotiation, "short_title", "fr", "Comité spécial", by=world.actors.secretariat)
    translate(world.open_session, "title", "fr", "Première session", by=world.actors.secretariat)
    html = page(client, "fr")
    assert "<title>Comité spécial · Plenary</title>" in html
    assert '<a href="/n/test-ahc/">Comité spécial</a>' in html  # the navigation
    session = page(client, "fr", f"/n/test-ahc/sessions/{world.open_session.pk}/")
    assert "<title>Première session · Plenary</title>" in session


def test_the_window_title_marks_the_original_as_plain_text(client, world):
    html = page(client, "fr", f"/n/test-ahc/sessions/{world.open_session.pk}/")
    title = html.split("<title>")[1].split("</title>")[0]
    assert title == f"{world.open_session.title} (en anglais) · Plenary"
    short_title = world.negotiation.short_title
    assert f'<a href="/n/test-ahc/"><span lang="en" dir="ltr">{short_title}</span> ' in html
