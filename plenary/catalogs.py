"""The translation catalogs: bring them up to date with the source, and say what is missing.

`scripts/messages update` re-reads every marked string into `plenary/locale/*/LC_MESSAGES/
django.po` (new strings arrive empty, changed ones fuzzy) and compiles them;
`scripts/messages missing [LOCALE …]` lists, per language, what still needs a translator;
`scripts/messages compile` makes the .mo files Django reads (scripts/setup runs it).
The tests use the same functions, so a missing, fuzzy or stale entry fails the build.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# The source language is English: it has no catalog of its own.
SOURCE_LANGUAGE = "en"
# What makemessages reads: the project's code and templates, nothing installed or generated.
IGNORE = [".venv/*", "node_modules/*", "tests/*", "bench/*", "var/*", "test-artifacts/*"]
MAKEMESSAGES_OPTIONS = {
    "domain": "django",
    # Without ignoring it, makemessages would write to the `locale` folder it walks past
    # instead of LOCALE_PATHS[0] (the same folder normally, a scratch one in the tests).
    "ignore_patterns": [*IGNORE, "plenary/locale"],
    "no_obsolete": True,
    "add_location": "file",
    "verbosity": 0,
}


def locale_dir() -> Path:
    return Path(settings.LOCALE_PATHS[0])


def catalog_languages() -> list[str]:
    """Gettext locale names (zh_Hans, not zh-hans) of every language but the source."""
    from django.utils.translation import to_locale

    return [to_locale(code) for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def catalog_path(locale: str, base: Path | None = None) -> Path:
    return (base or locale_dir()) / locale / "LC_MESSAGES" / "django.po"


def update(locales: list[str] | None = None) -> None:
    """Re-read the marked strings from the source into the catalogs (run from the project root)."""
    from django.core.management import call_command

    call_command("makemessages", locale=locales or catalog_languages(), **MAKEMESSAGES_OPTIONS)


def compile_catalogs() -> None:
    from django.core.management import call_command

    call_command("compilemessages", ignore_patterns=IGNORE, verbosity=0)


@dataclass(frozen=True)
class Missing:
    locale: str
    msgid: str
    reason: str  # "untranslated" or "fuzzy"
    where: str


def missing(locale: str, base: Path | None = None) -> list[Missing]:
    """Entries of one catalog that have no translation yet, or only a fuzzy (unchecked) one."""
    import polib

    catalog = polib.pofile(str(catalog_path(locale, base)))
    found = []
    for entry in catalog:
        if entry.obsolete:
            continue
        where = ", ".join(path for path, _line in entry.occurrences)
        if "fuzzy" in entry.flags:
            found.append(Missing(locale, entry.msgid, "fuzzy", where))
        elif not entry.translated():
            found.append(Missing(locale, entry.msgid, "untranslated", where))
    return found


def msgids(locale: str, base: Path | None = None) -> set[tuple[str | None, str, str]]:
    """Every (context, singular, plural) message of one catalog."""
    import polib

    return {
        (e.msgctxt, e.msgid, e.msgid_plural)
        for e in polib.pofile(str(catalog_path(locale, base)))
        if not e.obsolete
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    command, *languages = argv or ["missing"]
    locales = languages or catalog_languages()
    if command == "compile":
        compile_catalogs()
        return 0
    if command == "update":
        update(locales)
        compile_catalogs()
        command = "missing"
    if command != "missing":
        print("usage: scripts/messages [update|missing|compile] [LOCALE …]  (e.g. ar zh_Hans)")
        return 2
    total = 0
    for locale in locales:
        entries = missing(locale)
        total += len(entries)
        print(f"== {locale}: {len(entries)} to translate ({catalog_path(locale)})")
        for entry in entries:
            print(f"  [{entry.reason}] {entry.msgid!r}  ({entry.where})")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
