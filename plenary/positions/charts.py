"""Server-made SVG charts for the analysis pages. Every mark carries a letter or a shape as well
as a colour, and a <title> that names it, so the charts read without colour; each page shows
the same data as a table beside its chart. Every piece of text is escaped."""

from django.utils.html import escape
from django.utils.translation import gettext as _

from plenary.analysis import Forecast, OpinionMap, Position

AXIS_LEFT = 40
AXIS_WIDTH = 560


def _x(value: float) -> float:
    return round(AXIS_LEFT + AXIS_WIDTH * value / 100.0, 1)


def forecast_chart(
    title: str, positions: list[Position], result: Forecast, status_quo: float
) -> str:
    """The delegations on the issue's 0-100 scale, the spread of their positions, and where each
    model expects the issue to land."""
    axis_y = 96
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{AXIS_LEFT * 2 + AXIS_WIDTH}" '
        f'height="150" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{AXIS_LEFT}" y1="{axis_y}" x2="{AXIS_LEFT + AXIS_WIDTH}" y2="{axis_y}" '
        'stroke="#57606a"/>',
    ]
    for tick in range(0, 101, 25):
        parts.append(
            f'<line x1="{_x(tick)}" y1="{axis_y}" x2="{_x(tick)}" y2="{axis_y + 5}" '
            f'stroke="#57606a"/><text x="{_x(tick)}" y="{axis_y + 18}" font-size="11" '
            f'text-anchor="middle">{tick}</text>'
        )
    spread = result.spread
    # Marked outside the f-strings: makemessages does not look inside them.
    middle_half, median, salience = (
        escape(_("Middle half of the positions")),
        escape(_("Median position")),
        escape(_("salience")),
    )
    parts.append(
        f'<rect x="{_x(spread.lower_quartile)}" y="{axis_y + 24}" '
        f'width="{max(_x(spread.upper_quartile) - _x(spread.lower_quartile), 1)}" height="10" '
        f'fill="#d0d7de"><title>{middle_half}: '
        f"{spread.lower_quartile:.0f}–{spread.upper_quartile:.0f}</title></rect>"
        f'<line x1="{_x(spread.median)}" y1="{axis_y + 22}" x2="{_x(spread.median)}" '
        f'y2="{axis_y + 36}" stroke="#24292f" stroke-width="2"><title>'
        f"{median}: {spread.median:.0f}</title></line>"
    )
    for row, position in enumerate(positions):
        y = axis_y - 6 - 5 * (row % 4)
        parts.append(
            f'<circle cx="{_x(position.position)}" cy="{y}" r="3" fill="#0969da" '
            f'fill-opacity="0.6"><title>{escape(position.id)}: {position.position:.0f} '
            f"({salience} {position.salience:.2f})</title></circle>"
        )
    markers = [
        ("Q", _("No-agreement point"), status_quo, "#57606a"),
        ("C", _("Compromise"), result.compromise, "#1a7f37"),
        ("N", _("Nash bargaining"), result.nash, "#8250df"),
        ("T", _("Two-thirds vote"), result.two_thirds, "#bf8700"),
    ]
    for row, (letter, name, value, colour) in enumerate(markers):
        y = 14 + row * 14
        parts.append(
            f"<g><title>{escape(name)}: {value:.1f}</title>"
            f'<line x1="{_x(value)}" y1="{y + 2}" x2="{_x(value)}" y2="{axis_y}" '
            f'stroke="{colour}" stroke-dasharray="3 2"/>'
            f'<text x="{_x(value) + 3}" y="{y + 6}" font-size="11" font-weight="bold" '
            f'fill="{colour}">{letter} {value:.0f}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


# One shape per opinion group, so that groups read without colour.
GROUP_COLOURS = ["#0969da", "#cf222e", "#1a7f37", "#8250df", "#bf8700", "#57606a"]
GROUP_SHAPES = ["circle", "square", "triangle", "diamond", "cross", "bar"]


SHAPE_POINTS: dict[str, list[tuple[float, float]]] = {
    "triangle": [(0, -6), (5.5, 4.5), (-5.5, 4.5)],
    "diamond": [(0, -6), (6, 0), (0, 6), (-6, 0)],
    "cross": [
        (-2, -6),
        (2, -6),
        (2, -2),
        (6, -2),
        (6, 2),
        (2, 2),
        (2, 6),
        (-2, 6),
        (-2, 2),
        (-6, 2),
        (-6, -2),
        (-2, -2),
    ],
    "bar": [(-6, -2.5), (6, -2.5), (6, 2.5), (-6, 2.5)],
}


def _shape(kind: str, x: float, y: float, colour: str, title: str) -> str:
    inner = f"<title>{escape(title)}</title>"
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}">{inner}</circle>'
    if kind == "square":
        return (
            f'<rect x="{x - 4.5}" y="{y - 4.5}" width="9" height="9" fill="{colour}">{inner}</rect>'
        )
    points = SHAPE_POINTS[kind]
    path = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for dx, dy in points)
    return f'<polygon points="{path}" fill="{colour}">{inner}</polygon>'


def opinion_chart(result: OpinionMap, size: int = 460) -> str:
    """The delegations on the first two principal components of their stances, one shape and
    colour per group."""
    title = _("Delegations placed by their stances; one shape per group")
    margin = 20
    xs = [p.x for p in result.points]
    ys = [p.y for p in result.points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)

    def place(value: float, low: float) -> float:
        return round(margin + (value - low) / span * (size - 2 * margin), 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<rect x="0.5" y="0.5" width="{size - 1}" height="{size - 1}" fill="none" '
        'stroke="#d0d7de"/>',
    ]
    for point in result.points:
        group = point.group % len(GROUP_SHAPES)
        parts.append(
            _shape(
                GROUP_SHAPES[group],
                place(point.x, min(xs)),
                # SVG's y grows downward; the map's second axis grows upward.
                size - place(point.y, min(ys)),
                GROUP_COLOURS[group],
                _("%(delegation)s: group %(group)s")
                % {"delegation": point.delegation, "group": point.group + 1},
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def group_key(number: int) -> str:
    """A small SVG of a group's shape, for the legend and the table."""
    group = number % len(GROUP_SHAPES)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" aria-hidden="true">'
        + _shape(GROUP_SHAPES[group], 8, 8, GROUP_COLOURS[group], "")
        + "</svg>"
    )
