"""Who hears about what: one function per event, called by the services where it happens.

Each works out the recipients and calls ``notify`` once per kind. A member who would get
two kinds for one event gets only the most specific one (the asker mentioned in an answer
to their question hears "new answer", not also "mentioned"), so the functions notify in
order of specificity and pass on who was already told. Nothing is sent about posts that
are not public: a post held for moderation is announced when it is approved, by calling
``content_published`` from the approval.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from community.accounts.models import User
from community.moderation.enums import ContentStatus

from . import selectors
from .enums import FollowTarget, NotificationKind
from .mentions import mentioned_users
from .services import notify


class _Told:
    """The members already notified about the current event."""

    def __init__(self, *user_ids: int | None):
        self.ids: set[int] = {user_id for user_id in user_ids if user_id}

    def fresh(self, users) -> list[User]:
        """Those of ``users`` not told yet (now counted as told)."""
        new = [user for user in users if user.pk not in self.ids]
        self.ids.update(user.pk for user in new)
        return new


def _public(*items) -> bool:
    return all(item is None or item.status == ContentStatus.PUBLISHED for item in items)


# SECTION questions and answers


def question_asked(question) -> None:
    """A new public question: mentioned members, followers of its product and tags, and a
    few verified buyers of its product who offered to help."""
    if not _public(question):
        return
    author = question.author
    told = _Told(author.pk)
    common = {
        "event_key": f"question:{question.pk}",
        "actor": author,
        "target": question,
        "url": question.get_absolute_url(),
        "text": question.title,
    }
    notify(
        kind=NotificationKind.MENTION,
        recipients=told.fresh(mentioned_users(question.body, author=author)),
        **common,
    )
    if question.product_id:
        product_followers = selectors.followers_of(
            target_type=FollowTarget.PRODUCT, targets=[question.product_id]
        )
        notify(
            kind=NotificationKind.FOLLOWED_PRODUCT_QUESTION,
            recipients=told.fresh(product_followers),
            **common,
        )
    tag_ids = list(question.tags.values_list("pk", flat=True))
    if tag_ids:
        tag_followers = selectors.followers_of(target_type=FollowTarget.TAG, targets=tag_ids)
        notify(
            kind=NotificationKind.FOLLOWED_TAG_QUESTION,
            recipients=told.fresh(tag_followers),
            **common,
        )
    if question.product_id:
        _help_requests(question, told=told, common=common)


def _help_requests(question, *, told: _Told, common: dict) -> None:
    from django.conf import settings

    product = question.product
    buyers = selectors.help_request_candidates(
        product=product,
        exclude_ids=told.ids,
        limit=settings.NOTIFICATIONS_HELP_REQUESTS_PER_QUESTION,
    )
    notify(
        kind=NotificationKind.HELP_REQUEST,
        recipients=told.fresh(buyers),
        **common
        | {
            "text": _("Someone asked about %(product)s, which you bought: “%(title)s”")
            % {"product": product.title, "title": question.title}
        },
    )


def answer_posted(answer) -> None:
    """A new public answer: the asker, members mentioned in it, followers of the question."""
    question = answer.question
    if not _public(answer, question):
        return
    told = _Told(answer.author_id)
    common = {
        "event_key": f"answer:{answer.pk}",
        "actor": answer.author,
        "target": answer,
        "url": answer.get_absolute_url(),
        "text": question.title,
    }
    notify(
        kind=NotificationKind.ANSWER_ON_MY_QUESTION,
        recipients=told.fresh([question.author]),
        **common,
    )
    notify(
        kind=NotificationKind.MENTION,
        recipients=told.fresh(mentioned_users(answer.body, author=answer.author)),
        **common,
    )
    followers = selectors.followers_of(target_type=FollowTarget.QUESTION, targets=[question.pk])
    notify(
        kind=NotificationKind.FOLLOWED_QUESTION_ANSWER,
        recipients=told.fresh(followers),
        **common,
    )


def comment_posted(comment) -> None:
    """A new public comment: the author of the answer (or question) it is under, and members
    mentioned in it."""
    question = comment.question
    answer = comment.answer
    if not _public(comment, question, answer):
        return
    told = _Told(comment.author_id)
    common = {
        "event_key": f"comment:{comment.pk}",
        "actor": comment.author,
        "target": comment,
        "url": comment.get_absolute_url(),
        "text": question.title,
    }
    if answer is not None:
        notify(
            kind=NotificationKind.COMMENT_ON_MY_ANSWER,
            recipients=told.fresh([answer.author]),
            **common,
        )
    else:
        notify(
            kind=NotificationKind.COMMENT_ON_MY_QUESTION,
            recipients=told.fresh([question.author]),
            **common,
        )
    notify(
        kind=NotificationKind.MENTION,
        recipients=told.fresh(mentioned_users(comment.body, author=comment.author)),
        **common,
    )


def answer_accepted(answer, *, by: User) -> None:
    """An answer was accepted: its author, and the asker when staff accepted it for them."""
    _answer_marked(
        answer,
        by=by,
        event_key=f"accepted:{answer.pk}",
        author_kind=NotificationKind.MY_ANSWER_ACCEPTED,
        asker_kind=NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF,
    )


def answer_made_official(answer, *, by: User) -> None:
    """Staff marked an answer official: its author, and the asker."""
    _answer_marked(
        answer,
        by=by,
        event_key=f"official:{answer.pk}",
        author_kind=NotificationKind.MY_ANSWER_OFFICIAL,
        asker_kind=NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION,
    )


def _answer_marked(answer, *, by: User, event_key: str, author_kind: str, asker_kind: str):
    """An answer was marked (accepted, official): its author first, then the asker, each
    once, and never the one who marked it."""
    question = answer.question
    told = _Told(by.pk)
    common = {
        "event_key": event_key,
        "actor": by,
        "target": answer,
        "url": answer.get_absolute_url(),
        "text": question.title,
    }
    notify(kind=author_kind, recipients=told.fresh([answer.author]), **common)
    notify(kind=asker_kind, recipients=told.fresh([question.author]), **common)


def question_closed_as_duplicate(question, *, by: User) -> None:
    """Staff closed a question as a duplicate: the asker (the page links to the original)."""
    notify(
        kind=NotificationKind.QUESTION_CLOSED_DUPLICATE,
        event_key=f"duplicate:{question.pk}:{question.duplicate_of_id}",
        recipients=[question.author],
        actor=by,
        target=question,
        url=question.get_absolute_url(),
        text=question.title,
    )


def answer_promoted(answer, *, article, by: User) -> None:
    """Staff made an answer into a (draft) article: its author; the link goes to the answer,
    since the article is not public until an editor publishes it."""
    notify(
        kind=NotificationKind.MY_ANSWER_PROMOTED,
        event_key=f"promoted:{answer.pk}",
        recipients=[answer.author],
        actor=by,
        target=answer,
        url=answer.get_absolute_url(),
        text=answer.question.title,
    )


def edit_suggested(suggestion) -> None:
    """A member suggested an edit to a post: its author, who may accept or reject it. The
    notification is about the post (not e-mailed once it is hidden); it links to the
    suggestion."""
    target = suggestion.target
    is_answer = suggestion.answer_id is not None
    notify(
        kind=NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER
        if is_answer
        else NotificationKind.EDIT_SUGGESTED_ON_MY_QUESTION,
        event_key=f"edit-suggested:{suggestion.pk}",
        recipients=[target.author],
        actor=suggestion.suggester,
        target=suggestion.target,
        url=suggestion.get_absolute_url(),
        text=(
            _("%(name)s suggested an edit to your answer to “%(title)s”")
            if is_answer
            else _("%(name)s suggested an edit to your question “%(title)s”")
        )
        % {"name": suggestion.suggester.public_name, "title": suggestion.question.title},
    )


def suggested_edit_decided(suggestion) -> None:
    """Someone accepted or rejected a suggested edit: the member who suggested it."""
    from qa.enums import SuggestedEditStatus

    if suggestion.status == SuggestedEditStatus.ACCEPTED:
        text = _("Your suggested edit to “%(title)s” was accepted.") % {
            "title": suggestion.question.title
        }
    else:
        text = _("Your suggested edit to “%(title)s” was rejected: %(reason)s") % {
            "title": suggestion.question.title,
            "reason": suggestion.reason,
        }
    notify(
        kind=NotificationKind.MY_SUGGESTED_EDIT_DECIDED,
        event_key=f"edit-decided:{suggestion.pk}",
        recipients=[suggestion.suggester],
        actor=suggestion.decided_by,
        target=suggestion.target,
        url=suggestion.get_absolute_url(),
        text=text,
    )


# SECTION forum


def forum_post_created(post) -> None:
    """A new public forum post: members mentioned in it, and the followers of its topic (a
    reply) or of its board (a new topic)."""
    from forum.models import BoardSubscription, TopicSubscription

    topic = post.topic
    if not _public(post, topic):
        return
    told = _Told(post.author_id)
    is_first = topic.first_post_id in (None, post.pk)
    common = {
        "event_key": f"topic:{topic.pk}" if is_first else f"post:{post.pk}",
        "actor": post.author,
        "target": post,
        "url": topic.get_absolute_url() if is_first else post.get_absolute_url(),
        "text": topic.title,
    }
    notify(
        kind=NotificationKind.MENTION,
        recipients=told.fresh(mentioned_users(post.body, author=post.author)),
        **common,
    )
    if is_first:
        followers = User.objects.filter(
            forum_board_follows__board_id=topic.board_id, is_active=True
        )
        recipients = told.fresh(followers)
        notify(kind=NotificationKind.FOLLOWED_BOARD_TOPIC, recipients=recipients, **common)
        BoardSubscription.objects.filter(
            board_id=topic.board_id, user_id__in=[user.pk for user in recipients]
        ).update(last_notified_topic=topic)
    else:
        followers = User.objects.filter(forum_topic_follows__topic=topic, is_active=True)
        recipients = told.fresh(followers)
        notify(kind=NotificationKind.FOLLOWED_TOPIC_REPLY, recipients=recipients, **common)
        TopicSubscription.objects.filter(
            topic=topic, user_id__in=[user.pk for user in recipients]
        ).update(last_notified_post=post)


# SECTION reviews and moderation


def review_replied(reply) -> None:
    """The shop replied to a review: its author."""
    review = reply.review
    if not _public(review):
        return
    notify(
        kind=NotificationKind.REVIEW_REPLY,
        event_key=f"review-reply:{reply.pk}",
        recipients=[review.author],
        actor=reply.author,
        target=review,
        url=reply.get_absolute_url(),
        text=review.title,
    )


def content_published(item) -> None:
    """Announce a post that just became public (approved after being held), as if new."""
    from forum.models import Post, Topic
    from qa.models import Answer, Comment, Question

    if isinstance(item, Question):
        question_asked(item)
    elif isinstance(item, Answer):
        answer_posted(item)
    elif isinstance(item, Comment):
        comment_posted(item)
    elif isinstance(item, Post):
        forum_post_created(item)
    elif isinstance(item, Topic) and item.first_post_id:
        forum_post_created(item.first_post)


def staff_action_recorded(*, entry, target) -> None:
    """A staff decision was written to the audit log: tell the member it concerns.

    Called once, by ``audit_record``; the audit entry names the decision, so each is told
    once. Decisions with an event of their own (accepting, official answers, duplicates,
    promotion) are told by those events and skipped here.
    """
    from community.moderation.enums import AuditAction

    action = entry.action
    if action in (AuditAction.WARN, AuditAction.SUSPEND, AuditAction.UNSUSPEND):
        recipient, url = target, "/"
        text = {
            AuditAction.WARN: _("You received a warning from the moderators: %(reason)s"),
            AuditAction.SUSPEND: _("Your account is suspended: %(reason)s"),
            AuditAction.UNSUSPEND: _("Your suspension was lifted."),
        }[action] % {"reason": entry.reason}
    elif action in (
        AuditAction.APPROVE,
        AuditAction.HIDE,
        AuditAction.RESTORE,
        AuditAction.DELETE,
    ):
        recipient = getattr(target, "author", None)
        if recipient is None:
            return
        url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
        text = {
            AuditAction.APPROVE: _("Your %(item)s was approved and is public now."),
            AuditAction.HIDE: _("Your %(item)s was hidden by a moderator: %(reason)s"),
            AuditAction.RESTORE: _("Your %(item)s was restored by a moderator."),
            AuditAction.DELETE: _("Your %(item)s was removed by a moderator: %(reason)s"),
        }[action] % {"item": target._meta.verbose_name, "reason": entry.reason}
    else:
        return
    notify(
        kind=NotificationKind.MODERATION_DECISION,
        event_key=f"audit:{entry.pk}",
        recipients=[recipient],
        actor=entry.actor,
        target=target,
        url=url,
        text=text,
    )


def flags_resolved(*, target, by: User, resolution: str, flags: list[tuple[int, int]]) -> None:
    """Staff decided about reports on ``target``: tell the members who reported it.

    ``flags`` are the (flag id, flagger id) pairs that were open; the smallest flag id names
    the decision, so the reporters are told once.
    """
    from community.moderation.enums import FlagResolution

    if not flags:
        return
    flagger_ids = {flagger_id for _flag_id, flagger_id in flags}
    url = target.get_absolute_url() if hasattr(target, "get_absolute_url") else "/"
    notify(
        kind=NotificationKind.MODERATION_DECISION,
        event_key=f"flags:{min(flag_id for flag_id, _flagger in flags)}",
        recipients=User.objects.filter(pk__in=flagger_ids, is_active=True),
        actor=by,
        target=target,
        url=url,
        text=_("Your report about a %(item)s: %(outcome)s")
        % {"item": target._meta.verbose_name, "outcome": FlagResolution(resolution).label},
    )
