"""Arabic dates as UN documents write them (8 أبريل 2022, no comma); Django's Arabic locale has a
date format with a comma and no date-time format."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
