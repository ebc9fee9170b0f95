"""The names the United Nations gives States, in its six languages, and each language's order.

The names are the UN terminology database's short names (UNTERM, as the UN's regional groups
and General Assembly documents write them), read from the data file of the maintained OCHA
countries and territories taxonomy that hdx-python-country ships; lists are sorted with ICU's
collation for the reader's language (Arabic, pinyin for Chinese, French, Russian, Spanish)."""

import csv
import importlib.metadata
import importlib.resources
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import icu
from django.utils.translation import get_language

DATASET = "hdx.location"
DATA_FILE = "Countries & Territories Taxonomy MVP - C&T Taxonomy.csv"
# The taxonomy's columns of UNTERM short names, by Plenary's language codes.
SHORT_NAME = {
    "en": "English Short",
    "fr": "French Short",
    "es": "Spanish Short",
    "ru": "Russian Short",
    "zh-hans": "Chinese Short",
    "ar": "Arabic Short",
}
# ICU locales for each language's collation.
COLLATION_LOCALE = {"en": "en", "fr": "fr", "es": "es", "ru": "ru", "zh-hans": "zh", "ar": "ar"}

T = TypeVar("T")


@dataclass(frozen=True)
class State:
    iso2: str
    names: dict[str, str]
    region: str
    subregion: str
    member: bool

    @property
    def name(self) -> str:
        return self.names["en"]


def dataset_source() -> dict[str, str]:
    version = importlib.metadata.version("hdx-python-country")
    return {
        "title": f"UNTERM short names and UN M49 regions, from the OCHA countries and territories "
        f"taxonomy in hdx-python-country {version} (member States: its DGACM list)",
        "url": "https://github.com/OCHA-DAP/hdx-python-country",
    }


@lru_cache(maxsize=1)
def states() -> dict[str, State]:
    """Every State the UN terminology lists (members and observer States), by ISO code."""
    path = importlib.resources.files(DATASET) / DATA_FILE
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found: dict[str, State] = {}
    for row in rows:
        if row["Appears in UNTERM list"] != "Y" or row["Deprecated"] == "Y":
            continue
        iso2 = row["ISO 3166-1 Alpha 2-Codes"].strip()
        names = {lang: row[column].strip() for lang, column in SHORT_NAME.items()}
        found[iso2] = State(
            iso2=iso2,
            names={lang: name for lang, name in names.items() if name},
            region=row["Region Name"].strip(),
            subregion=row["Sub-region Name"].strip(),
            member=row["Appears in DGACM list"] == "Y",
        )
    return found


def member_states() -> list[State]:
    """The 193 Member States, in English order."""
    members = [s for s in states().values() if s.member]
    return sorted(members, key=lambda s: sort_key("en")(s.name))


def _language(language: str | None) -> str:
    language = (language or get_language() or "en").lower()
    return language if language in SHORT_NAME else "en"


def name_in(delegation: Any, language: str | None = None) -> str:
    """A delegation's name as the UN writes it in the language (the active one by default):
    the UNTERM short name of a State, else a translation recorded for it, else its name."""
    language = _language(language)
    state = states().get(delegation.iso2 or "")
    if state is not None and language in state.names:
        return state.names[language]
    translations = getattr(delegation, "translations", None) or {}
    return (translations.get(language) or {}).get("name") or delegation.name


@lru_cache(maxsize=8)
def _collator(language: str) -> Any:
    collator = icu.Collator.createInstance(icu.Locale(COLLATION_LOCALE[language]))
    return collator


def sort_key(language: str | None = None) -> Callable[[str], bytes]:
    """A key that orders strings as the language does (ICU's collation for its locale)."""
    return _collator(_language(language)).getSortKey


def by_name(items: Iterable[T], name: Callable[[T], str], language: str | None = None) -> list[T]:
    """Items in the language's alphabetical order of their names."""
    key = sort_key(language)
    return sorted(items, key=lambda item: key(name(item)))


def delegations_by_name(delegations: Iterable[Any], language: str | None = None) -> list[Any]:
    """Delegations in the language's order of their UN names."""
    language = _language(language)
    return by_name(delegations, lambda d: name_in(d, language), language)
