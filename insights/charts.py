"""Bar charts as SVG drawn on the server: no script and no outside service.

Every bar carries its label and its number as text, so nothing depends on colour; the chart
is an image with a title for screen readers, which read the same numbers in the table beside
it."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .tables import Table, cell_text, hours

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 110
ROW_HEIGHT = 26
BAR_HEIGHT = 16
MAX_BARS = 15


def _length(value, kind: str) -> float:
    if value is None:
        return 0.0
    if kind == "duration":
        return hours(value)
    if kind == "share":
        return value * 100
    return float(value)


def bar_chart(table: Table, *, chart_id: str) -> SafeString:
    """The table's chart: one horizontal bar per row (the first ``MAX_BARS``)."""
    if table.chart is None or not table.rows:
        return mark_safe("")  # noqa: S308 - nothing to draw
    label_at, value_at = table.chart
    kind = table.columns[value_at].kind
    rows = table.rows[:MAX_BARS]
    lengths = [_length(row[value_at], kind) for row in rows]
    longest = max(lengths) or 1.0
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = ROW_HEIGHT * len(rows) + 8
    parts = [
        format_html(
            '<svg class="insights-chart" id="{}" role="img" aria-labelledby="{}-title" '
            'viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMinYMin meet" '
            'xmlns="http://www.w3.org/2000/svg"><title id="{}-title">{}</title>',
            chart_id,
            chart_id,
            WIDTH,
            height,
            chart_id,
            f"{table.title}: {table.columns[value_at].label}",
        )
    ]
    for index, (row, length) in enumerate(zip(rows, lengths, strict=True)):
        y = 4 + index * ROW_HEIGHT
        label = cell_text(row[label_at], table.columns[label_at].kind)
        if len(label) > 30:
            label = label[:29] + "…"
        bar = round(bar_area * length / longest, 1)
        parts.append(
            format_html(
                '<g class="insights-chart__bar">'
                '<text x="{}" y="{}" text-anchor="end" fill="currentColor">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" rx="2" fill="#2b6a84"></rect>'
                '<text x="{}" y="{}" class="insights-chart__value" fill="currentColor">{}</text>'
                "</g>",
                LABEL_WIDTH - 8,
                y + BAR_HEIGHT - 3,
                label,
                LABEL_WIDTH,
                y,
                bar,
                BAR_HEIGHT,
                LABEL_WIDTH + bar + 6,
                y + BAR_HEIGHT - 3,
                cell_text(row[value_at], kind),
            )
        )
    parts.append(mark_safe("</svg>"))  # noqa: S308 - a constant
    # Every part is format_html's output: its text was escaped there.
    return mark_safe("".join(parts))  # noqa: S308
