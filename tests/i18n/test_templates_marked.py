"""Every word a template shows is inside a translate tag: a scanner reads each template, sets
aside what is not shown text (template tags and variables, comments, markup, scripts, entity
references, white space, punctuation, numbers) and what is translated ({% translate %},
{% blocktranslate %}), and fails on any word left, in text or in the attributes people read
(title, alt, placeholder, aria-label, a button's value)."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "plenary"
# The same in every language: the product's name, a time zone, a UN document symbol (as an
# example in a field), and the letters that key the charts' marks (the server-drawn charts
# show the same letters whatever the language, beside translated keys).
ALLOWED = {"Plenary", "UTC", "A/AC.291/CRP.1", "M", "P", "N", "C", "T", "Q"}

COMMENTS = re.compile(r"{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{#.*?#}|<!--.*?-->", re.DOTALL)
TRANSLATED_BLOCKS = re.compile(
    r"{%\s*blocktrans(late)?\b.*?%}.*?{%\s*endblocktrans(late)?\s*%}", re.DOTALL
)
CODE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
TEMPLATE_SYNTAX = re.compile(r"{%.*?%}|{{.*?}}", re.DOTALL)
READ_ATTRIBUTES = re.compile(
    r"""\s(title|alt|placeholder|aria-label|aria-description|aria-roledescription|label)"""
    r"""\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)
BUTTON_VALUES = re.compile(
    r"""<input\b[^>]*\btype\s*=\s*["']?(submit|button|reset)\b[^>]*>""", re.IGNORECASE
)
VALUE = re.compile(r"""\svalue\s*=\s*("[^"]*"|'[^']*')""", re.IGNORECASE)
TAGS = re.compile(r"<[^>]*>")
ENTITIES = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")
LETTER = re.compile(r"[^\W\d_]")


def templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.html") if "templates" in p.parts)


def shown_text(value: str) -> list[str]:
    """The runs of words in a piece of a template that no translate tag covers."""
    value = TEMPLATE_SYNTAX.sub(" ", value)
    value = ENTITIES.sub(" ", value)
    runs = []
    for run in re.split(r"\s{2,}|\n", value):
        words = [
            w for w in re.split(r"\s+", run.strip()) if w and w.strip(".,;:·|()") not in ALLOWED
        ]
        if any(LETTER.search(w) for w in words):
            runs.append(" ".join(words))
    return runs


def unmarked(source: str) -> list[str]:
    """What a template shows without a translate tag around it."""
    source = COMMENTS.sub(" ", source)
    source = TRANSLATED_BLOCKS.sub(" ", source)
    source = CODE.sub(" ", source)
    found = []
    # Attributes people read (and buttons' labels), with template syntax set aside first so
    # that a tag inside an attribute does not end the attribute early.
    masked = TEMPLATE_SYNTAX.sub(lambda m: "\0" * len(m.group()), source)
    for match in READ_ATTRIBUTES.finditer(masked):
        start, end = match.span(2)
        found += shown_text(source[start + 1 : end - 1])
    for button in BUTTON_VALUES.finditer(masked):
        value = VALUE.search(button.group())
        if value:
            start = button.start() + value.start(1)
            found += shown_text(source[start + 1 : button.start() + value.end(1) - 1])
    # The text between tags.
    text = []
    position = 0
    for match in TAGS.finditer(masked):
        text.append(source[position : match.start()])
        text.append("\n")
        position = match.end()
    text.append(source[position:])
    found += shown_text("".join(text))
    return found


def test_the_scanner_finds_unmarked_words_and_passes_marked_ones():
    assert unmarked('<p title="Open">{% translate "Closed" %}</p>') == ["Open"]
    assert unmarked("<h1>Draft {{ version.label }}</h1>") == ["Draft"]
    assert unmarked('<input type="submit" value="Send">') == ["Send"]
    assert (
        unmarked(
            "{% load i18n %}<p>{% blocktranslate with n=count %}{{ n }} signatories"
            "{% endblocktranslate %}"
            '</p>{# a note #}<!-- markup --><a href="/" aria-label="{% translate \'Home\' %}">'
            "&nbsp;·&nbsp;12 – 3</a><script>var shown = 'no';</script><span>Plenary</span>"
        )
        == []
    )


def test_no_template_shows_a_word_outside_a_translate_tag():
    problems = [
        f"{path.relative_to(ROOT)}: {text!r}"
        for path in templates()
        for text in unmarked(path.read_text(encoding="utf-8"))
    ]
    assert len(templates()) > 40
    assert problems == [], "\n".join(problems)
