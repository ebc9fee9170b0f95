"""Arabic dates as UN documents write them (8 أبريل 2022, no comma); Django's Arabic locale has a
date format with a comma and no date-time format."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y، H:i"
# Numbers with the digits the pages use (0-9) and the separators CLDR gives Arabic with them
# (1,234.5); Django's Arabic locale has a decimal comma and no grouping.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
