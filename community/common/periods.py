"""Periods of whole days, as the figures for staff and the public transparency report count
them: from the first day to the last, both included, in the site's local time.

A ``Window`` also gives the moments it runs between and the query condition for rows made
inside it, so every report counts the same rows for the same days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def week_start(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Window:
    """The days from ``first`` to ``last``, both included."""

    first: date
    last: date

    @property
    def start(self) -> datetime:
        return local_midnight(self.first)

    @property
    def end(self) -> datetime:
        """The first moment after the window (exclusive)."""
        return local_midnight(self.last + timedelta(days=1))

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def contains(self, field: str = "created_at") -> Q:
        """Rows whose ``field`` (a moment) falls inside the window."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def previous(self) -> Window:
        """The window of the same length just before this one."""
        return Window(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def weeks(self) -> list[date]:
        """The Mondays of the weeks the window touches, in order."""
        monday, mondays = week_start(self.first), []
        while monday <= self.last:
            mondays.append(monday)
            monday += timedelta(days=7)
        return mondays

    @classmethod
    def last_days(cls, days: int, *, today: date | None = None) -> Window:
        today = today or timezone.localdate()
        return cls(today - timedelta(days=days - 1), today)

    @classmethod
    def week_of(cls, monday: date) -> Window:
        return cls(monday, monday + timedelta(days=6))
