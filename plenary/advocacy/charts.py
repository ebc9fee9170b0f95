"""The scorecard's trend as a server-made SVG: each verdict a shape and a letter as well as a
colour, so the chart reads without colour; the page shows the same data as a table."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from plenary.advocacy.services.red_lines import Scorecard

CELL = 34
LABEL = 260
TOP = 120
# verdict -> (colour, letter): met, partly met, not met; unassessed versions stay empty.
MARKS = {
    "met": ("#116329", "M"),
    "partly_met": ("#7d4e00", "P"),
    "not_met": ("#a40e26", "N"),
}


def trend_svg(card: Scorecard) -> str:
    """Red lines as rows, versions as columns, a lettered square for each verdict."""
    width = LABEL + CELL * max(1, len(card.versions)) + 160  # room for the slanted labels
    height = TOP + CELL * max(1, len(card.rows))
    title = _("Verdicts on each red line over the versions")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="trend-title"><title id="trend-title">{escape(title)}</title>'
    ]
    for column, version in enumerate(card.versions):
        x = LABEL + column * CELL + CELL / 2
        weight = ' font-weight="bold"' if version.pk == card.version.pk else ""
        parts.append(
            f'<text x="{x}" y="{TOP - 8}" transform="rotate(-35 {x} {TOP - 8})" '
            f'font-size="11"{weight}>{escape(version.label[:28])}</text>'
        )
    for row_index, row in enumerate(card.rows):
        y = TOP + row_index * CELL
        flag = " ⚑" if row.flag is not None else ""
        parts.append(
            f'<text x="0" y="{y + 21}" font-size="12">{escape(row.red_line.title[:38])}'
            f"{flag}</text>"
        )
        for column, (version, verdict, _label) in enumerate(row.trend):
            x = LABEL + column * CELL
            if verdict is None:
                parts.append(
                    f'<rect x="{x + 2}" y="{y + 2}" width="{CELL - 6}" height="{CELL - 6}" '
                    f'fill="none" stroke="#d0d7de" stroke-dasharray="3 2"><title>'
                    f"{escape(row.red_line.title)}, {escape(version.label)}: "
                    f"{escape(_('not assessed'))}</title></rect>"
                )
                continue
            colour, letter = MARKS[verdict]
            parts.append(
                f'<rect class="verdict {verdict}" x="{x + 2}" y="{y + 2}" width="{CELL - 6}" '
                f'height="{CELL - 6}" fill="{colour}"><title>{escape(row.red_line.title)}, '
                f"{escape(version.label)}: {escape(verdict)}</title></rect>"
                f'<text x="{x + CELL / 2 - 6}" y="{y + 22}" font-size="13" fill="#fff" '
                f'font-weight="bold">{letter}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)
