"""Queries whose SQL is built once per process and then run with each request's ids.

Django builds a query's SQL anew every time it runs it. For a query with several subqueries
or a union, building it costs more CPU than the database takes to answer it: a member's
summary and their marks on a question page are asked on every page they see. A
``PreparedQuery`` builds the queryset once with stand-in ids, remembers where each stands in
the SQL's parameters, and from then on runs that SQL with the real ids.

Only whole-number ids may stand in (they are passed to the database as parameters, never
written into the SQL); every other value the query compares with is fixed when it is built.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

# Far from the small numbers queries compare with, and within the range of every integer
# column an id is compared with (Django leaves out a comparison with a number outside it).
_STAND_IN_BASE = 2_147_000_000


class PreparedQuery:
    """``build(**ids)`` returns the queryset (a ``values()`` or ``values_list()`` one, or a
    union of them) for the given ids; ``rows(**ids)`` runs it."""

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self._build = build
        self._using = using
        self._prepared = None

    def rows(self, **ids: int) -> tuple[list[str], list[tuple]]:
        """The column names (as the SQL names them) and the rows for these ids."""
        sql, params, positions, compiler, converters = self._prepared or self._prepare(sorted(ids))
        params = list(params)
        for name, value in ids.items():
            for position in positions[name]:
                params[position] = value
        with connections[self._using].cursor() as cursor:
            cursor.execute(sql, params)
            names = [column[0] for column in cursor.description]
            rows = cursor.fetchall()
        if converters:  # as the ORM gives them: dates as dates on SQLite too
            rows = [tuple(row) for row in compiler.apply_converters(rows, converters)]
        return names, rows

    def dicts(self, **ids: int) -> list[dict]:
        names, rows = self.rows(**ids)
        return [dict(zip(names, row, strict=True)) for row in rows]

    def _prepare(self, names: list[str]):
        stand_ins = {name: _STAND_IN_BASE + number for number, name in enumerate(names)}
        queryset = self._build(**stand_ins)
        compiler = queryset.query.get_compiler(self._using)
        sql, params = compiler.as_sql()
        converters = {}
        if not queryset.query.combinator:
            converters = compiler.get_converters([column[0] for column in compiler.select])
        positions = {
            name: tuple(index for index, value in enumerate(params) if value == stand_in)
            for name, stand_in in stand_ins.items()
        }
        if not all(positions.values()):
            raise ValueError("Every id must reach the SQL as a parameter.")
        self._prepared = (sql, list(params), positions, compiler, converters)
        return self._prepared
