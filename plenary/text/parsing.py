"""Reading a draft as negotiators write it: chapters, articles, numbered paragraphs, bracketed
text with alternatives, and footnotes. Pure Python: lines in, a structure out.

The shapes read (one block per line, as a Word document gives them, blank lines ignored):

    Preamble                         (optional heading; lines before the first chapter or
    The States Parties ...            article are the preamble)
    Chapter I. General provisions    (title after ".", ":" or a dash, or on the next line)
    Article 1. Purposes              (likewise; "Article 22 bis" for one inserted after 22)
    1. Numbered paragraph ...
    (a) lettered sub-paragraph ...   (belongs to the paragraph above it)
    (i) roman sub-paragraph ...      (belongs to the lettered one above it)
    Unnumbered text                  (a paragraph of its own, e.g. a chapeau)
    [bracketed text]                 (optional wording: keep or delete)
    [option A / option B]            (alternatives)
    [Option 1: ...] [Option 2: ...]  (alternatives written as options)
    text with a note[^1]             (footnote reference)
    [^1]: the footnote               (footnote text, anywhere)

A draft that does not read is refused with the line where it failed, and why, in the reader's
language when Django runs (plenary/text/messages.py; this module imports no Django).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from plenary.text.messages import gettext as _

ROMAN = re.compile(r"^(?=[ivxlcdm]+$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
CHAPTER = re.compile(r"^chapter\s+([ivxlcdm]+)\b\.?\s*(?:[-–—:.]\s*)?(.*)$", re.IGNORECASE)
# Latin ordinals for articles inserted between two others, as UN drafts number them ("22 bis").
INSERTED = ("bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies")
ARTICLE = re.compile(
    r"^article\s+(\d+(?:\s+(?:" + "|".join(INSERTED) + r"))?)\b\.?\s*(?:[-–—:.]\s*)?(.*)$",
    re.IGNORECASE,
)
PREAMBLE = re.compile(r"^preamble\.?$", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d+)\.\s+(.+)$")
LETTERED = re.compile(r"^\(([a-z]{1,2})\)\s+(.+)$")
FOOTNOTE_TEXT = re.compile(r"^\[\^(\w+)\]:\s*(.+)$")
FOOTNOTE_REF = re.compile(r"\[\^(\w+)\]")
OPTION = re.compile(r"^option\s+\w+\s*:\s*", re.IGNORECASE)


class DraftParseError(ValueError):
    """The draft does not read; says on which line and why."""

    def __init__(self, line: int, message: str):
        super().__init__(f"Line {line}: {message}")
        self.line = line
        self.reason = message


@dataclass
class Bracket:
    """Bracketed text: one alternative is optional wording, several are competing wordings."""

    alternatives: list[str]
    # Who proposed each alternative, when known (a consolidated text knows; a typed one not).
    sponsors: list[list[str]] = field(default_factory=list)


Segment = str | Bracket


@dataclass
class ParsedParagraph:
    number: str  # "1", "(a)", "(i)", or "" for an unnumbered paragraph
    text: str  # as written, brackets included, footnote references removed
    line: int
    segments: list[Segment] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # the keys referenced, in order
    children: list["ParsedParagraph"] = field(default_factory=list)
    attribution: list[str] = field(default_factory=list)  # the delegations it came from
    provision: int | None = None  # its identity, once known (plenary.text.structure)

    @property
    def has_brackets(self) -> bool:
        return any(isinstance(s, Bracket) for s in self.segments) or any(
            c.has_brackets for c in self.children
        )


def article_number(number: str) -> str:
    """An article's number as written in the text: "22", "22 bis"."""
    return " ".join(number.lower().split())


def article_order(number: str) -> tuple[int, int]:
    """Where an article's number stands among others: 22 < 22 bis < 22 ter < 23."""
    digits, _space, suffix = article_number(number).partition(" ")
    return int(digits), (INSERTED.index(suffix) + 1) if suffix else 0


def inserted_after(number: str, taken: set[str]) -> str:
    """The number of an article inserted after `number`: "22 bis", or "22 ter" if taken."""
    base, rank = article_order(number)
    for suffix in INSERTED[rank:]:
        candidate = f"{base} {suffix}"
        if candidate not in taken:
            return candidate
    raise ValueError(f"no number left after article {number}")


@dataclass
class ParsedArticle:
    number: str  # "22", or "22 bis" for an article inserted after 22
    title: str
    line: int
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    provision: int | None = None


@dataclass
class ParsedChapter:
    number: str  # Roman numeral, "" when the draft has no chapters
    title: str
    line: int
    articles: list[ParsedArticle] = field(default_factory=list)
    provision: int | None = None


@dataclass
class ParsedDraft:
    preamble: list[ParsedParagraph] = field(default_factory=list)
    chapters: list[ParsedChapter] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)

    @property
    def articles(self) -> list[ParsedArticle]:
        return [a for c in self.chapters for a in c.articles]


def roman_value(numeral: str) -> int:
    """The value of a Roman numeral (I, IV, XII ...)."""
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
    digits = [values[c] for c in numeral.lower()]
    return sum(-d if d < nxt else d for d, nxt in zip(digits, [*digits[1:], 0], strict=True))


def roman_numeral(value: int) -> str:
    """The Roman numeral of a chapter number (1 → I, 9 → IX)."""
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    result = []
    for amount, numeral in numerals:
        count, value = divmod(value, amount)
        result.append(numeral * count)
    return "".join(result)


def parse_segments(text: str, line: int) -> list[Segment]:
    """Split text into plain parts and brackets; nested brackets stay inside an alternative."""
    if "[" not in text and "]" not in text:
        return [text] if text else []  # most paragraphs hold no bracket
    segments: list[Segment] = []
    plain: list[str] = []
    depth = 0
    inner: list[str] = []
    for position, char in enumerate(text):
        if char == "[":
            if depth:
                inner.append(char)
            else:
                if plain:
                    segments.append("".join(plain))
                    plain = []
            depth += 1
        elif char == "]":
            if depth == 0:
                raise DraftParseError(
                    line,
                    _("a closing bracket at character %(position)s has no opening bracket")
                    % {"position": position + 1},
                )
            depth -= 1
            if depth:
                inner.append(char)
            else:
                segments.append(_bracket("".join(inner)))
                inner = []
        elif depth:
            inner.append(char)
        else:
            plain.append(char)
    if depth:
        raise DraftParseError(line, _("a bracket is opened and never closed"))
    if plain:
        segments.append("".join(plain))
    return _join_option_brackets(segments)


def _bracket(inner: str) -> Bracket:
    """Alternatives are separated by " / " at the bracket's own level."""
    parts: list[str] = []
    depth = 0
    start = 0
    for position, char in enumerate(inner):
        depth += char == "["
        depth -= char == "]"
        if depth == 0 and inner.startswith(" / ", position):
            parts.append(inner[start:position])
            start = position + 3
    parts.append(inner[start:])
    return Bracket([p.strip() for p in parts])


def _join_option_brackets(segments: list[Segment]) -> list[Segment]:
    """'[Option 1: …] [Option 2: …]' is one choice between alternatives, not two brackets."""
    joined: list[Segment] = []
    for segment in segments:
        if isinstance(segment, Bracket) and _is_option(segment):
            # Only white space may stand between two options of one choice.
            gap = 1 if joined and isinstance(joined[-1], str) and not joined[-1].strip() else 0
            earlier = joined[-1 - gap] if len(joined) > gap else None
            if isinstance(earlier, Bracket) and _is_option(earlier):
                del joined[len(joined) - gap :]
                earlier.alternatives.extend(segment.alternatives)
                continue
        joined.append(segment)
    for segment in joined:
        if isinstance(segment, Bracket) and _is_option(segment):
            segment.alternatives = [OPTION.sub("", a) for a in segment.alternatives]
    return joined


def _is_option(bracket: Bracket) -> bool:
    return all(OPTION.match(a) for a in bracket.alternatives)


def parse_draft(lines: Iterable[str]) -> ParsedDraft:
    """Read a draft from its lines; raise DraftParseError at the first line that does not read."""
    return _Reader().read(lines)


class _Reader:
    def __init__(self) -> None:
        self.draft = ParsedDraft()
        self.chapter: ParsedChapter | None = None
        self.article: ParsedArticle | None = None
        self.paragraph: ParsedParagraph | None = None
        self.lettered: ParsedParagraph | None = None
        self.awaiting_title: ParsedChapter | ParsedArticle | None = None

    def read(self, lines: Iterable[str]) -> ParsedDraft:
        number = 0
        for number, raw in enumerate(lines, start=1):
            text = " ".join(raw.split())
            if text:
                self._line(number, text)
        if not self.draft.chapters and not self.draft.preamble:
            raise DraftParseError(
                max(number, 1), _("the draft has no preamble, chapter or article")
            )
        self._check_footnotes()
        return self.draft

    def _line(self, number: int, text: str) -> None:
        if note := FOOTNOTE_TEXT.match(text):
            self.draft.footnotes[note.group(1)] = note.group(2)
            return
        if match := CHAPTER.match(text):
            self._chapter(number, match.group(1), match.group(2))
            return
        if match := ARTICLE.match(text):
            self._article(number, article_number(match.group(1)), match.group(2))
            return
        if self.awaiting_title is not None and not _looks_numbered(text):
            self.awaiting_title.title = text
            self.awaiting_title = None
            return
        self.awaiting_title = None
        if PREAMBLE.match(text) and not self.draft.chapters:
            return
        self._paragraph(number, text)

    def _chapter(self, number: int, numeral: str, title: str) -> None:
        if not ROMAN.match(numeral.lower()):
            raise DraftParseError(
                number, _("%(numeral)s is not a Roman numeral") % {"numeral": repr(numeral)}
            )
        previous = [c for c in self.draft.chapters if c.number]
        if previous and roman_value(numeral) <= roman_value(previous[-1].number):
            raise DraftParseError(
                number,
                _("chapter %(number)s follows chapter %(previous)s")
                % {"number": numeral.upper(), "previous": previous[-1].number},
            )
        self.chapter = ParsedChapter(numeral.upper(), title, number)
        self.draft.chapters.append(self.chapter)
        self.article = self.paragraph = self.lettered = None
        self.awaiting_title = None if title else self.chapter

    def _article(self, number: int, label: str, title: str) -> None:
        articles = self.draft.articles
        if articles and article_order(label) <= article_order(articles[-1].number):
            raise DraftParseError(
                number,
                _("article %(number)s follows article %(previous)s")
                % {"number": label, "previous": articles[-1].number},
            )
        if self.chapter is None:
            self.chapter = ParsedChapter("", "", number)
            self.draft.chapters.append(self.chapter)
        self.article = ParsedArticle(label, title, number)
        self.chapter.articles.append(self.article)
        self.paragraph = self.lettered = None
        self.awaiting_title = None if title else self.article

    def _paragraph(self, number: int, text: str) -> None:
        if self.article is None and self.draft.chapters:
            raise DraftParseError(number, _("text after a chapter heading and before any article"))
        target = self.draft.preamble if self.article is None else self.article.paragraphs
        if match := NUMBERED.match(text):
            self._numbered(number, target, match.group(1), match.group(2))
        elif (match := LETTERED.match(text)) and self.lettered and self._is_roman(match.group(1)):
            self.lettered.children.append(_make(number, f"({match.group(1)})", match.group(2)))
        elif match:
            self._lettered(number, match.group(1), match.group(2))
        else:
            self.paragraph = _make(number, "", text)
            self.lettered = None
            target.append(self.paragraph)

    def _numbered(self, number: int, target: list[ParsedParagraph], label: str, text: str) -> None:
        numbered = [int(p.number) for p in target if p.number.isdigit()]
        if numbered and int(label) != numbered[-1] + 1:
            raise DraftParseError(
                number,
                _("paragraph %(number)s follows paragraph %(previous)s")
                % {"number": label, "previous": numbered[-1]},
            )
        self.paragraph = _make(number, label, text)
        self.lettered = None
        target.append(self.paragraph)

    def _is_roman(self, label: str) -> bool:
        # "(i)" is the ninth letter after "(h)"; otherwise a Roman numeral under a letter.
        if not ROMAN.match(label) or self.lettered is None:
            return False
        last = self.lettered.number.strip("()")
        return not (len(last) == 1 and len(label) == 1 and ord(label) == ord(last) + 1)

    def _lettered(self, number: int, label: str, text: str) -> None:
        if self.paragraph is None:
            raise DraftParseError(
                number,
                _("sub-paragraph (%(label)s) has no paragraph above it") % {"label": label},
            )
        self.lettered = _make(number, f"({label})", text)
        self.paragraph.children.append(self.lettered)

    def _check_footnotes(self) -> None:
        def walk(paragraphs: list[ParsedParagraph]) -> Iterable[ParsedParagraph]:
            for p in paragraphs:
                yield p
                yield from walk(p.children)

        everything = [*walk(self.draft.preamble)]
        for article in self.draft.articles:
            everything.extend(walk(article.paragraphs))
        for paragraph in everything:
            for key in paragraph.footnotes:
                if key not in self.draft.footnotes:
                    raise DraftParseError(
                        paragraph.line, _("footnote [^%(key)s] has no text") % {"key": key}
                    )


def _looks_numbered(text: str) -> bool:
    return bool(NUMBERED.match(text) or LETTERED.match(text))


def _make(line: int, number: str, text: str) -> ParsedParagraph:
    footnotes = FOOTNOTE_REF.findall(text)
    clean = FOOTNOTE_REF.sub("", text)
    return ParsedParagraph(number, clean, line, parse_segments(clean, line), footnotes)
