"""Template helpers for showing facts with their sources."""

import datetime

from django import template
from django.utils.formats import date_format, get_format, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from plenary import moments, translations
from plenary.process import capabilities, visibility
from plenary.process.names import name_in

register = template.Library()

# What the reader may see and do, asked in a template as `{% if user|can_view_working_text %}`.
register.filter("can_see_closed_meetings", capabilities.can_see_closed_meetings)
register.filter("can_view_working_text", capabilities.can_view_working_text)
register.filter("can_view_open_proposals", capabilities.can_view_open_proposals)
register.filter("can_run_process", capabilities.can_run_process)


@register.filter
def content_shown_to(session, user) -> bool:
    """Whether this person sees a session's content, not only that it took place."""
    return visibility.sees_content(user, session)


@register.simple_tag
def sources(entries, illustrative=False) -> str:
    """The sources of a fact, or the label that it is illustrative. Written here rather than
    as an included template: tables show one per row, and an included template costs a
    hundred times more than these few lines."""
    parts = []
    if illustrative:
        parts.append(
            format_html(
                '<span class="illustrative" title="{}">{}</span>',
                _("Not from the public record: example data for the demo."),
                _("illustrative"),
            )
        )
    if entries:
        shown = []
        for entry in entries:
            symbol, title, url = (entry.get(k) or "" for k in ("symbol", "title", "url"))
            if url:
                shown.append(
                    format_html('<a href="{}" rel="noopener">{}</a>', url, symbol or title or url)
                )
            else:
                shown.append(conditional_escape(symbol))
            if symbol and title:
                shown.append(format_html(' <span class="source-title">({})</span>', title))
            shown.append("; ")
        parts.append(
            format_html(
                '<span class="sources">{} {}</span>',
                _("Source:"),
                mark_safe("".join(shown[:-1])),  # noqa: S308 -- every piece escaped above
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 -- every piece escaped above


@register.simple_tag
def date_range(start: datetime.date, end: datetime.date) -> str:
    """'28 February – 11 March 2022', '10–12 May 2021', or one day."""
    if get_format("DATE_FORMAT") != "j F Y":
        # Languages that order day, month and year otherwise (2022年2月28日): both dates in full.
        if start == end:
            return date_format(start, "DATE_FORMAT")
        return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"


@register.simple_tag
def translated(record, field: str, plain: bool = False):
    """The record's field in the page's language, or the original marked "(in English)";
    `plain=True` for where no markup may go (a page's <title>)."""
    if plain:
        return translations.in_language_text(record, field)
    return translations.in_language(record, field)


@register.filter
def fixed(value, places: int = 0) -> str:
    """A number with `places` decimals, written the page language's way: what floatformat
    shows for the plain numbers of analysis tables, without its decimal arithmetic, which
    costs tens of milliseconds on a table of hundreds of rows."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    places = int(places)
    # Rounded first (number_format cuts), and + 0.0 so that -0.0 is written 0.
    return number_format(round(number, places) + 0.0, decimal_pos=places, use_l10n=True)


@register.inclusion_tag("process/_documents.html")
def documents_list(documents, negotiation=None, caption=""):
    """Documents of the record as a list: title, who issued them, when, and their sources."""
    return {"documents": documents, "negotiation": negotiation, "caption": caption}


@register.inclusion_tag("process/_documents.html")
def deadline_documents(deadline):
    """The documents of the record submitted for a roadmap deadline (beside what delegations
    submitted through Plenary)."""
    return {
        "documents": deadline.documents.prefetch_related("delegations"),
        "negotiation": deadline.negotiation,
        "caption": "deadline",
    }


@register.filter
def latest_published(versions):
    """The current text: the latest published version among those listed."""
    published = [v for v in versions if v.published]
    return max(published, key=lambda v: v.position) if published else None


@register.filter
def un_name(delegation) -> str:
    """A delegation's name as the UN writes it in the page's language."""
    return name_in(delegation) if delegation is not None else ""


@register.filter
def in_language(record, field: str) -> str:
    """A record's field as plain text in the page's language (marked when in English), for
    use inside a translated sentence."""
    return translations.in_language_text(record, field)


@register.simple_tag
def moment(value: datetime.datetime | None, where) -> str:
    """A moment in the time zone of `where` (a session, a negotiation or a zone's name), named
    by its place; the page's script adds the reader's own time when it differs."""
    if value is None:
        return ""
    return format_html(
        '<time datetime="{}" data-zone="{}" data-reader-label="{}">{}</time>',
        value.isoformat(),
        moments.zone_of(where),
        _("(%s your time)"),
        moments.in_zone(value, where),
    )


@register.filter
def place(where) -> str:
    """What a session's (or a negotiation's) time zone is called: its city, else its zone's."""
    return moments.place_of(where)
