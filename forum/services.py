"""Every change to boards, topics, posts, follows and read state goes through these functions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community.accounts.models import User
from community.accounts.permissions import check_is_community_staff
from community.common.models import full_clean_in_hand, save_checked, title_slug
from community.common.transactions import write_transaction
from community.common.uploads import ImageUpload
from community.moderation.enums import AuditAction, ContentStatus
from community.moderation.services import (
    audit_record,
    content_admitted,
    content_delete_by_author,
    edit_admit,
    staff_switch_set,
)
from community.moderation.trust import PreparedPost, post_prepare
from community.notifications import services as notification_services
from community.notifications.enums import FollowReason
from community.notifications.events import content_posted
from community.photos.rules import PhotoRules
from community.photos.services import PreparedPhoto
from community.revisions.services import revision_record

from . import permissions
from .models import Board, Post, Topic, TopicReadState
from .notifications import TOPIC


def topic_create(
    *,
    board: Board,
    author: User,
    title: str,
    body: str,
    product=None,
    tags: Sequence[str] = (),
    photos: Sequence[ImageUpload] = (),
) -> Topic:
    """Start a topic with its first post; the author follows it from now on."""
    permissions.check_can_start_topic(author)
    prepared = post_prepare(author=author, kind="topic", body=body)
    with POST_PHOTOS.prepared(author, photos) as stored_photos:
        return _topic_store(
            board=board,
            author=author,
            title=" ".join(title.split()),
            prepared=prepared,
            product=product,
            tags=tags,
            photos=stored_photos,
        )


@write_transaction
def _topic_store(
    *,
    board: Board,
    author: User,
    title: str,
    prepared: PreparedPost,
    product,
    tags: Sequence[str],
    photos: Sequence[PreparedPhoto],
) -> Topic:
    admission = prepared.admission
    # A held topic waits as a whole; its first post stays published inside it.
    topic = Topic(
        board=board,
        author=author,
        title=title,
        slug=title_slug(title, fallback="topic"),
        product=product,
        status=admission.status,
        status_reason=admission.reason,
    )
    full_clean_in_hand(topic)
    topic.save()
    content_admitted(item=topic)
    post = _post_add(
        topic=topic, author=author, prepared=prepared, photos=photos, title=title, held_alone=False
    )
    Topic.objects.filter(pk=topic.pk).update(first_post=post, last_post=post)
    topic.first_post = topic.last_post = post
    if not admission.is_held:  # a held topic counts once a moderator approves it
        Board.objects.filter(pk=board.pk).update(
            topic_count=F("topic_count") + 1, post_count=F("post_count") + 1, last_post=post
        )
    if tags:
        topic.tags.set(list(tags))
    notification_services.follow_add(user=author, target=topic, reason=FollowReason.POSTED)
    content_posted(post)
    return topic


def reply_create(
    *,
    topic: Topic,
    author: User,
    body: str,
    quoted: Post | None = None,
    photos: Sequence[ImageUpload] = (),
) -> Post:
    """Reply in a topic; the author follows it from now on (they can stop following)."""
    permissions.check_can_reply(author, topic)
    if quoted is not None and (quoted.topic_id != topic.pk or not quoted.is_published):
        quoted = None
    prepared = post_prepare(author=author, kind="post", body=body)
    with POST_PHOTOS.prepared(author, photos) as stored_photos:
        return _reply_store(
            topic=topic, author=author, prepared=prepared, quoted=quoted, photos=stored_photos
        )


@write_transaction
def _reply_store(
    *,
    topic: Topic,
    author: User,
    prepared: PreparedPost,
    quoted: Post | None,
    photos: Sequence[PreparedPhoto],
) -> Post:
    post = _post_add(topic=topic, author=author, prepared=prepared, photos=photos, quoted=quoted)
    if not prepared.admission.is_held:  # a held reply counts once a moderator approves it
        Topic.objects.filter(pk=topic.pk).update(
            reply_count=F("reply_count") + 1, last_post=post, last_post_at=post.created_at
        )
        Board.objects.filter(pk=topic.board_id).update(
            post_count=F("post_count") + 1, last_post=post
        )
    notification_services.follow_add(user=author, target=topic, reason=FollowReason.POSTED)
    topic_mark_read(topic=topic, user=author, up_to=post.created_at)
    content_posted(post)
    return post


POST_PHOTOS = PhotoRules(
    limit_setting="FORUM_MAX_PHOTOS",
    too_many=gettext_lazy("A post can carry at most %(count)s photos."),
)


def _post_add(
    *,
    topic: Topic,
    author: User,
    prepared: PreparedPost,
    photos: Sequence[PreparedPhoto],
    quoted: Post | None = None,
    title: str = "",
    held_alone: bool = True,
) -> Post:
    """``held_alone``: whether a held admission holds the post itself (a reply), rather than
    the topic it opens."""
    post = Post(
        topic=topic,
        author=author,
        body=prepared.body,
        body_rendered=prepared.html,
        quoted=quoted,
    )
    if held_alone:
        post.status, post.status_reason = prepared.admission.status, prepared.admission.reason
    full_clean_in_hand(post)
    post.save()
    content_admitted(item=post)
    POST_PHOTOS.attach(target=post, owner=author, photos=photos)
    revision_record(item=post, editor=author, title=title, body=prepared.body)
    return post


def post_edit(
    *, post: Post, editor: User, body: str, title: str | None = None, summary: str = ""
) -> Post:
    """Change a post's text (and, for a topic's first post, the topic's title). An edit the
    trust rules hold sends the post (or, for a first post, its topic) back to the queue."""
    permissions.check_can_edit(editor, post)
    topic = post.topic
    is_first = topic.first_post_id == post.pk
    title = " ".join(title.split()) if (is_first and title) else topic.title
    if body == post.body and title == topic.title:
        return post
    prepared = post_prepare(
        author=editor, kind="topic" if is_first else "post", body=body, editing=post
    )
    return _post_edit_store(
        post=post, editor=editor, prepared=prepared, title=title, summary=summary
    )


@write_transaction
def _post_edit_store(
    *, post: Post, editor: User, prepared: PreparedPost, title: str, summary: str
) -> Post:
    topic = post.topic
    is_first = topic.first_post_id == post.pk
    if is_first and title != topic.title:
        topic.title = title
        topic.slug = title_slug(title, fallback="topic")
        full_clean_in_hand(topic)
        topic.save(update_fields=["title", "slug"])
    post.body = prepared.body
    post.body_rendered = prepared.html
    post.edited_at = timezone.now()
    full_clean_in_hand(post)
    post.save(update_fields=["body", "body_rendered", "edited_at"])
    revision_record(
        item=post,
        editor=editor,
        title=title if is_first else "",
        body=prepared.body,
        summary=summary,
    )
    edit_admit(item=topic if is_first else post, prepared=prepared)
    return post


@transaction.atomic
def post_delete(*, post: Post, user: User) -> Post:
    """The author withdraws a post; withdrawing the first post withdraws the whole topic."""
    permissions.check_can_delete(user, post)
    content_delete_by_author(item=post, author=user)
    topic = post.topic
    if topic.first_post_id == post.pk:
        content_delete_by_author(item=topic, author=user)
    _topic_recount(topic)
    _board_recount(topic.board_id)
    return post


# SECTION following and reading


def topic_mark_read(
    *,
    topic: Topic,
    user: User,
    up_to: datetime,
    known: TopicReadState | None = None,
    looked_up: bool = False,
) -> None:
    """Remember that ``user`` has read ``topic`` up to the post written at ``up_to``.

    A caller that already read the state passes it as ``known`` (None when there was none)
    with ``looked_up=True``, to spare a query. The mark never moves back.
    """
    if not user.is_authenticated:
        return
    state = known
    if state is None and not looked_up:
        state = TopicReadState.objects.filter(topic=topic, user=user).first()
    if state is None:
        try:
            with transaction.atomic():
                TopicReadState.objects.create(topic=topic, user=user, last_read_at=up_to)
        except IntegrityError:
            pass  # marked read in a parallel request
    elif state.last_read_at < up_to:
        TopicReadState.objects.filter(pk=state.pk, last_read_at__lt=up_to).update(
            last_read_at=up_to
        )


# SECTION staff actions


@transaction.atomic
def topic_set_pinned(*, topic: Topic, staff: User, pinned: bool) -> Topic:
    return staff_switch_set(item=topic, staff=staff, field="is_pinned", on=pinned)


@transaction.atomic
def topic_set_locked(*, topic: Topic, staff: User, locked: bool, reason: str = "") -> Topic:
    return staff_switch_set(item=topic, staff=staff, field="is_locked", on=locked, reason=reason)


@transaction.atomic
def topic_set_featured(*, topic: Topic, staff: User, featured: bool) -> Topic:
    """Show a showcase topic on the home page and on its product's page (or stop)."""
    check_is_community_staff(staff)
    if featured and not topic.board.is_showcase:
        raise ValidationError(_("Only topics on a showcase board can be featured."))
    if featured and topic.status != ContentStatus.PUBLISHED:
        raise ValidationError(_("Only public topics can be featured."))
    return staff_switch_set(item=topic, staff=staff, field="is_featured", on=featured)


@transaction.atomic
def topic_move(*, topic: Topic, board: Board, staff: User, reason: str = "") -> Topic:
    check_is_community_staff(staff)
    if board.pk == topic.board_id:
        raise ValidationError(_("The topic is on that board already."))
    old_board = topic.board
    topic.board = board
    if topic.is_featured and not board.is_showcase:
        topic.is_featured = False
    topic.save(update_fields=["board", "is_featured"])
    _board_recount(old_board.pk)
    _board_recount(board.pk)
    audit_record(
        actor=staff,
        action=AuditAction.MOVE,
        target=topic,
        reason=reason or f"{old_board.name} → {board.name}",
    )
    return topic


@transaction.atomic
def topic_split(
    *, topic: Topic, posts: Sequence[Post], title: str, staff: User, board: Board | None = None
) -> Topic:
    """Move some replies of ``topic`` into a new topic; the earliest of them opens it."""
    check_is_community_staff(staff)
    posts = sorted(posts, key=lambda post: (post.created_at, post.pk))
    title = " ".join(title.split())
    if not posts:
        raise ValidationError(_("Choose the replies to split off."))
    if any(post.topic_id != topic.pk for post in posts):
        raise ValidationError(_("Only replies of this topic can be split off."))
    if any(post.pk == topic.first_post_id for post in posts):
        raise ValidationError(_("The first post stays with its topic; choose replies only."))
    if len(title) < 5:
        raise ValidationError(_("Give the new topic a title of at least 5 characters."))
    first = posts[0]
    new_topic = Topic(
        board=board or topic.board,
        author=first.author,
        title=title,
        slug=title_slug(title, fallback="topic"),
        product=topic.product,
    )
    save_checked(new_topic)
    Post.objects.filter(pk__in=[post.pk for post in posts]).update(topic=new_topic)
    Topic.objects.filter(pk=new_topic.pk).update(first_post=first, created_at=first.created_at)
    new_topic.first_post = first
    _topic_recount(topic)
    _topic_recount(new_topic)
    _board_recount(topic.board_id)
    if new_topic.board_id != topic.board_id:
        _board_recount(new_topic.board_id)
    audit_record(
        actor=staff,
        action=AuditAction.SPLIT,
        target=topic,
        reason=_("%(count)s replies to topic #%(number)s")
        % {"count": len(posts), "number": new_topic.pk},
    )
    return new_topic


@transaction.atomic
def topic_merge(*, topic: Topic, into: Topic, staff: User, reason: str = "") -> Topic:
    """Move every post of ``topic`` into ``into``; the old address leads there from now on."""
    check_is_community_staff(staff)
    if into.pk == topic.pk or into.merged_into_id == topic.pk:
        raise ValidationError(_("A topic cannot be merged into itself."))
    if into.status != ContentStatus.PUBLISHED:
        raise ValidationError(_("The topic to merge into must be public."))
    Post.objects.filter(topic=topic).update(topic=into)
    notification_services.follows_move(target_type=TOPIC, from_id=topic.pk, to_id=into.pk)
    topic.merged_into = into
    topic.status = ContentStatus.HIDDEN
    topic.status_changed_at = timezone.now()
    topic.status_changed_by = staff
    topic.status_reason = _("Merged into “%(title)s”.") % {"title": into.title}
    topic.is_featured = False
    topic.save(
        update_fields=[
            "merged_into",
            "status",
            "status_changed_at",
            "status_changed_by",
            "status_reason",
            "is_featured",
        ]
    )
    _topic_recount(into)
    _topic_recount(topic)
    _board_recount(topic.board_id)
    if into.board_id != topic.board_id:
        _board_recount(into.board_id)
    audit_record(
        actor=staff, action=AuditAction.MERGE, target=topic, reason=reason or f"→ #{into.pk}"
    )
    return into


def moderation_status_changed(*, item: Topic | Post, previous: str) -> None:
    """Moderation changed a topic's or post's status (staff hid, restored, approved or deleted
    it, or reports hid it): recount its topic and board. A topic out of view is featured
    nowhere; a held one that comes out rises in its board as a new post would."""
    if isinstance(item, Topic) and item.is_featured and not item.is_published:
        Topic.objects.filter(pk=item.pk).update(is_featured=False)
    _recount_after_moderation(item)
    if previous == ContentStatus.PENDING and item.is_published:
        topic_id = item.pk if isinstance(item, Topic) else item.topic_id
        Topic.objects.filter(pk=topic_id).update(last_post_at=timezone.now())


def topic_restore_refusal(topic: Topic) -> str:
    """Why staff cannot bring a topic back ("" when they can)."""
    if topic.merged_into_id:
        return _("This topic was merged into another; it cannot come back.")
    return ""


def _recount_after_moderation(item: Topic | Post) -> None:
    topic = item if isinstance(item, Topic) else item.topic
    _topic_recount(topic)
    _board_recount(topic.board_id)


# SECTION counters


def _topic_recount(topic: Topic) -> None:
    """Set a topic's reply count and latest post from its posts (after staff moved some)."""
    public = Post.objects.filter(topic_id=topic.pk, status=ContentStatus.PUBLISHED)
    first_id = Topic.objects.values_list("first_post_id", flat=True).get(pk=topic.pk)
    last = public.order_by("-created_at", "-pk").first()
    reply_count = public.exclude(pk=first_id).count() if first_id else public.count()
    Topic.objects.filter(pk=topic.pk).update(
        reply_count=reply_count,
        last_post=last,
        last_post_at=last.created_at if last else F("created_at"),
    )


def _board_recount(board_id: int) -> None:
    public_topics = Topic.objects.filter(board_id=board_id, status=ContentStatus.PUBLISHED)
    public_posts = Post.objects.filter(
        topic__board_id=board_id,
        topic__status=ContentStatus.PUBLISHED,
        status=ContentStatus.PUBLISHED,
    )
    Board.objects.filter(pk=board_id).update(
        topic_count=public_topics.count(),
        post_count=public_posts.count(),
        last_post=public_posts.order_by("-created_at", "-pk").first(),
    )
