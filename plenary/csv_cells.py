"""Cells of the CSV files people download: a cell a spreadsheet would run as a formula (one that
starts with = + - or @) is written with a quote before it, so that it is read as text."""

FORMULA_STARTS = {"=", "+", "-", "@"}


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text
