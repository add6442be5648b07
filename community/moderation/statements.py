"""Statements of reasons: the one record every restricting decision leaves for the member.

``statement_record`` is called by the moderation services at the one place each kind of
decision happens (a status change that takes a post out of view or holds it, a new post the
trust rules held, a warning, a suspension), so no decision can go without one. It works out
what the member reads beyond the reason typed: whether a rule decided it, the ground (the
moderator's choice, else what the reports or notices were about), and when it was reported.
"""

from __future__ import annotations

from django.db.models import Min, Sum

from community.accounts.models import User
from community.common.models import save_checked

from . import notifications
from .enums import GROUND_OF_FLAG_REASON, DecisionGround, DecisionType
from .models import DecisionStatement
from .targets import open_flags, open_notices, recorded_about


def statement_record(
    *,
    member: User,
    decision: DecisionType,
    target,
    facts: str,
    decided_by: User | None,
    ground: str = "",
    ground_detail: str = "",
    as_spam: bool = False,
) -> DecisionStatement:
    """Record (and, for an automated decision, tell the member) why ``decision`` was taken
    about ``target`` (a post, a warning or the member); ``decided_by`` None: a rule decided.

    Without a ``ground`` chosen, one follows from the case: the trust rules for a hold, the
    law after a notice of illegal content, spam when staff marked it so, else the reason
    most reported.
    """
    reported_at, with_notice, reported_ground = None, False, ""
    if decision in (DecisionType.HOLD, DecisionType.HIDE, DecisionType.DELETE):
        flags, notices = open_flags(target), open_notices(target)
        first_flag = flags.aggregate(first=Min("created_at"))["first"]
        first_notice = notices.aggregate(first=Min("created_at"))["first"]
        with_notice = first_notice is not None
        reported_at = min((t for t in (first_flag, first_notice) if t), default=None)
        if not ground and first_flag is not None and not with_notice:
            heaviest = (
                flags.values("reason").annotate(weight=Sum("weight")).order_by("-weight", "reason")
            )
            reported_ground = GROUND_OF_FLAG_REASON.get(heaviest[0]["reason"], "")
    if not ground:
        if decision == DecisionType.HOLD:
            ground = DecisionGround.TRUST_RULES
        elif with_notice:
            ground = DecisionGround.ILLEGAL
        elif as_spam:
            ground = DecisionGround.SPAM
        else:
            ground = reported_ground or DecisionGround.COMMUNITY_RULES
    statement = DecisionStatement(
        member=member,
        decision=decision,
        **recorded_about(target),
        facts=" ".join(str(facts).split())[:1000],
        ground=ground,
        ground_detail=" ".join(ground_detail.split())[:300],
        automated=decided_by is None,
        decided_by=decided_by,
        prompted_by_notice=with_notice,
        reported_at=reported_at,
    )
    save_checked(statement)
    if statement.automated:
        notifications.automated_decision_stated(statement)
    return statement
