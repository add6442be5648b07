"""The ``<id:pk>`` path converter every URL with a row's id uses.

Django's ``<int:...>`` matches any number of digits, and a number beyond the database's
integer range makes the driver fail (a 500) instead of finding nothing; ``<id:...>`` does not
match such a number, so the address is simply not found (404).
"""

from django.urls.converters import IntConverter

from .views import MAX_QUERY_INT, query_int


class IdConverter(IntConverter):
    regex = "[0-9]{1,%d}" % len(str(MAX_QUERY_INT))  # noqa: UP031

    def to_python(self, value: str) -> int:
        number = query_int(value)
        if number is None:
            raise ValueError(value)  # the URL does not match: a 404
        return number
