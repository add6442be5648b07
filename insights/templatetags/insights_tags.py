"""How the Insights templates show a figure and draw a table's chart."""

from django import template

from ..charts import bar_chart
from ..tables import Table, cell_text

register = template.Library()


@register.filter
def insights_cell(value, kind: str) -> str:
    """``{{ value|insights_cell:"share" }}``: a figure as people read it ("—" for none)."""
    return cell_text(value, kind)


@register.simple_tag
def insights_chart(table: Table):
    """``{% insights_chart table %}``: the table's bar chart as SVG (nothing without one)."""
    return bar_chart(table, chart_id=f"chart-{table.key}")


@register.filter
def cells(row: list, table: Table) -> list[tuple[object, str]]:
    """``{% for value, kind in row|cells:table %}``: a row's values with their columns' kinds."""
    return [(value, column.kind) for value, column in zip(row, table.columns, strict=True)]
