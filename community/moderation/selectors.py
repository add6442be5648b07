"""Reads for moderation: the queue, the audit log, a member's reports and warnings.

The queue is built in two steps so that a page of it costs the same few queries however long
it is: ``queue_keys`` finds what needs a decision (one query for open flags, one per kind for
held items) and ``queue_rows`` loads one page of it (one query per kind on the page, one for
the flags, one for the authors' warnings).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from community.accounts.models import User
from community.accounts.permissions import is_suspended
from community.common.markup import plain_text
from community.common.views import query_int

from .enums import ContentStatus, FlagReason, QueueReason
from .models import AuditLogEntry, Flag, MemberWarning, StaffLabel
from .permissions import is_hidden_automatically
from .registry import KINDS, ModeratedKind, excerpt_source, kind_for_content_type_id, title_for
from .trust import QUEUE_COUNT_CACHE_KEY

QUEUE_COUNT_SECONDS = 300


@dataclass(frozen=True)
class QueueKey:
    """One item that needs a decision: which it is and since when it waits."""

    kind: str
    pk: int
    waiting_since: datetime

    @property
    def token(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass
class QueueRow:
    """One item in the queue, with everything its row shows."""

    kind: ModeratedKind
    item: object
    waiting_since: datetime
    flags: list[Flag] = field(default_factory=list)
    author_warning_count: int = 0

    @property
    def token(self) -> str:
        return f"{self.kind.key}:{self.item.pk}"

    @property
    def is_held(self) -> bool:
        return self.item.status == ContentStatus.PENDING

    @property
    def is_hidden_automatically(self) -> bool:
        return is_hidden_automatically(self.item)

    @property
    def is_hidden_by_staff(self) -> bool:
        return self.item.status == ContentStatus.HIDDEN and not self.is_hidden_automatically

    @property
    def flag_weight(self) -> int:
        return sum(flag.weight for flag in self.flags)

    @property
    def title(self) -> str:
        return title_for(self.item)

    @property
    def excerpt(self) -> str:
        text = plain_text(excerpt_source(self.item))
        return text if len(text) <= 400 else f"{text[:400].rsplit(' ', 1)[0]}…"

    @property
    def author_is_suspended(self) -> bool:
        return is_suspended(self.item.author)


def queue_keys(*, kind: str | None = None, reason: str | None = None) -> list[QueueKey]:
    """Everything waiting for a moderator, oldest first: items with open reports and held
    items; ``kind`` and ``reason`` (a QueueReason) narrow it down."""
    kinds = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    waiting: dict[tuple[str, int], datetime] = {}
    if reason != QueueReason.HELD:
        flags = Flag.objects.filter(
            resolved_at__isnull=True,
            target_type__in=[ContentType.objects.get_for_model(k.model) for k in kinds],
        )
        if reason in FlagReason.values:
            flags = flags.filter(reason=reason)
        grouped = flags.values("target_type_id", "target_id").annotate(since=Min("created_at"))
        for row in grouped.order_by():
            flagged_kind = kind_for_content_type_id(row["target_type_id"])
            if flagged_kind is not None:
                waiting[(flagged_kind.key, row["target_id"])] = row["since"]
    if reason in (None, "", QueueReason.HELD):
        for held_kind in kinds:
            held = held_kind.model.objects.filter(status=ContentStatus.PENDING)
            for pk, created_at in held.values_list("pk", "created_at").order_by():
                key = (held_kind.key, pk)
                waiting[key] = min(waiting.get(key, created_at), created_at)
    keys = [QueueKey(kind=k, pk=pk, waiting_since=since) for (k, pk), since in waiting.items()]
    return sorted(keys, key=lambda key: (key.waiting_since, key.kind, key.pk))


def queue_rows(keys: list[QueueKey]) -> list[QueueRow]:
    """Load one page of the queue: the items with their authors, open flags and warnings."""
    pks_by_kind: dict[str, list[int]] = defaultdict(list)
    for key in keys:
        pks_by_kind[key.kind].append(key.pk)
    items = {}
    for kind_key, pks in pks_by_kind.items():
        kind = KINDS[kind_key]
        for item in kind.model.objects.select_related(*kind.select_related).filter(pk__in=pks):
            items[(kind_key, item.pk)] = item
    rows = [
        QueueRow(
            kind=KINDS[key.kind], item=items[(key.kind, key.pk)], waiting_since=key.waiting_since
        )
        for key in keys
        if (key.kind, key.pk) in items
    ]
    if not rows:
        return rows
    condition = Q()
    for kind_key, pks in pks_by_kind.items():
        content_type = ContentType.objects.get_for_model(KINDS[kind_key].model)
        condition |= Q(target_type=content_type, target_id__in=pks)
    flags_by_target = defaultdict(list)
    open_flags = Flag.objects.filter(condition, resolved_at__isnull=True).select_related("flagger")
    for flag in open_flags:
        flags_by_target[(flag.target_type_id, flag.target_id)].append(flag)
    warnings = dict(
        MemberWarning.objects.filter(user_id__in={row.item.author_id for row in rows})
        .values("user_id")
        .annotate(count=Count("pk"))
        .values_list("user_id", "count")
        .order_by()
    )
    for row in rows:
        content_type = ContentType.objects.get_for_model(row.kind.model)
        row.flags = flags_by_target[(content_type.pk, row.item.pk)]
        row.author_warning_count = warnings.get(row.item.author_id, 0)
    return rows


def queue_items(tokens: list[str]) -> list:
    """The items named by ``kind:pk`` tokens from the moderation forms (unknown ones are left
    out)."""
    pks_by_kind: dict[str, list[int]] = defaultdict(list)
    for token in tokens:
        kind_key, _, text = token.partition(":")
        pk = query_int(text)  # a huge number names nothing rather than failing in the database
        if kind_key in KINDS and pk:
            pks_by_kind[kind_key].append(pk)
    found = []
    for kind_key, pks in pks_by_kind.items():
        kind = KINDS[kind_key]
        found.extend(kind.model.objects.select_related(*kind.select_related).filter(pk__in=pks))
    return found


def queue_count() -> int:
    """How many items wait for a decision, for the staff's header link (cached; services
    forget it whenever the queue changes)."""
    return cache.get_or_set(QUEUE_COUNT_CACHE_KEY, lambda: len(queue_keys()), QUEUE_COUNT_SECONDS)


def audit_log(
    *,
    action: str | None = None,
    actor_id: int | None = None,
    kind: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditLogEntry]:
    """Staff actions, newest first, narrowed by action, staff member, kind of item and dates."""
    entries = AuditLogEntry.objects.select_related("actor", "target_type").order_by(
        "-created_at", "-pk"
    )
    if action:
        entries = entries.filter(action=action)
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if kind == "member":
        entries = entries.filter(target_type=ContentType.objects.get_for_model(User))
    elif kind in KINDS:
        entries = entries.filter(target_type=ContentType.objects.get_for_model(KINDS[kind].model))
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(created_at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        entries = entries.filter(created_at__lte=datetime.combine(until, time.max, tzinfo=zone))
    return entries


def flags_by(user) -> QuerySet[Flag]:
    """The reports ``user`` sent, newest first, with whether and how staff handled them."""
    return (
        Flag.objects.filter(flagger=user)
        .select_related("target_type")
        .order_by("-created_at", "-pk")
    )


def open_warnings(user) -> list[MemberWarning]:
    """Warnings ``user`` has not acknowledged yet, for the banner on every page (cached; the
    services forget it when a warning is given or acknowledged)."""
    return cache.get_or_set(
        open_warnings_cache_key(user.pk),
        lambda: list(MemberWarning.objects.filter(user=user, acknowledged_at__isnull=True)),
        3600,
    )


def open_warnings_cache_key(user_id: int) -> str:
    return f"moderation:open-warnings:{user_id}"


def staff_labels_of(item) -> set[str]:
    """The staff-only labels ``item`` carries (``StaffLabelKind`` values)."""
    return set(
        StaffLabel.objects.filter(
            target_type=ContentType.objects.get_for_model(item), target_id=item.pk
        ).values_list("kind", flat=True)
    )
