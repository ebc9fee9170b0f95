"""The years the record holds: from the United Nations' founding to well beyond any mandate.

Time zones had no standard offsets before the 20th century: a session or a deadline in the year
447 falls at a moment with an offset in seconds that no date-time format can carry, so dates
outside these years are refused where they are entered."""

import datetime

EARLIEST = datetime.date(1945, 1, 1)
LATEST = datetime.date(2199, 12, 31)


def in_record_years(date: datetime.date) -> bool:
    return EARLIEST <= date <= LATEST
