"""The catalogs are complete and current: every marked string of the code is in every language's
catalog, translated, not fuzzy, with the same placeholders, and no catalog keeps strings the
code no longer has. `scripts/messages missing` lists what to fill in."""

import re

import polib
import pytest
from django.conf import settings
from django.test import override_settings

from plenary import catalogs

LOCALES = catalogs.catalog_languages()
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{\{\s*(\w+)\s*\}\}")


def placeholders(text: str) -> set[str]:
    return {"".join(match) for match in PLACEHOLDER.findall(text)}


def test_it_has_a_catalog_for_every_language_but_english():
    assert LOCALES == ["ar", "zh_Hans", "fr", "ru", "es"]
    for locale in LOCALES:
        assert catalogs.catalog_path(locale).exists(), f"run scripts/messages update {locale}"


@pytest.mark.parametrize("locale", LOCALES)
def test_it_has_every_entry_translated_and_none_fuzzy(locale):
    missing = catalogs.missing(locale)
    assert missing == [], (
        f"{len(missing)} entries of {locale} need a translator (scripts/messages missing "
        f"{locale}): " + "; ".join(f"[{m.reason}] {m.msgid!r}" for m in missing[:20])
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_it_keeps_the_placeholders_and_the_plural_forms(locale):
    catalog = polib.pofile(str(catalogs.catalog_path(locale)))
    nplurals = int(re.search(r"nplurals=(\d+)", catalog.metadata["Plural-Forms"]).group(1))
    assert nplurals == {"ar": 6, "zh_Hans": 1, "fr": 2, "ru": 3, "es": 2}[locale]
    wrong = []
    for entry in catalog:
        if entry.msgid_plural:
            expected = placeholders(entry.msgid_plural)
            forms = entry.msgstr_plural
            if sorted(forms) != list(range(nplurals)):
                wrong.append(f"{entry.msgid!r}: {len(forms)} plural forms, not {nplurals}")
            texts = list(forms.values())
        else:
            expected = placeholders(entry.msgid)
            texts = [entry.msgstr]
        wrong += [f"{entry.msgid!r} → {t!r}" for t in texts if t and placeholders(t) != expected]
    assert wrong == []


def test_it_has_no_catalog_out_of_date_with_the_source(tmp_path, monkeypatch):
    """makemessages into a scratch directory gives exactly the messages the catalogs hold."""
    monkeypatch.chdir(settings.BASE_DIR)
    with override_settings(LOCALE_PATHS=[tmp_path]):
        catalogs.update(["fr"])
    fresh = catalogs.msgids("fr", tmp_path)
    for locale in LOCALES:
        held = catalogs.msgids(locale)
        assert not fresh - held, f"new strings not in {locale}: run scripts/messages update"
        assert not held - fresh, f"{locale} holds strings the code no longer has: run it too"
