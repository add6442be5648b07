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
from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When
from django.utils import timezone

from community.accounts.models import User
from community.accounts.permissions import is_suspended
from community.common.markup import plain_text
from community.common.views import query_int

from .enums import ContentStatus, FlagReason, QueueReason, StaffLabelKind
from .models import (
    Appeal,
    AuditLogEntry,
    DecisionStatement,
    Flag,
    IllegalContentNotice,
    MemberWarning,
    StaffLabel,
)
from .permissions import is_hidden_automatically
from .registry import KINDS, ModeratedKind, excerpt_source, kind_for_content_type_id, title_for


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
    notices: list[IllegalContentNotice] = field(default_factory=list)
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
    """Everything waiting for a moderator, oldest first: items with open reports or notices
    of illegal content, and held items; ``kind`` and ``reason`` (a QueueReason) narrow it
    down."""
    kinds = [KINDS[kind]] if kind in KINDS else list(KINDS.values())
    waiting: dict[tuple[str, int], datetime] = {}
    if reason in (None, "", QueueReason.NOTICE):
        notices = IllegalContentNotice.objects.filter(
            resolved_at__isnull=True,
            target_type__in=[ContentType.objects.get_for_model(k.model) for k in kinds],
        )
        grouped = notices.values("target_type_id", "target_id").annotate(since=Min("created_at"))
        for row in grouped.order_by():
            noticed_kind = kind_for_content_type_id(row["target_type_id"])
            if noticed_kind is not None:
                waiting[(noticed_kind.key, row["target_id"])] = row["since"]
    if reason not in (QueueReason.HELD, QueueReason.NOTICE):
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
                key = (flagged_kind.key, row["target_id"])
                waiting[key] = min(waiting.get(key, row["since"]), row["since"])
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
    notices_by_target = defaultdict(list)
    for notice in IllegalContentNotice.objects.filter(condition, resolved_at__isnull=True):
        notices_by_target[(notice.target_type_id, notice.target_id)].append(notice)
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
        row.notices = notices_by_target[(content_type.pk, row.item.pk)]
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
    """How many items wait for a decision (as many as ``queue_keys`` lists), in one query."""
    return queue_waiting().count()


def queue_waiting() -> QuerySet:
    """Every item waiting for a moderator once, as (content type id, id) rows: items with
    open reports or notices of illegal content, and held items. One query (a union) that
    counts them; the staff's header counts it with the member's summary."""
    kinds = list(KINDS.values())
    types = [ContentType.objects.get_for_model(kind.model) for kind in kinds]
    reported = [
        model.objects.filter(resolved_at__isnull=True, target_type__in=types)
        .order_by()
        .values_list("target_type_id", "target_id")
        for model in (IllegalContentNotice, Flag)
    ]
    held = [
        kind.model.objects.filter(status=ContentStatus.PENDING)
        .order_by()
        .values_list(Value(content_type.pk), "pk")
        for kind, content_type in zip(kinds, types, strict=True)
    ]
    first, *others = reported + held
    return first.union(*others)


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
    """Warnings ``user`` has not acknowledged yet, for the banner (pages ask only when the
    member's summary says there is one)."""
    return list(MemberWarning.objects.filter(user=user, acknowledged_at__isnull=True))


def staff_labels_of(item) -> set[str]:
    """The staff-only labels ``item`` carries (``StaffLabelKind`` values); no query when
    the page read them already (``staff_labels_known``)."""
    known = getattr(item, "staff_label_kinds", None)
    if known is not None:
        return known
    return set(_labels_on(item).values_list("kind", flat=True))


def staff_labels_numbered(item) -> QuerySet[StaffLabel]:
    """``item``'s labels, each with ``number``: its kind's place among the kinds. For a page
    that reads them in one union with its other marks, which takes numbers."""
    number = Case(
        *[When(kind=kind, then=Value(place)) for place, kind in enumerate(StaffLabelKind.values)],
        output_field=IntegerField(),
    )
    return _labels_on(item).order_by().annotate(number=number)


def staff_labels_known(item, numbers) -> None:
    """Give ``item`` the labels read by number (``staff_labels_numbered``)."""
    item.staff_label_kinds = {StaffLabelKind.values[number] for number in numbers}


def _labels_on(item) -> QuerySet[StaffLabel]:
    return StaffLabel.objects.filter(
        target_type=ContentType.objects.get_for_model(item), target_id=item.pk
    )


# SECTION statements of reasons and appeals


def statements_about(user) -> QuerySet[DecisionStatement]:
    """The decisions about ``user``'s content and account, newest first, with their appeals."""
    return (
        DecisionStatement.objects.filter(member=user)
        .select_related("target_type", "appeal")
        .order_by("-created_at", "-pk")
    )


def statement_detail() -> QuerySet[DecisionStatement]:
    """Statements as their page shows them: the member, the decider and the appeal loaded."""
    return DecisionStatement.objects.select_related(
        "member", "decided_by", "target_type", "appeal", "appeal__decided_by"
    )


def latest_statement_about(item) -> DecisionStatement | None:
    """The newest statement of reasons about ``item`` (a post), if any."""
    return (
        DecisionStatement.objects.filter(
            target_type=ContentType.objects.get_for_model(item), target_id=item.pk
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def appeal_queue(*, decided: bool = False) -> QuerySet[Appeal]:
    """Appeals waiting for a decision, oldest first (or the decided ones, newest first)."""
    appeals = Appeal.objects.select_related(
        "member", "statement", "statement__decided_by", "statement__target_type", "decided_by"
    )
    if decided:
        return appeals.filter(decided_at__isnull=False).order_by("-decided_at", "-pk")
    return appeals.filter(decided_at__isnull=True).order_by("created_at", "pk")
