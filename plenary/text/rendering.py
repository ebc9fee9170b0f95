"""The text as HTML, rendered in Python: a full draft has hundreds of paragraphs and thousands
of proposals, which recursive template includes render too slowly. Every piece of text goes
through _e(); only the markup written here is trusted."""

from collections.abc import Callable
from html import escape as escape_html
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

Paragraph = dict[str, Any]
Extra = Callable[[Paragraph], str]


def _e(text: object) -> str:
    """What Django's escape() does, without its lazy-string wrapper: a full draft escapes
    thousands of pieces, and the wrapper was half the page's time."""
    return escape_html(str(text))


def segments_html(paragraph: Paragraph) -> str:
    """A paragraph's wording with its brackets, alternatives, sponsors and note markers."""
    parts = []
    for segment in paragraph["segments"]:
        if "alternatives" not in segment:
            parts.append(_e(segment["text"]))
            continue
        sponsors = segment.get("sponsors") or [[] for _ in segment["alternatives"]]
        alternatives = [
            f'<span class="alternative">{_e(text)}</span>'
            + (f' <span class="sponsors">({_e(", ".join(names))})</span>' if names else "")
            for text, names in zip(segment["alternatives"], sponsors, strict=True)
        ]
        # Marked outside the f-string: makemessages does not look inside f-strings.
        not_agreed = _e(_("bracketed: not agreed"))
        parts.append(
            f'<span class="bracket" title="{not_agreed}">[' + " / ".join(alternatives) + "]</span>"
        )
    for key in paragraph["footnotes"]:
        parts.append(f'<sup><a href="#note-{_e(key)}">{_e(key)}</a></sup>')
    return "".join(parts)


def _number(paragraph: Paragraph) -> str:
    number = paragraph["number"]
    if not number:
        return ""
    shown = f"{number}." if number.isdigit() else number
    return f'<span class="num">{_e(shown)}</span> '


def _paragraphs(paragraphs: list[Paragraph], body: Extra, after: Extra, css: str) -> str:
    items = []
    for paragraph in paragraphs:
        children = paragraph["children"]
        nested = _paragraphs(children, body, after, "sub") if children else ""
        items.append(
            f'<li class="paragraph status-{_e(paragraph["status"])}" '
            f'id="{_e(paragraph["eid"])}" data-provision="{_e(paragraph.get("provision", ""))}">'
            f"<div>{_number(paragraph)}{body(paragraph)}</div>"
            f"{after(paragraph)}{nested}</li>"
        )
    return f'<ol class="{css}">{"".join(items)}</ol>'


def _document(content: dict[str, Any], body: Extra, after: Extra) -> SafeString:
    # "Preamble", "Chapter" and "Article" are the text's own words: they stay in the language
    # the text is negotiated in (English), whatever the language of the pages around it.
    html = []
    if content["preamble"]:
        html.append(
            f'<section id="preamble"><h2>Preamble</h2>'
            f"{_paragraphs(content['preamble'], body, after, 'paragraphs')}</section>"
        )
    for chapter in content["chapters"]:
        html.append(f'<section id="{_e(chapter["eid"])}">')
        heading = (
            (f"Chapter {chapter['number']}" if chapter["number"] else "")
            + (f". {chapter['title']}" if chapter["title"] else "")
        ).lstrip(". ")
        if heading:
            html.append(f"<h2>{_e(heading)}</h2>")
        # Without a chapter heading, articles are the next level under the page's title.
        level = 3 if heading else 2
        for article in chapter["articles"]:
            title = f". {article['title']}" if article["title"] else ""
            html.append(
                f'<section id="{_e(article["eid"])}" class="article" '
                f'data-provision="{_e(article.get("provision", ""))}">'
                f"<h{level}>Article {_e(article['number'])}{_e(title)}</h{level}>"
                f"{_paragraphs(article['paragraphs'], body, after, 'paragraphs')}</section>"
            )
        html.append("</section>")
    return mark_safe("".join(html))  # noqa: S308 -- every text above is escaped


def version_html(content: dict[str, Any], paragraph_url: str | None = None) -> SafeString:
    """A version as readers see it; with `paragraph_url` (an address holding /EID/), each
    paragraph links to its own page."""
    if paragraph_url is None:
        return _document(content, segments_html, lambda paragraph: "")
    label = _e(_("On this paragraph"))

    def after(paragraph: Paragraph) -> str:
        eid = _e(paragraph["eid"])
        url = _e(paragraph_url.replace("/EID/", f"/{paragraph['eid']}/"))
        return f'<a class="act" href="{url}">{label}<span class="visually-hidden"> {eid}</span></a>'

    return _document(content, segments_html, after)


def working_html(
    content: dict[str, Any],
    *,
    slug: str,
    csrf_token: str,
    delegation_id: int | None,
    is_chair: bool,
) -> SafeString:
    """The working text at the table: proposals bracketed with sponsors, statuses, packages,
    and for each paragraph the link to propose on it (or, for the chair, to set its status)."""
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{_e(csrf_token)}">'
    status_word = _("proposed by")
    package_word = _("package:")
    # Words and addresses are looked up once, not once per paragraph or proposal.
    act = _("Draft or set the status of %(n)s") if is_chair else _("Propose on %(n)s")
    this_paragraph = _("this paragraph")
    withdraw_button = _button(slug, "withdraw", _("Withdraw"), csrf)
    cosponsor_button = _button(slug, "cosponsor", _("Co-sponsor"), csrf)
    paragraph_url = reverse("draft-paragraph", args=[slug, 0])

    def body(paragraph: Paragraph) -> str:
        text = segments_html(paragraph)
        if paragraph["bracketed"]:
            proposed = "".join(
                f' / <span class="alternative proposed">{_e(p["text"])}</span> '
                f'<span class="sponsors">({_e(", ".join(p["sponsors"]))})</span>'
                for p in paragraph["bracketed"]
            )
            text = (
                f'<span class="bracket">[<span class="alternative">{text}</span>{proposed}]</span>'
            )
        badges = [
            f'<span class="badge paragraph-status {_e(paragraph["status"])}">'
            f"{_e(paragraph['status_label'])}</span>"
        ]
        if paragraph["attribution"]:
            names = ", ".join(paragraph["attribution"])
            badges.append(f'<span class="sponsors">{_e(status_word)} {_e(names)}</span>')
        badges.extend(
            f'<span class="badge package">{_e(package_word)} {_e(title)}</span>'
            for title in paragraph["packages"]
        )
        return f"{text} {' '.join(badges)}"

    def after(paragraph: Paragraph) -> str:
        html = []
        for proposal in paragraph["proposals"]:
            note = ""
            if proposal["kind"] not in {"replace", "alternative"} and proposal["text"]:
                note = f": {_e(proposal['text'])}"
            action = ""
            if delegation_id is not None and delegation_id == proposal["delegation_id"]:
                action = withdraw_button.replace("/0/", f"/{proposal['id']}/")
            elif delegation_id is not None and delegation_id not in proposal["sponsor_ids"]:
                action = cosponsor_button.replace("/0/", f"/{proposal['id']}/")
            html.append(
                f'<div class="proposal" id="proposal-{proposal["id"]}"><span class="muted">'
                f"{_e(proposal['kind_label'])} ({_e(', '.join(proposal['sponsors']))})"
                f"{note}</span>{action}</div>"
            )
        if delegation_id is not None or is_chair:
            label = act % {"n": paragraph["number"] or this_paragraph}
            url = paragraph_url.replace("/0/", f"/{paragraph['provision']}/")
            html.append(f'<a class="act" href="{_e(url)}">{_e(label)}</a>')
        return "".join(html)

    return _document(content, body, after)


def _button(slug: str, name: str, label: str, csrf: str) -> str:
    """A one-button form for proposal 0; the caller puts the real proposal's id in."""
    url = reverse(name, args=[slug, 0])
    return (
        f' <form method="post" action="{_e(url)}" class="inline">{csrf}'
        f'<button type="submit" class="link">{_e(label)}</button></form>'
    )
