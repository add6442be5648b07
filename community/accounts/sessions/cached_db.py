"""Django's cached database session store, reading the row with one plain query when the
cache has no copy (see the package)."""

from django.contrib.sessions.backends import cached_db

from . import PlainRowRead


class SessionStore(PlainRowRead, cached_db.SessionStore):
    pass
