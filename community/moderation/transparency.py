"""The public transparency report: what moderation did in a period, in numbers only.

Counts of notices of illegal content and their outcomes, of decisions by type, by ground
and automated or not, of appeals and their outcomes, and the median time from a notice or
report to the decision. No names and no content: nothing in it is personal data. Each
figure is one aggregate query, so the page costs the same few queries for any period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.common.periods import Window

from .enums import AppealOutcome, DecisionGround, DecisionType, NoticeResolution
from .models import Appeal, DecisionStatement, IllegalContentNotice


@dataclass(frozen=True)
class Period(Window):
    """The days the report counts, and how it names them."""

    label: str


def last_twelve_months(now: datetime | None = None) -> Period:
    """The default period: the 365 days up to today (included)."""
    today = timezone.localdate(now)
    start = today - timedelta(days=364)
    return Period(start, today, label=f"{start.isoformat()} – {today.isoformat()}")


def calendar_period(*, year: int, month: int | None = None, quarter: int | None = None) -> Period:
    """A calendar month, quarter or year (``month`` or ``quarter`` None for the year)."""
    if month:
        first, months, label = month, 1, f"{year}-{month:02d}"
    elif quarter:
        first, months, label = 3 * (quarter - 1) + 1, 3, f"{year} Q{quarter}"
    else:
        first, months, label = 1, 12, str(year)
    after = first + months
    next_first = date(year + (after - 1) // 12, (after - 1) % 12 + 1, 1)
    return Period(date(year, first, 1), next_first - timedelta(days=1), label=label)


SECTIONS = {
    "notices": _("Notices of illegal content received"),
    "decisions": _("Decisions by type"),
    "grounds": _("Decisions by the rule or law relied on"),
    "how": _("How decisions were taken"),
    "appeals": _("Appeals received"),
    "median_hours": _("Median time to a decision (hours)"),
}
# What the figures that are not one choice of an enum count.
LABELS = {
    "received": _("Received"),
    "open": _("Not decided yet"),
    "automated": _("Automated (trust rules, hidden after reports)"),
    "manual": _("By a moderator"),
    "after_notice": _("Following a notice of illegal content"),
    "notice": _("From a notice to its decision"),
    "report": _("From the first report or notice to the decision"),
}


@dataclass(frozen=True)
class Figure:
    """One line of the report: its section, what it counts, and the number."""

    section: str
    key: str
    label: object
    value: int | float | None


def _median_hours(rows: QuerySet, *, start: str, end: str) -> float | None:
    """The median of ``end - start`` over ``rows``, in hours (None without rows): two
    queries, a count and the middle one or two rows in order, whatever the number of rows."""
    waited = rows.annotate(
        waited=ExpressionWrapper(F(end) - F(start), output_field=DurationField())
    )
    total = waited.count()
    if not total:
        return None
    middle = list(
        waited.order_by("waited").values_list("waited", flat=True)[
            (total - 1) // 2 : total // 2 + 1
        ]
    )
    seconds = sum(span.total_seconds() for span in middle) / len(middle)
    return round(seconds / 3600, 1)


def transparency_figures(period: Period) -> list[Figure]:
    """Every figure of the report for ``period``, in the order the page and CSV show them."""
    figures: list[Figure] = []

    notices = IllegalContentNotice.objects.filter(period.contains()).aggregate(
        received=Count("pk"),
        **{
            resolution.value: Count("pk", filter=Q(resolution=resolution))
            for resolution in NoticeResolution
        },
        open=Count("pk", filter=Q(resolved_at__isnull=True)),
    )
    figures.append(Figure("notices", "received", LABELS["received"], notices["received"]))
    for resolution in NoticeResolution:
        figures.append(
            Figure("notices", resolution.value, resolution.label, notices[resolution.value])
        )
    figures.append(Figure("notices", "open", LABELS["open"], notices["open"]))

    statements = DecisionStatement.objects.filter(period.contains())
    by_type = dict(statements.values_list("decision").annotate(count=Count("pk")).order_by())
    for decision in DecisionType:
        figures.append(
            Figure("decisions", decision.value, decision.label, by_type.get(decision.value, 0))
        )
    by_ground = dict(statements.values_list("ground").annotate(count=Count("pk")).order_by())
    for ground in DecisionGround:
        figures.append(
            Figure("grounds", ground.value, ground.label, by_ground.get(ground.value, 0))
        )
    how = statements.aggregate(
        by_rule=Count("pk", filter=Q(automated=True)),
        by_moderator=Count("pk", filter=Q(automated=False)),
        after_a_notice=Count("pk", filter=Q(prompted_by_notice=True)),
    )
    figures.append(Figure("how", "automated", LABELS["automated"], how["by_rule"]))
    figures.append(Figure("how", "manual", LABELS["manual"], how["by_moderator"]))
    figures.append(Figure("how", "after_notice", LABELS["after_notice"], how["after_a_notice"]))

    appeals = Appeal.objects.filter(period.contains()).aggregate(
        received=Count("pk"),
        **{outcome.value: Count("pk", filter=Q(outcome=outcome)) for outcome in AppealOutcome},
        open=Count("pk", filter=Q(decided_at__isnull=True)),
    )
    figures.append(Figure("appeals", "received", LABELS["received"], appeals["received"]))
    for outcome in AppealOutcome:
        figures.append(Figure("appeals", outcome.value, outcome.label, appeals[outcome.value]))
    figures.append(Figure("appeals", "open", LABELS["open"], appeals["open"]))

    decided_notices = IllegalContentNotice.objects.filter(
        period.contains(), resolved_at__isnull=False
    )
    reported = statements.filter(reported_at__isnull=False)
    figures.append(
        Figure(
            "median_hours",
            "notice",
            LABELS["notice"],
            _median_hours(decided_notices, start="created_at", end="resolved_at"),
        )
    )
    figures.append(
        Figure(
            "median_hours",
            "report",
            LABELS["report"],
            _median_hours(reported, start="reported_at", end="created_at"),
        )
    )
    return figures
