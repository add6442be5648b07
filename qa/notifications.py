"""Who hears about questions, answers, comments, reviews and suggested edits.

One function per event, called by the services where it happens; ``register`` tells the
notifications floor about qa's kinds, groups, followable things and announcers (from
``QaConfig.ready``).
"""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from taggit.models import Tag

from cms.notifications import FOLLOWED_FOR_QUESTIONS, UNFOLLOWED
from community.accounts.models import User
from community.notifications import registry
from community.notifications.enums import Channel, KindGroup
from community.notifications.events import Told, all_public, notify_followers, notify_mentioned
from community.notifications.selectors import wanting_mail_kind
from community.notifications.services import notify
from shop.selectors import verified_buyers_of

from . import webhooks as qa_webhooks
from .enums import MailKind, NotificationGroup, NotificationKind, SuggestedEditStatus
from .models import Answer, Comment, Question, Review, ReviewInvitationOptOut
from .permissions import check_can_view_question

QUESTION = "question"
TAG = "tag"
PRODUCT = "product"  # registered by cms, which owns product pages


# SECTION questions and answers


def question_asked(question) -> None:
    """A new public question: mentioned members, followers of its product and tags, and a
    few verified buyers of its product who offered to help."""
    if not all_public(question):
        return
    author = question.author
    told = Told(author.pk)
    common = _event(f"question:{question.pk}", actor=author, target=question, text=question.title)
    notify_mentioned(body=question.body, told=told, **common)
    if question.product_id:
        notify_followers(
            kind=NotificationKind.FOLLOWED_PRODUCT_QUESTION,
            target_type=PRODUCT,
            targets=[question.product_id],
            told=told,
            **common,
        )
    tag_ids = list(question.tags.values_list("pk", flat=True))
    if tag_ids:
        notify_followers(
            kind=NotificationKind.FOLLOWED_TAG_QUESTION,
            target_type=TAG,
            targets=tag_ids,
            told=told,
            **common,
        )
    if question.product_id:
        _help_requests(question, told=told, common=common)


def question_published(question) -> None:
    """A held question was approved: members hear of it as if new, and so does the shop."""
    question_asked(question)
    qa_webhooks.question_asked(question)


def _event(event_key: str, *, actor: User, target, text: str) -> dict:
    """What the notifications of one event share: its key (one notification per member and
    event), who did it, what it is about (the link goes there) and its text."""
    return {
        "event_key": event_key,
        "actor": actor,
        "target": target,
        "url": target.get_absolute_url(),
        "text": text,
    }


def _help_requests(question, *, told: Told, common: dict) -> None:
    product = question.product
    buyers = help_request_candidates(
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


def help_request_candidates(*, product, exclude_ids: set[int], limit: int) -> list[User]:
    """Verified buyers of ``product`` to ask for help, in one query.

    Only those who want these requests (their "help_request" e-mail switch, which is
    opt-in), who received fewer help requests in the last 7 days than their
    own weekly limit (and the site's), and who were asked least recently come first, so the
    requests spread over the buyers.
    """
    week_ago = timezone.now() - timedelta(days=7)
    site_cap = settings.NOTIFICATIONS_HELP_REQUESTS_PER_WEEK
    help_kind = NotificationKind.HELP_REQUEST
    return list(
        verified_buyers_of(product=product)
        .filter(wanting_mail_kind(MailKind.HELP_REQUEST))
        .exclude(pk__in=exclude_ids)
        .annotate(
            recent_requests=Count(
                "notifications",
                filter=Q(notifications__kind=help_kind, notifications__created_at__gte=week_ago),
            ),
            last_request_at=Max(
                "notifications__created_at", filter=Q(notifications__kind=help_kind)
            ),
        )
        .filter(
            Q(recent_requests__lt=site_cap)
            # A member who consented at sign-up may have no settings yet: the site's number.
            & Q(
                recent_requests__lt=Coalesce(
                    F("notification_settings__help_requests_per_week"), site_cap
                )
            )
        )
        .order_by(F("last_request_at").asc(nulls_first=True), "pk")[:limit]
    )


def answer_posted(answer) -> None:
    """A new public answer: the asker, members mentioned in it, followers of the question."""
    question = answer.question
    if not all_public(answer, question):
        return
    told = Told(answer.author_id)
    common = _event(f"answer:{answer.pk}", actor=answer.author, target=answer, text=question.title)
    notify(
        kind=NotificationKind.ANSWER_ON_MY_QUESTION,
        recipients=told.fresh([question.author]),
        **common,
    )
    notify_mentioned(body=answer.body, told=told, **common)
    notify_followers(
        kind=NotificationKind.FOLLOWED_QUESTION_ANSWER,
        target_type=QUESTION,
        targets=[question.pk],
        told=told,
        **common,
    )


def comment_posted(comment) -> None:
    """A new public comment: the author of the answer (or question) it is under, and members
    mentioned in it."""
    question = comment.question
    answer = comment.answer
    if not all_public(comment, question, answer):
        return
    told = Told(comment.author_id)
    common = _event(
        f"comment:{comment.pk}", actor=comment.author, target=comment, text=question.title
    )
    if answer is not None:
        kind, parent_author = NotificationKind.COMMENT_ON_MY_ANSWER, answer.author
    else:
        kind, parent_author = NotificationKind.COMMENT_ON_MY_QUESTION, question.author
    notify(kind=kind, recipients=told.fresh([parent_author]), **common)
    notify_mentioned(body=comment.body, told=told, **common)


def answer_marked(answer, *, by: User, official: bool) -> None:
    """An answer was accepted, or staff marked it official: its author first, then the asker
    (of an answer accepted, when staff accepted it for them), each once, and never the one
    who marked it."""
    if official:
        mark, author_kind, asker_kind = (
            "official",
            NotificationKind.MY_ANSWER_OFFICIAL,
            NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION,
        )
    else:
        mark, author_kind, asker_kind = (
            "accepted",
            NotificationKind.MY_ANSWER_ACCEPTED,
            NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF,
        )
    question = answer.question
    told = Told(by.pk)
    common = _event(f"{mark}:{answer.pk}", actor=by, target=answer, text=question.title)
    notify(kind=author_kind, recipients=told.fresh([answer.author]), **common)
    notify(kind=asker_kind, recipients=told.fresh([question.author]), **common)


def question_closed_as_duplicate(question, *, by: User) -> None:
    """Staff closed a question as a duplicate: the asker (the page links to the original)."""
    notify(
        kind=NotificationKind.QUESTION_CLOSED_DUPLICATE,
        recipients=[question.author],
        **_event(
            f"duplicate:{question.pk}:{question.duplicate_of_id}",
            actor=by,
            target=question,
            text=question.title,
        ),
    )


def answer_promoted(answer, *, article, by: User) -> None:
    """Staff made an answer into a (draft) article: its author; the link goes to the answer,
    since the article is not public until an editor publishes it."""
    notify(
        kind=NotificationKind.MY_ANSWER_PROMOTED,
        recipients=[answer.author],
        **_event(f"promoted:{answer.pk}", actor=by, target=answer, text=answer.question.title),
    )


# SECTION suggested edits


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
        text=lambda: (
            (
                _("%(name)s suggested an edit to your answer to “%(title)s”")
                if is_answer
                else _("%(name)s suggested an edit to your question “%(title)s”")
            )
            % {"name": suggestion.suggester.public_name, "title": suggestion.question.title}
        ),
    )


def suggested_edit_decided(suggestion) -> None:
    """Someone accepted or rejected a suggested edit: the member who suggested it."""

    def text() -> str:
        if suggestion.status == SuggestedEditStatus.ACCEPTED:
            return _("Your suggested edit to “%(title)s” was accepted.") % {
                "title": suggestion.question.title
            }
        return _("Your suggested edit to “%(title)s” was rejected: %(reason)s") % {
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


# SECTION reviews


def review_replied(reply) -> None:
    """The shop replied to a review: its author."""
    review = reply.review
    if not all_public(review):
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


# SECTION registration

KIND_GROUPS = {
    NotificationKind.ANSWER_ON_MY_QUESTION: NotificationGroup.MY_QUESTIONS,
    NotificationKind.COMMENT_ON_MY_QUESTION: NotificationGroup.MY_QUESTIONS,
    NotificationKind.QUESTION_CLOSED_DUPLICATE: NotificationGroup.MY_QUESTIONS,
    NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF: NotificationGroup.MY_QUESTIONS,
    NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION: NotificationGroup.MY_QUESTIONS,
    NotificationKind.MY_ANSWER_ACCEPTED: NotificationGroup.MY_ANSWERS,
    NotificationKind.MY_ANSWER_OFFICIAL: NotificationGroup.MY_ANSWERS,
    NotificationKind.MY_ANSWER_PROMOTED: NotificationGroup.MY_ANSWERS,
    NotificationKind.COMMENT_ON_MY_ANSWER: NotificationGroup.MY_ANSWERS,
    NotificationKind.EDIT_SUGGESTED_ON_MY_QUESTION: NotificationGroup.MY_QUESTIONS,
    NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER: NotificationGroup.MY_ANSWERS,
    NotificationKind.FOLLOWED_QUESTION_ANSWER: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_PRODUCT_QUESTION: KindGroup.FOLLOWING,
    NotificationKind.FOLLOWED_TAG_QUESTION: KindGroup.FOLLOWING,
    NotificationKind.REVIEW_REPLY: NotificationGroup.REVIEWS,
    NotificationKind.HELP_REQUEST: KindGroup.HELP_REQUESTS,
    NotificationKind.MY_SUGGESTED_EDIT_DECIDED: KindGroup.MODERATION,
}

EMAIL_SUBJECTS = {
    NotificationKind.ANSWER_ON_MY_QUESTION: gettext_lazy("New answer to “%(text)s”"),
    NotificationKind.COMMENT_ON_MY_QUESTION: gettext_lazy("New comment on “%(text)s”"),
    NotificationKind.QUESTION_CLOSED_DUPLICATE: gettext_lazy(
        "Your question “%(text)s” was closed as a duplicate"
    ),
    NotificationKind.ANSWER_ACCEPTED_ON_MY_BEHALF: gettext_lazy(
        "An answer to “%(text)s” was accepted for you"
    ),
    NotificationKind.OFFICIAL_ANSWER_ON_MY_QUESTION: gettext_lazy(
        "The shop answered “%(text)s” officially"
    ),
    NotificationKind.MY_ANSWER_ACCEPTED: gettext_lazy("Your answer to “%(text)s” was accepted"),
    NotificationKind.MY_ANSWER_OFFICIAL: gettext_lazy(
        "Your answer to “%(text)s” is now the official answer"
    ),
    NotificationKind.MY_ANSWER_PROMOTED: gettext_lazy(
        "Your answer to “%(text)s” is becoming an article"
    ),
    NotificationKind.COMMENT_ON_MY_ANSWER: gettext_lazy("New comment on your answer to “%(text)s”"),
    NotificationKind.FOLLOWED_QUESTION_ANSWER: gettext_lazy("New answer to “%(text)s”"),
    NotificationKind.FOLLOWED_PRODUCT_QUESTION: gettext_lazy("New question: “%(text)s”"),
    NotificationKind.FOLLOWED_TAG_QUESTION: gettext_lazy("New question: “%(text)s”"),
    NotificationKind.REVIEW_REPLY: gettext_lazy("The shop replied to your review “%(text)s”"),
    NotificationKind.HELP_REQUEST: gettext_lazy("Can you help? %(text)s"),
    NotificationKind.EDIT_SUGGESTED_ON_MY_QUESTION: gettext_lazy("Suggested edit: %(text)s"),
    NotificationKind.EDIT_SUGGESTED_ON_MY_ANSWER: gettext_lazy("Suggested edit: %(text)s"),
    NotificationKind.MY_SUGGESTED_EDIT_DECIDED: gettext_lazy("Suggested edit: %(text)s"),
}

# Where qa's groups appear on the settings page, among the floor's (its GROUP_POSITIONS).
GROUP_POSITIONS = {
    NotificationGroup.MY_QUESTIONS: 10,
    NotificationGroup.MY_ANSWERS: 20,
    NotificationGroup.REVIEWS: 50,
}


def _tag_questions_url(tag: Tag) -> str:
    return f"{reverse('qa:question-list')}?tag={tag.slug}"


def register() -> None:
    """Tell the notifications floor about qa's kinds, groups, follow targets and announcers."""
    registry.register_groups(
        NotificationGroup,
        default_channels=dict.fromkeys(NotificationGroup, Channel.IMMEDIATE),
        positions=GROUP_POSITIONS,
    )
    registry.register_kinds(NotificationKind, groups=KIND_GROUPS, email_subjects=EMAIL_SUBJECTS)
    registry.register_mail_kind(
        key=MailKind.REVIEW_INVITATION,
        help_text=gettext_lazy("Some days after a delivery, we may ask what you think of it."),
        marketing=True,
        default=True,
        position=30,
        switched=_review_invitations_switched,
    )
    # Opt-in: its switch is also whether the member is asked at all, on the site too.
    registry.register_mail_kind(
        key=MailKind.HELP_REQUEST,
        help_text=gettext_lazy(
            "When someone asks about a product you received, we may ask you and a few other "
            "buyers whether you can answer."
        ),
        marketing=True,
        default=False,
        position=40,
        notification_groups=(KindGroup.HELP_REQUESTS,),
    )
    registry.register_follow_target(
        key=QUESTION,
        model=Question,
        check_can_see=check_can_view_question,
        follow_label=gettext_lazy("Follow this question"),
        unfollow_label=gettext_lazy("Stop following this question"),
        followed_message=FOLLOWED_FOR_QUESTIONS,
        unfollowed_message=UNFOLLOWED,
        settings_label=gettext_lazy("Question:"),
    )
    registry.register_follow_target(
        key=TAG,
        model=Tag,
        follow_label=gettext_lazy("Follow this tag"),
        unfollow_label=gettext_lazy("Stop following this tag"),
        followed_message=FOLLOWED_FOR_QUESTIONS,
        unfollowed_message=UNFOLLOWED,
        url_of=_tag_questions_url,
        settings_label=gettext_lazy("Tag:"),
    )
    registry.register_announcer(Question, question_published, reads=("author", "product"))
    registry.register_announcer(Answer, answer_posted, reads=("author", "question__author"))
    registry.register_announcer(
        Comment, comment_posted, reads=("author", "question__author", "answer__author")
    )
    registry.register_announcer(Review, qa_webhooks.review_posted, reads=("author", "product"))


def _review_invitations_switched(user, enabled: bool) -> None:
    """Switched on in the preference centre, invitations reach the member's addresses again,
    even one that opted out through an invitation's link earlier."""
    if not enabled:
        return
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list(
        "email", flat=True
    )
    ReviewInvitationOptOut.objects.filter(
        email__in=[address.lower() for address in addresses]
    ).delete()
