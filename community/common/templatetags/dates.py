"""The site's one way of showing when something happened: ``{{ post.created_at|when }}``.

Within the last week it reads relative ("3 hours ago"), older it reads as the full date in the
reader's language ("12 March 2026"); the exact moment is in the ``<time>`` element's title and
``datetime`` either way.
"""

from datetime import date, datetime, timedelta

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext

register = template.Library()

RELATIVE_FOR = timedelta(days=7)


@register.filter
def when(value):
    if not value:
        return ""
    if not isinstance(value, datetime):
        if isinstance(value, date):
            full_date = date_format(value, "DATE_FORMAT")
            return format_html('<time datetime="{}">{}</time>', value.isoformat(), full_date)
        return value
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    now = timezone.now() if timezone.is_aware(value) else datetime.now()
    age = now - value
    if age < timedelta(minutes=1) and age > -timedelta(minutes=1):
        text = gettext("just now")
    elif timedelta(0) <= age < RELATIVE_FOR:
        text = gettext("%(time)s ago") % {"time": timesince(value, now, depth=1)}
    else:
        text = date_format(moment, "DATE_FORMAT")
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        value.isoformat(),
        date_format(moment, "DATETIME_FORMAT"),
        text,
    )
