"""Chinese numbers grouped by thousands with a comma (1,234,567), as CLDR and UN documents in
Chinese write them; Django's Chinese locale groups by four with no separator, which shows none."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
