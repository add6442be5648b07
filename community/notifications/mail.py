"""The one way the site sends e-mail: notifications, digests and review invitations alike.

A stream (the notification sent at once, the digest, the review invitation) supplies only
what differs: the rows it claims, to whom it writes, its templates, its unsubscribe link and
its limits. This module does the rest, the same way for each:

- a row is *claimed* before its e-mail goes out (a conditional UPDATE of its claim column,
  or the insert of a unique ``MailClaim``), so two runs (a cron job and a worker, or two
  workers) never send it twice;
- the message is rendered in the recipient's language inside the one layout
  (``templates/emails/base.txt`` and ``base.html``), and carries the one-click unsubscribe
  link and its ``List-Unsubscribe`` headers where the stream has one;
- a failure gives the claim back and is tried again by a later run, within the stream's
  limits (a number of attempts; the notifications also a number of hours);
- a claim older than ``MAIL_STALE_CLAIM_MINUTES`` that never saw a result was made by a run
  that died mid-send: the row is sendable again;
- every e-mail names its kind (``registry.register_mail_kind``). To a member, non-essential
  mail goes out only if they want that kind (``selectors.mail_wanted``) and it fits their
  weekly budget (``budget``); otherwise its rows are settled without an e-mail. Essential
  (account) mail, and mail to an address that belongs to no member, is always sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from . import registry
from .budget import budget_claim, budget_give_back
from .models import MailClaim

logger = logging.getLogger(__name__)


def absolute(path: str) -> str:
    """``path`` as a full address, for a link that is read outside the site."""
    return path if path.startswith(("http://", "https://")) else f"{settings.SITE_URL}{path}"


def recipient_language(recipient=None) -> str:
    """The language to write to ``recipient`` in: the member's own (set at sign-up from their
    browser, changeable in their profile), else the site's.

    Never the language of the member who caused the e-mail (the in-process task backend runs
    inside their request, with their language active).
    """
    language = getattr(recipient, "language", "")
    if language and language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Letter:
    """One e-mail as a stream describes it.

    ``template`` names a pair, ``<template>.txt`` and ``<template>.html``, that extend the
    layout in ``templates/emails/base.*``. ``unsubscribe_url`` is the stream's signed
    one-click link (empty when it has none); it goes into the headers and the footer.
    """

    to: str
    subject: str
    template: str
    context: dict = field(default_factory=dict)
    unsubscribe_url: str = ""


def message_build(
    letter_for: Callable[[], Letter], *, language: str, connection=None
) -> EmailMultiAlternatives:
    """Render the letter ``letter_for`` describes, in ``language``, as text and HTML.

    ``letter_for`` is called with the language active, so that the subject and every
    translated string in the context come out in it too.
    """
    with translation.override(language):
        letter = letter_for()
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
            **letter.context,
            "subject": letter.subject,
            "unsubscribe_url": letter.unsubscribe_url,
        }
        headers = {}
        if letter.unsubscribe_url:
            # RFC 2369 and RFC 8058: mail programs show an "Unsubscribe" button that POSTs.
            headers = {
                "List-Unsubscribe": f"<{letter.unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        message = EmailMultiAlternatives(
            subject=letter.subject,
            body=render_to_string(f"{letter.template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[letter.to],
            connection=connection,
            headers=headers,
        )
        message.attach_alternative(
            render_to_string(f"{letter.template}.html", context), "text/html"
        )
    return message


@dataclass(frozen=True)
class Outbox:
    """Where a stream keeps the state of its e-mails: a model and the names of its fields.

    ``sent`` holds when a row's e-mail went out (or when the row was settled without one)
    and ``attempts`` how many times a run claimed it. The claim itself is kept in the row's
    ``claimed`` field when it has one (with a ``failed`` field a failure is recorded there
    and the claim stays; without one the claim is cleared); otherwise in a ``MailClaim``
    row. ``max_attempts_setting`` names the setting that limits the attempts (read at each
    run; none: no limit).
    """

    model: type[models.Model]
    sent: str
    attempts: str
    claimed: str = ""
    failed: str = ""
    error: str = ""
    max_attempts_setting: str = ""

    @classmethod
    def on_own_row(cls, model: type[models.Model], *, max_attempts_setting: str) -> Outbox:
        """The outbox of a ``models.OwnMailState`` model: the claim, a failure and its error
        are kept on the row itself."""
        return cls(
            model=model,
            sent="sent_at",
            attempts="attempts",
            claimed="claimed_at",
            failed="failed_at",
            error="last_error",
            max_attempts_setting=max_attempts_setting,
        )

    @property
    def stream(self) -> str:
        return self.model._meta.label_lower

    def _stale_before(self, now: datetime) -> datetime:
        return now - timedelta(minutes=settings.MAIL_STALE_CLAIM_MINUTES)

    def _claims(self) -> models.QuerySet[MailClaim]:
        return MailClaim.objects.filter(stream=self.stream)

    def sendable(self, now: datetime) -> Q:
        """Rows whose e-mail may be sent by a run that starts at ``now``.

        Not sent yet, attempts left, and not held by a live claim: never claimed, given
        back by a failure before this run began, or claimed by a run that died.
        """
        stale_before = self._stale_before(now)
        if self.claimed:
            free = Q(**{f"{self.claimed}__isnull": True}) | Q(
                **{f"{self.claimed}__lt": stale_before}
            )
            if self.failed:
                free |= Q(**{f"{self.failed}__lt": now})
        else:
            free = ~Exists(
                self._claims().filter(row_id=OuterRef("pk"), claimed_at__gte=stale_before)
            )
        return self.unsent() & free

    def unsent(self) -> Q:
        """Rows not sent yet that have attempts left."""
        condition = Q(**{f"{self.sent}__isnull": True})
        if self.max_attempts_setting:
            limit = getattr(settings, self.max_attempts_setting)
            condition &= Q(**{f"{self.attempts}__lt": limit})
        return condition

    def stale_claims(self, now: datetime) -> Q:
        """Rows claimed by a run that died before it sent them or gave them back."""
        stale_before = self._stale_before(now)
        if self.claimed:
            stale = Q(**{f"{self.claimed}__lt": stale_before})
            if self.failed:
                stale &= Q(**{f"{self.failed}__isnull": True})
        else:
            stale = Exists(
                self._claims().filter(row_id=OuterRef("pk"), claimed_at__lt=stale_before)
            )
        return Q(**{f"{self.sent}__isnull": True}) & stale

    def claim(
        self, rows: models.QuerySet, *, now: datetime, candidates: Sequence[int] | None = None
    ) -> list[int]:
        """Claim the sendable ones of ``rows`` for this run; returns the keys it got.

        Of two runs claiming the same row, one gets it: a conditional UPDATE of the claim
        column, or the insert of a ``MailClaim`` that is unique per row. ``candidates`` are
        keys of ``rows`` the caller just read as ``unsent`` (saves reading them again): one
        that another run holds, or sent meanwhile, is not claimed all the same.
        """
        if candidates is None:
            candidates = list(rows.filter(self.sendable(now)).values_list("pk", flat=True))
        if self.claimed:
            changes = {self.claimed: now, self.attempts: F(self.attempts) + 1}
            if self.failed:
                changes[self.failed] = None
            return [
                pk for pk in candidates if rows.filter(self.sendable(now), pk=pk).update(**changes)
            ]
        if not candidates:
            return []
        # One short write (one wait for SQLite's write lock, not one per statement).
        with transaction.atomic():
            # A dead run's claims give way; then each row's claim is inserted, once.
            self._claims().filter(
                row_id__in=candidates, claimed_at__lt=self._stale_before(now)
            ).delete()
            MailClaim.objects.bulk_create(
                [MailClaim(stream=self.stream, row_id=pk, claimed_at=now) for pk in candidates],
                ignore_conflicts=True,
            )
            inserted = self._claims().filter(row_id__in=candidates, claimed_at=now)
            # The rows must still be what the caller asked for (e.g. a member who switched
            # this e-mail off a moment ago gets none), and not sent by a run that claimed
            # and finished them since they were read.
            mine = rows.filter(self.unsent(), pk__in=inserted.values("row_id"))
            attempted = {self.attempts: F(self.attempts) + 1}
            if len(candidates) == 1:
                # One row (an e-mail sent at once): the update's count says whether it is won.
                won = list(candidates) if mine.update(**attempted) else []
            else:
                won = list(mine.values_list("pk", flat=True))
                self.model._default_manager.filter(pk__in=won).update(**attempted)
            lost = set(candidates) - set(won)
            if lost:
                self._claims().filter(row_id__in=lost, claimed_at=now).delete()
        return won

    def done(self, pks: Sequence[int]) -> None:
        """The rows' e-mail went out, or there was nothing left to send: never again."""
        changes = {self.sent: timezone.now()}
        if self.failed:
            changes[self.failed] = None
        if self.error:
            changes[self.error] = ""
        with transaction.atomic():
            self.model._default_manager.filter(pk__in=pks).update(**changes)
            if not self.claimed:
                self._claims().filter(row_id__in=pks).delete()

    def give_back(self, pks: Sequence[int], *, error: Exception) -> None:
        """Sending failed: a later run may try again (within the stream's limits)."""
        changes = {}
        if self.claimed:
            changes = {self.failed: timezone.now()} if self.failed else {self.claimed: None}
        if self.error:
            changes[self.error] = str(error)[:300]
        if changes:
            self.model._default_manager.filter(pk__in=pks).update(**changes)
        if not self.claimed:
            self._claims().filter(row_id__in=pks).delete()


class Outcome(StrEnum):
    """What became of one e-mail handed to ``deliver``; each value names the ``MailRun``
    count it adds to."""

    SENT = "sent"
    # Not wanted (switched off, all e-mail paused) or over the member's weekly budget: its
    # rows are settled, never sent later.
    SKIPPED = "skipped"
    # Given back for a later run to try again.
    FAILED = "failed"


@dataclass(frozen=True)
class MailRun:
    """What one run of a stream's sending did: e-mails sent, rows skipped (nothing to send,
    or another run has them) and sends that failed (a later run tries again)."""

    sent: int = 0
    skipped: int = 0
    failed: int = 0

    def counted(self, outcome: Outcome) -> MailRun:
        """This run with one more row that ended in ``outcome``."""
        return replace(self, **{outcome.value: getattr(self, outcome.value) + 1})


def deliver(
    outbox: Outbox,
    pks: Sequence[int],
    letter_for: Callable[[], Letter],
    *,
    kind: str,
    recipient_id: int | None,
    language: str,
    connection=None,
) -> Outcome:
    """Send the e-mail of rows this run claimed, and record the outcome on them.

    ``kind`` is a registered kind of e-mail; ``recipient_id`` the member it goes to (None:
    an address with no account, e.g. a buyer who never joined). A member's non-essential
    e-mail is sent only if they want it and it fits their weekly budget. Any failure
    (rendering or sending) is logged and gives the claims back; it never reaches the caller.
    """
    record = None
    if recipient_id is not None and not registry.mail_kind(kind).essential:
        # Whether they want it and whether it fits their budget, in one short write.
        record = budget_claim(user_id=recipient_id, kind=kind, now=timezone.now())
        if record is None:
            outbox.done(pks)
            return Outcome.SKIPPED
    try:
        message_build(letter_for, language=language, connection=connection).send()
    except Exception as error:  # noqa: BLE001 - any mail failure is recorded and retried
        logger.warning(
            "E-mail for %s %s not sent: %s",
            outbox.model._meta.label,
            list(pks),
            error,
            exc_info=True,
        )
        if record is not None:
            budget_give_back(record)
        outbox.give_back(pks, error=error)
        return Outcome.FAILED
    outbox.done(pks)
    return Outcome.SENT
