"""What every page's frame shows a signed-in member about themselves, in one query.

The header's bell count, whether a moderator's warning waits to be read (the banner),
whether the header links to the Wagtail admin (and Wagtail's user bar shows), and for staff
how many items wait in the moderation queue: one query on the member's row with a subquery
for each, made the first time a template asks on a request and kept on the request. It is
read from the database on every page, never from a cache, so it is exact at once on every
app server and gunicorn worker: a new notification shows in the bell on the next page,
whichever process serves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import Permission
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from community.common.page_cache import generation_expression, generation_for
from community.common.prepared_queries import PreparedQuery
from community.moderation.models import MemberWarning
from community.moderation.selectors import queue_waiting
from community.notifications.models import Notification

from .models import User
from .permissions import is_community_staff

ADMIN_APP, ADMIN_PERMISSION = "wagtailadmin", "access_admin"


@dataclass(frozen=True)
class MemberSummary:
    unread_notifications: int = 0
    has_open_warnings: bool = False
    can_use_admin: bool = False
    moderation_queue: int = 0  # staff only
    page_generation: int | None = None  # when asked for with the summary


NOBODY = MemberSummary()


def member_summary(request, *, with_page_generation: bool = False) -> MemberSummary:
    """The signed-in member's summary (``NOBODY`` for visitors), once per request.

    A view that keeps parts of a member's page under the page generation asks for it with
    the summary, before it reads what it keeps (``with_page_generation``): the same query
    reads both, and the generation becomes the request's (``generation_for``).
    """
    summary = getattr(request, "_member_summary", None)
    if summary is None:
        summary = request._member_summary = member_summary_of(
            request.user, with_page_generation=with_page_generation
        )
        if summary.page_generation is not None and not hasattr(request, "page_generation"):
            request.page_generation = summary.page_generation
    if with_page_generation:
        generation_for(request)  # read with the summary, or now if the summary came first
    return summary


def member_summary_of(user, *, with_page_generation: bool = False) -> MemberSummary:
    if not (user.is_authenticated and user.is_active):
        return NOBODY
    if is_community_staff(user):
        row = _summary_rows(user.pk, staff=True, with_page_generation=with_page_generation).first()
    else:
        row = _member_row(user.pk, with_page_generation=with_page_generation)
    if row is None:  # the account was erased while the page was being made
        return NOBODY
    return MemberSummary(
        unread_notifications=row["unread"],
        has_open_warnings=bool(row["warned"]),
        can_use_admin=bool(user.is_superuser or row["admin_by_user"] or row["admin_by_group"]),
        moderation_queue=row["queue"],
        page_generation=row["generation"],
    )


_COLUMNS = ("unread", "warned", "admin_by_user", "admin_by_group", "queue", "generation")


def _member_row(pk: int, *, with_page_generation: bool) -> dict | None:
    """A member's summary row: the same SQL for every member but their id, built once per
    process (building the query with its subqueries cost more than running it)."""
    rows = _MEMBER_ROWS[with_page_generation].dicts(member=pk)
    return rows[0] if rows else None


def _summary_rows(member: int, *, staff: bool, with_page_generation: bool):
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(count=Count("pk"))
        .values("count")
    )
    admin_permission = Permission.objects.filter(
        codename=ADMIN_PERMISSION, content_type__app_label=ADMIN_APP
    )
    rows = User.objects.filter(pk=member).annotate(
        unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
        warned=Exists(
            MemberWarning.objects.filter(user=OuterRef("pk"), acknowledged_at__isnull=True)
        ),
        admin_by_user=Exists(admin_permission.filter(user=OuterRef("pk"))),
        admin_by_group=Exists(admin_permission.filter(group__user=OuterRef("pk"))),
    )
    if staff:
        # A count over a union has no ORM spelling as a subquery: the union's own SQL,
        # counted. Its parameters stay parameters.
        waiting, params = queue_waiting().query.sql_with_params()
        rows = rows.annotate(
            queue=RawSQL(f"SELECT COUNT(*) FROM ({waiting}) AS waiting", params)  # noqa: S608, S611
        )
    else:
        rows = rows.annotate(queue=Value(0))
    if with_page_generation:
        return rows.annotate(generation=generation_expression()).values(*_COLUMNS)
    return rows.annotate(generation=Value(None, output_field=IntegerField())).values(*_COLUMNS)


_MEMBER_ROWS = {
    with_generation: PreparedQuery(
        partial(_summary_rows, staff=False, with_page_generation=with_generation)
    )
    for with_generation in (False, True)
}
