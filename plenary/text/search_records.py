"""What a search finds: each record matched, named as readers cite it, with where to read it,
and the records of the text's own layer (documents of the record). The apps above the text
search their records themselves (plenary.advocacy.search, plenary.participation.search) and
register with plenary.text.search."""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString

from plenary.process.models import Negotiation
from plenary.process.visibility import visible_documents
from plenary.text.provisions import describe
from plenary.text.search_matching import Field, Matcher

MAX_RESULTS = 50
TITLE = Field("title")
TEXT = Field("text", whole=False)


@dataclass
class Found:
    """A record that matched: its name as readers cite it, where to read it, its highlighted
    title and wording, and its rank. Other attributes are the record's own."""

    record: Any
    rank: float
    label: str
    url: str
    title_html: SafeString  # its name or title, highlighted
    highlighted: SafeString  # its wording, highlighted
    addresses: list[str] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.record, name)


def addressed(negotiation: Negotiation, viewer: Any, records: list[Any]) -> dict[int, list[str]]:
    """For each record, the provisions it addresses as the reader cites them: "Art. 7(2)"."""
    through = {r.pk: [p.pk for p in r.provisions.all()] for r in records}
    named = describe(negotiation, viewer, [p for ids in through.values() for p in ids])
    return {pk: [named[p].short for p in ids if p in named] for pk, ids in through.items()}


def documents(negotiation: Negotiation, viewer: Any, matcher: Matcher) -> list[Found]:
    """Documents of the record this person may see, by title, authors and text."""
    rows = visible_documents(viewer, negotiation).select_related("session")
    authors = Field("authors")
    matched = list(matcher.on(rows, [TITLE, authors, TEXT])[:MAX_RESULTS])
    url = reverse("documents", args=[negotiation.slug])
    return [
        Found(
            document,
            document.rank,
            document.title,
            f"{url}#document-{document.pk}",
            matcher.marked(document, TITLE),
            matcher.marked(document, TEXT) if document.text else matcher.marked(document, authors),
        )
        for document in matched
    ]
