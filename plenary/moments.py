"""Moments as people read them: in the time zone of the place they happen, named by that place
("3 February 2024, 10:00 Geneva time"); pages add the reader's own time (plenary.js)."""

import datetime
import zoneinfo
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


def zone_of(where: Any) -> str:
    """The IANA time zone of a session or a negotiation (or a zone's own name)."""
    return str(getattr(where, "timezone", where))


def place_of(where: Any) -> str:
    """What a time zone is called: the session's city, else the zone's own city (New York for
    America/New_York), else the zone's name (UTC)."""
    city = getattr(where, "city", None)
    if city:
        return str(city)
    return zone_of(where).rsplit("/", 1)[-1].replace("_", " ")


def local(moment: datetime.datetime, where: Any) -> datetime.datetime:
    """The moment on the clocks of the place."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(zone_of(where)))


def in_zone(moment: datetime.datetime, where: Any) -> str:
    """'3 February 2024, 10:00 Geneva time', in the page's language."""
    return _("%(moment)s %(place)s time") % {
        "moment": date_format(local(moment, where), "DATETIME_FORMAT"),
        "place": place_of(where),
    }
