"""Django's database session store, reading the row with one plain query (see the package)."""

from django.contrib.sessions.backends import db

from . import PlainRowRead


class SessionStore(PlainRowRead, db.SessionStore):
    pass
