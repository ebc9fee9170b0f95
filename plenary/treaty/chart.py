"""The chart of instruments over time: a server-made SVG that reads without colour (each line
has its own dash pattern, marker shape and label) and the same data as table rows."""

import datetime
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext as _

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 110, 20, 40


@dataclass(frozen=True)
class Point:
    """Cumulative counts at the end of a day on which something was signed or deposited."""

    date: datetime.date
    signatures: int
    parties: int


def cumulative(instruments: list[tuple[datetime.date, bool]]) -> list[Point]:
    """(date, is an instrument of consent) pairs → running totals per day."""
    per_day: dict[datetime.date, list[int]] = {}
    for day, consent in instruments:
        per_day.setdefault(day, [0, 0])[1 if consent else 0] += 1
    points: list[Point] = []
    signatures = parties = 0
    for day in sorted(per_day):
        signatures += per_day[day][0]
        parties += per_day[day][1]
        points.append(Point(day, signatures, parties))
    return points


def instruments_chart(points: list[Point], threshold: int, start: datetime.date) -> str:
    """The SVG: signatures (solid, circles) and parties (dashed, squares) against the threshold
    (dotted), from `start` to the last day with an instrument."""
    title = _("Signatures and parties over time")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="instruments-title">'
        f'<title id="instruments-title">{escape(title)}</title>'
    ]
    end = max([p.date for p in points] + [start + datetime.timedelta(days=30)])
    top = max([threshold] + [max(p.signatures, p.parties) for p in points])
    span = max((end - start).days, 1)

    def x(day: datetime.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span

    def y(count: int) -> float:
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * count / top

    axis = f"{LEFT},{TOP} {LEFT},{HEIGHT - BOTTOM} {WIDTH - RIGHT},{HEIGHT - BOTTOM}"
    parts.append(f'<polyline points="{axis}" fill="none" stroke="#57606a"/>')
    for count in sorted({0, threshold, top}):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(count) + 4:.1f}" font-size="11" '
            f'text-anchor="end">{count}</text>'
        )
    for day, anchor in ((start, "start"), (end, "end")):
        # Without the right-to-left marks some languages put between day, month and year:
        # figures and slashes alone read the same in the chart's left-to-right drawing.
        short = date_format(day, "SHORT_DATE_FORMAT").replace("\u200f", "").replace("\u200e", "")
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
            f'text-anchor="{anchor}">{escape(short)}</text>'
        )
    needed = _("%(n)s needed") % {"n": threshold}
    # Names at the right of the lines never overlap: each keeps 14 units from the others.
    labels_at: list[float] = [y(threshold) + 4]
    parts.append(
        f'<line class="threshold" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(threshold):.1f}" '
        f'y2="{y(threshold):.1f}" stroke="#57606a" stroke-dasharray="2 4"/>'
        f'<text x="{WIDTH - RIGHT + 6}" y="{y(threshold) + 4:.1f}" font-size="11">'
        f"{escape(needed)}</text>"
    )
    series = (
        ("signatures", _("Signatures"), "#0969da", "", "circle"),
        ("parties", _("Parties"), "#8250df", ' stroke-dasharray="8 4"', "rect"),
    )
    for name, label, colour, dash, marker in series:
        steps: list[str] = [f"{x(start):.1f},{y(0):.1f}"]
        previous = 0
        for point in points:
            value = getattr(point, name)
            steps.append(f"{x(point.date):.1f},{y(previous):.1f}")
            steps.append(f"{x(point.date):.1f},{y(value):.1f}")
            previous = value
        steps.append(f"{x(end):.1f},{y(previous):.1f}")
        parts.append(
            f'<polyline class="series-{name}" points="{" ".join(steps)}" fill="none" '
            f'stroke="{colour}" stroke-width="2"{dash}/>'
        )
        for point in points:
            value = getattr(point, name)
            tip = f"{date_format(point.date, 'j F Y')}: {value} {label.lower()}"
            px, py = x(point.date), y(value)
            shape = (
                f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}">'
                if marker == "circle"
                else f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" '
                f'fill="{colour}">'
            )
            parts.append(f"{shape}<title>{escape(tip)}</title></{marker}>")
        # Each line is named at its end; a second name too close to the first moves below it.
        label_y = y(previous) + 4
        while any(abs(label_y - taken) < 14 for taken in labels_at):
            label_y += 14
        labels_at.append(label_y)
        parts.append(
            f'<text x="{WIDTH - RIGHT + 6}" y="{label_y:.1f}" font-size="12" '
            f'fill="{colour}">{escape(label)} ({previous})</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
