"""Session stores that read a member's session row with one plain query.

Every page a member sees loads their session first. Django's database store reads the row
through the ORM, which builds the same query anew each time and costs more CPU than the
database takes to answer it. These stores keep Django's own (the same table, rows, cookie
and signing, so existing sessions stay valid when the engine is switched) and only read
the row with SQL written once, as ``SESSION_ENGINE``: ``community.accounts.sessions.db``
(the database alone) or ``community.accounts.sessions.cached_db`` (with a cached copy).
"""

from __future__ import annotations

from django.db import connections, router
from django.utils import timezone


class PlainRowRead:
    """Reads the row as Django's ``_get_session_from_db`` does (by key, not expired), as a
    ``Session`` instance, or None after forgetting the key when there is none."""

    def _get_session_from_db(self):
        model = self.model
        alias = router.db_for_read(model)
        connection = connections[alias]
        sql, expire_field, converters = _row_query(model, alias)
        # The same value the ORM compares with: now, as this database stores a datetime.
        now = expire_field.get_db_prep_value(timezone.now(), connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        session_key, session_data, expire_date = row
        for converter in converters:  # a datetime as the ORM gives it (SQLite stores text)
            expire_date = converter(expire_date, expire_field.cached_col, connection)
        return model.from_db(alias, _FIELDS, (session_key, session_data, expire_date))


_FIELDS = ("session_key", "session_data", "expire_date")
_queries: dict = {}


def _row_query(model, alias: str):
    """The SQL (written once per model and database), the expiry field and its converters."""
    key = (model, alias)
    if key not in _queries:
        connection = connections[alias]
        quote = connection.ops.quote_name
        key_column, data_column, expire_column = (
            quote(model._meta.get_field(name).column) for name in _FIELDS
        )
        table = quote(model._meta.db_table)
        # Only names are written into the SQL; the key and the time are parameters.
        sql = f"SELECT {key_column}, {data_column}, {expire_column} FROM {table} WHERE {key_column} = %s AND {expire_column} > %s"  # noqa: E501, S608
        expire_field = model._meta.get_field("expire_date")
        column = expire_field.cached_col
        converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        _queries[key] = (sql, expire_field, converters)
    return _queries[key]
