"""The interface in the six UN languages: the switcher, the remembered choice, the browser's
Accept-Language on a first visit, right-to-left Arabic and dates written the language's way."""

import datetime

from django.conf import settings

from tests import factories as f


def test_it_offers_the_six_official_languages_in_their_own_names(client, world):
    page = client.get("/").content.decode()
    for code, name in [
        ("ar", "العربيّة"),
        ("zh-hans", "简体中文"),
        ("en", "English"),
        ("fr", "Français"),
        ("ru", "Русский"),
        ("es", "Español"),
    ]:
        assert f'<option value="{code}" lang="{code}"' in page
        assert name in page


def test_it_switches_the_language_and_remembers_the_choice(client, world):
    response = client.post("/i18n/setlang/", {"language": "fr", "next": "/n/test-ahc/"})
    assert response.status_code == 302
    assert response["Location"] == "/n/test-ahc/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    # The next visit, without any Accept-Language, is in French.
    page = client.get("/n/test-ahc/").content.decode()
    assert '<html lang="fr" dir="ltr">' in page
    assert "Se déconnecter" in page or "Se connecter" in page


def test_it_follows_the_browser_language_on_a_first_visit(client, world):
    page = client.get("/", headers={"accept-language": "ru,en;q=0.5"}).content.decode()
    assert '<html lang="ru" dir="ltr">' in page
    assert "Войти" in page


def test_it_keeps_a_chosen_language_over_the_browser_language(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get("/", headers={"accept-language": "zh-CN,zh"}).content.decode()
    assert '<html lang="es" dir="ltr">' in page


def test_it_writes_arabic_right_to_left(client, world):
    page = client.get("/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_it_writes_chinese_from_a_browser_asking_for_zh_cn(client, world):
    page = client.get("/", headers={"accept-language": "zh-CN"}).content.decode()
    assert '<html lang="zh-hans" dir="ltr">' in page
    assert "登录" in page


def test_it_writes_dates_the_way_each_language_does(client, world):
    f.make_session(
        world.negotiation,
        title="Fourth session",
        start=datetime.date(2022, 4, 8),
        end=datetime.date(2022, 4, 19),
    )
    expected = {
        "en": "8 April 2022",
        "fr": "8 avril 2022",
        "es": "8 de abril de 2022",
        "ru": "8 апреля 2022",
        "zh-hans": "2022年4月8日",
        "ar": "8 إبريل 2022",
    }
    for language, date in expected.items():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        page = client.get("/n/test-ahc/").content.decode()
        assert date in page, language
