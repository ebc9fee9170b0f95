"""English dates as UN documents write them: 8 April 2022, not Django's US default."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
