"""How a search matches, ranks and highlights records, on either database.

On PostgreSQL each field is searched with the text search configuration of the language it is
written in (the text and most records in English; translated titles in the reader's language,
where PostgreSQL has a dictionary for it, `simple` otherwise), ranked with `ts_rank` and
highlighted with `ts_headline`. On SQLite every word must appear in some field (as typed,
ignoring case), and a record ranks by how often the words appear.

Highlighting is safe: the record's own text is escaped, and only our `<mark>` elements are
added (PostgreSQL marks matches with two private-use characters, removed from the record first).
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Coalesce, Length, Lower, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ORIGINAL = "en"
# PostgreSQL's text search configurations for the six languages; Arabic and Chinese have none
# in a stock server, so their words are matched as written.
CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "simple",
    "zh-hans": "simple",
}
START, STOP = "\ue000", "\ue001"
EXCERPT = 240  # characters shown around the first match of a long record (SQLite)
MAX_QUERY = 200


def full_text() -> bool:
    """Whether the database does full-text search (PostgreSQL) or matches words (SQLite)."""
    return connection.vendor == "postgresql"


def config_for(language: str) -> str:
    return CONFIGS.get(language, "simple")


@dataclass(frozen=True)
class Field:
    """One searchable field of a record: its name in the query (a model field or an annotation),
    the language it is written in, and whether it is shown whole (a paragraph, a title) or as
    an excerpt around the matches (a statement's wording)."""

    name: str
    language: str = ORIGINAL
    whole: bool = True


def words_of(query: str) -> list[str]:
    """The words of a query as SQLite matches them: quotes and operators dropped."""
    words = []
    for word in query.split():
        word = word.strip('"').lstrip("-")
        if word and word.lower() != "or":
            words.append(word)
    return list(dict.fromkeys(words))


class Matcher:
    """One query, matched on the fields of a record, ranked, and highlighted."""

    def __init__(self, query: str):
        self.query = " ".join((query or "").split())[:MAX_QUERY]
        self.words = words_of(self.query)
        self.pattern = (
            re.compile("|".join(re.escape(w) for w in self.words), re.IGNORECASE)
            if self.words
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.words)

    def _terms(self, language: str) -> SearchQuery:
        return SearchQuery(self.query, config=config_for(language), search_type="websearch")

    def on(self, rows: QuerySet[Any], fields: Sequence[Field]) -> QuerySet[Any]:
        """The rows that match on any of the fields, best first, each with its `rank` and the
        highlighted fields (read them with `marked`)."""
        if full_text():
            return self._on_postgresql(rows, fields)
        return self._on_sqlite(rows, fields)

    def _on_postgresql(self, rows: QuerySet[Any], fields: Sequence[Field]) -> QuerySet[Any]:
        vectors: dict[str, Any] = {}
        matches = Q()
        ranks: list[Any] = []
        headlines: dict[str, Any] = {}
        for field in fields:
            config, terms = config_for(field.language), self._terms(field.language)
            vector = SearchVector(field.name, config=config)
            vectors[f"_v_{field.name}"] = vector
            matches |= Q(**{f"_v_{field.name}": terms})
            ranks.append(SearchRank(vector, terms))
            clean = Replace(
                Replace(_as_text(field.name), Value(START)),
                Value(STOP),
            )
            options: dict[str, Any] = {"start_sel": START, "stop_sel": STOP}
            if field.whole:
                options["highlight_all"] = True
            else:
                options |= {"max_fragments": 2, "max_words": 30, "min_words": 12}
                options["fragment_delimiter"] = " … "
            headlines[f"_h_{field.name}"] = SearchHeadline(clean, terms, config=config, **options)
        rank = ranks[0]
        for more in ranks[1:]:
            rank = rank + more
        matched: QuerySet[Any] = (
            rows.annotate(**vectors)
            .filter(matches)
            .annotate(rank=Cast(rank, output_field=FloatField()), **headlines)
            .order_by("-rank", "pk")
        )
        return matched

    def _on_sqlite(self, rows: QuerySet[Any], fields: Sequence[Field]) -> QuerySet[Any]:
        texts = {f"_t_{field.name}": _as_text(field.name) for field in fields}
        rows = rows.annotate(**texts)
        for word in self.words:
            anywhere = Q()
            for name in texts:
                anywhere |= Q(**{f"{name}__icontains": word})
            rows = rows.filter(anywhere)
        counts: list[Any] = []
        for name in texts:
            for word in self.words:
                lowered = Lower(F(name))
                gone = Length(lowered) - Length(Replace(lowered, Value(word.lower())))
                counts.append(Cast(gone, output_field=FloatField()) / float(len(word)))
        rank: Any = counts[0] if counts else Value(0.0)
        for more in counts[1:]:
            rank = rank + more
        ranked: QuerySet[Any] = rows.annotate(rank=Cast(rank, output_field=FloatField()))
        return ranked.order_by("-rank", "pk")

    def marked(self, row: Any, field: Field) -> SafeString:
        """The field of a matched row, escaped, with its matches in <mark>: whole, or the
        excerpts around them."""
        if full_text():
            headline = getattr(row, f"_h_{field.name}", "") or ""
            html = str(escape(headline)).replace(START, "<mark>").replace(STOP, "</mark>")
            return mark_safe(html)  # noqa: S308 -- escaped above; only our marks added
        text = getattr(row, f"_t_{field.name}", "") or ""
        if not field.whole:
            text = self.excerpt(text)
        return self.mark(text)

    def mark(self, text: str) -> SafeString:
        """Any text (a label written by Plenary), escaped, with the query's words in <mark>."""
        if self.pattern is None:
            return escape(text)
        pieces, last = [], 0
        for found in self.pattern.finditer(text):
            pieces.append(str(escape(text[last : found.start()])))
            pieces.append(f"<mark>{escape(found.group())}</mark>")
            last = found.end()
        pieces.append(str(escape(text[last:])))
        return mark_safe("".join(pieces))  # noqa: S308 -- every piece escaped

    def excerpt(self, text: str) -> str:
        """A long text cut around its first match, with an ellipsis where it was cut."""
        if len(text) <= EXCERPT:
            return text
        found = self.pattern.search(text) if self.pattern else None
        start = max(0, (found.start() if found else 0) - EXCERPT // 3)
        end = min(len(text), start + EXCERPT)
        # Cut between words, not inside one.
        if start:
            start = text.find(" ", start, found.start() if found else end) + 1 or start
        if end < len(text):
            end = text.rfind(" ", start, end) if " " in text[start:end] else end
        return ("… " if start else "") + text[start:end].strip() + (" …" if end < len(text) else "")


def _as_text(name: str) -> Any:
    """A field (or an annotation) as text, empty where it is null."""
    return Coalesce(Cast(name, output_field=TextField()), Value(""), output_field=TextField())
