"""A table of figures as Insights shows it: a title, a definition of every figure in it, typed
columns, and rows of exact values. The page formats the values for reading, the CSV download
for machines; a table may name the columns its chart draws."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.formats import date_format, number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    """``kind``: text, count, share (0 to 1), duration (a timedelta), rating, change (a
    signed rating difference), date, or link (a (text, address) pair)."""

    label: str | Promise
    kind: str = "count"


@dataclass
class Table:
    key: str
    title: str | Promise
    definition: str | Promise
    columns: list[Column]
    rows: list[list] = field(default_factory=list)
    empty: str | Promise = ""
    # The chart: (column of the bar labels, column of the bar lengths), or None.
    chart: tuple[int, int] | None = None

    @property
    def chart_measure(self) -> str:
        """What the chart's bars measure: its value column's heading."""
        return str(self.columns[self.chart[1]].label) if self.chart else ""


def duration_text(value: timedelta) -> str:
    """A time as people read it: "2 d 3 h", "5 h 20 min", "12 min"."""
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    return _("%(minutes)d min") % {"minutes": minutes}


def hours(value: timedelta) -> float:
    return value.total_seconds() / 3600


def cell_text(value, kind: str) -> str:
    """``value`` as the page shows it; "—" where there is no figure (nothing to measure)."""
    if value is None:
        return "—"
    if kind == "share":
        return f"{number_format(value * 100, 1)} %"
    if kind == "duration":
        return duration_text(value)
    if kind == "rating":
        return number_format(value, 2)
    if kind == "change":
        return ("+" if value > 0 else "") + number_format(value, 2)
    if kind == "date" and isinstance(value, date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if kind == "link":
        return str(value[0])
    return str(value)


def _csv_cells(value, kind: str) -> list:
    if kind == "link":
        return ["", ""] if value is None else [str(value[0]), value[1]]
    if value is None:
        return [""]
    if kind == "share":
        return [f"{value * 100:.1f}"]
    if kind == "duration":
        return [f"{hours(value):.2f}"]
    if kind in ("rating", "change"):
        return [f"{value:.2f}"]
    if kind == "date":
        return [value.isoformat()]
    return [str(value)]


def _csv_heads(column: Column) -> list[str]:
    label = str(column.label)
    if column.kind == "link":
        return [label, _("address")]
    if column.kind == "share":
        return [_("%(label)s (%%)") % {"label": label}]
    if column.kind == "duration":
        return [_("%(label)s (hours)") % {"label": label}]
    return [label]


def table_csv(table: Table) -> str:
    """The table as CSV: one header row, then its rows; shares in percent, times in hours."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([head for column in table.columns for head in _csv_heads(column)])
    for row in table.rows:
        writer.writerow(
            [
                cell
                for value, column in zip(row, table.columns, strict=True)
                for cell in _csv_cells(value, column.kind)
            ]
        )
    return out.getvalue()
