"""Template helpers for showing facts with their sources."""

import datetime

from django import template
from django.utils.formats import date_format

register = template.Library()


@register.inclusion_tag("includes/sources.html")
def sources(entries, illustrative=False):
    """The sources of a fact, or the label that it is illustrative."""
    return {"entries": entries or [], "illustrative": illustrative}


@register.simple_tag
def date_range(start: datetime.date, end: datetime.date) -> str:
    """'28 February – 11 March 2022', '10–12 May 2021', or one day."""
    if start == end:
        return date_format(start, "j F Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j F Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j F')} – {date_format(end, 'j F Y')}"
    return f"{date_format(start, 'j F Y')} – {date_format(end, 'j F Y')}"
