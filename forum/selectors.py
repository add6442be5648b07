"""Reads for forum pages: each returns what a page needs in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from cms.translation import title_in_reader_language
from community.accounts.models import User
from community.accounts.permissions import is_community_staff
from community.common.prepared_queries import PreparedQuery
from community.moderation.enums import ContentStatus
from community.notifications.selectors import follow_of
from community.photos.models import Photo
from community.photos.selectors import first_photo_field, photos_for

from .models import Board, Post, Topic, TopicReadState


def board_list() -> list[Board]:
    """Every board in its order, with its latest post, that post's topic and author (one query)."""
    return list(Board.objects.select_related("last_post__author", "last_post__topic"))


def board_topics(board: Board, *, viewer) -> QuerySet:
    """A board's public topics: pinned first, then by latest activity, ready to paginate.

    Each row carries its author and latest post's author; for a signed-in viewer, when they
    last read it (``last_read_at``); on a showcase board, its cover photo.
    """
    topics = (
        Topic.objects.filter(board=board, status=ContentStatus.PUBLISHED)
        .select_related("author", "last_post__author")
        .order_by("-is_pinned", "-last_post_at", "-pk")
    )
    if viewer.is_authenticated:
        topics = topics.annotate(
            last_read_at=Subquery(
                TopicReadState.objects.filter(user=viewer, topic=OuterRef("pk")).values(
                    "last_read_at"
                )[:1]
            )
        )
    if board.is_showcase:
        topics = _with_cover(topics)
    return topics


def _with_cover(topics: QuerySet) -> QuerySet:
    return topics.annotate(
        cover_thumbnail=first_photo_field(Post, "first_post_id", "thumbnail"),
        cover_alt=first_photo_field(Post, "first_post_id", "alt_text"),
    )


def mark_unread(topics, *, viewer) -> None:
    """Set ``is_unread`` (and ``cover_url`` on showcase rows) on rows from :func:`board_topics`,
    without a query."""
    for topic in topics:
        _cover_url(topic)
        if not viewer.is_authenticated:
            topic.is_unread = False
        elif getattr(topic, "last_read_at", None) is None:
            topic.is_unread = topic.last_post_at > viewer.date_joined
        else:
            topic.is_unread = topic.last_post_at > topic.last_read_at


def topic_get(pk: int) -> Topic:
    """The topic with its board, author and product; ``product_title`` in the reader's language."""
    return (
        Topic.objects.select_related("board", "author", "product", "first_post")
        .defer(*User.private_fields_of("author"))
        .annotate(product_title=title_in_reader_language("product"))
        .get(pk=pk)
    )


def visible_posts(topic: Topic, *, viewer) -> QuerySet:
    """The posts of a topic the viewer may see, in reading order, ready to paginate."""
    visible = Q(status=ContentStatus.PUBLISHED)
    if is_community_staff(viewer):
        visible = Q()
    elif viewer.is_authenticated:
        visible |= Q(author_id=viewer.pk)
    return (
        topic.posts.filter(visible)
        .select_related("author", "quoted__author")
        .defer(*User.private_fields_of("author", "quoted__author"))
        .order_by("created_at", "pk")
    )


def post_position(post: Post, *, viewer) -> int:
    """How many posts the viewer sees before ``post`` in its topic (for its page number)."""
    return (
        visible_posts(post.topic, viewer=viewer)
        .filter(Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk))
        .count()
    )


@dataclass
class TopicPage:
    """What the topic page shows beside the posts: photos and read state."""

    post_ids: list[int] = field(default_factory=list)
    staff_ids: set[int] = field(default_factory=set)
    read_state: TopicReadState | None = None
    first_new_post_id: int | None = None

    @cached_property
    def photos_by_post(self) -> dict[int, list[Photo]]:
        """The posts' photos: one query, asked only when the posts are shown (not when a
        member gets them from the cache)."""
        return photos_for(Post, self.post_ids)


@dataclass(frozen=True)
class TopicViewerState:
    """A member's own state in a topic, read in one query: how far they read (and the first
    public post after that), whether they follow it, and whether a post of theirs there is
    not public (they see it where others do not)."""

    read_state: TopicReadState | None
    first_new_post_id: int | None
    follows: bool
    own_unpublished: bool


def topic_viewer_state(topic: Topic, *, viewer) -> TopicViewerState | None:
    """None when the member's account is gone (erased while the page was being made)."""
    # The same SQL for every topic and member, built once per process.
    rows = _VIEWER_STATE.dicts(topic=topic.pk, viewer=viewer.pk)
    if not rows:
        return None
    row = rows[0]
    read_state = None
    if row["read_state_id"] is not None:
        read_state = TopicReadState(
            pk=row["read_state_id"], topic=topic, user=viewer, last_read_at=row["last_read_at"]
        )
    return TopicViewerState(
        read_state=read_state,
        first_new_post_id=row["first_new_post_id"] if read_state else None,
        follows=bool(row["follows_topic"]),
        own_unpublished=bool(row["own_unpublished"]),
    )


def _viewer_state_row(*, topic: int, viewer: int) -> QuerySet:
    reads = TopicReadState.objects.filter(topic=topic, user=OuterRef("pk"))
    posts = Post.objects.filter(topic=topic)
    public = posts.filter(status=ContentStatus.PUBLISHED)
    return (
        User.objects.filter(pk=viewer)
        .annotate(
            read_state_id=Subquery(reads.values("pk")[:1]),
            last_read_at=Subquery(reads.values("last_read_at")[:1]),
            first_new_post_id=Subquery(
                public.filter(created_at__gt=OuterRef("last_read_at"))
                .order_by("created_at", "pk")
                .values("pk")[:1]
            ),
            follows_topic=Exists(follow_of(user=viewer, target=Topic(pk=topic))),
            own_unpublished=Exists(
                posts.filter(author=OuterRef("pk")).exclude(status=ContentStatus.PUBLISHED)
            ),
        )
        .values(
            "read_state_id",
            "last_read_at",
            "first_new_post_id",
            "follows_topic",
            "own_unpublished",
        )
    )


_VIEWER_STATE = PreparedQuery(_viewer_state_row)


@dataclass(frozen=True)
class PostsPage:
    """One page of a topic's public posts, as a page number resolves."""

    count: int
    number: int
    posts: list[Post]


def public_posts_page(topic: Topic, number, *, per_page: int) -> PostsPage:
    public = visible_posts(topic, viewer=AnonymousUser())
    page = Paginator(public, per_page).get_page(number)
    return PostsPage(count=page.paginator.count, number=page.number, posts=list(page.object_list))


def topic_page(
    topic: Topic, posts: list[Post], *, viewer, state: TopicViewerState | None = None
) -> TopicPage:
    """The rest of a topic page for these posts, in at most four queries whatever their number
    (the photos' only when they are shown; none for the read state when the member's
    ``state`` was read)."""
    page = TopicPage(
        post_ids=[post.pk for post in posts],
        staff_ids={post.author_id for post in posts if is_community_staff(post.author)},
    )
    if state is not None and not state.own_unpublished:
        page.read_state = state.read_state
        page.first_new_post_id = state.first_new_post_id
    elif viewer.is_authenticated:
        page.read_state = TopicReadState.objects.filter(topic=topic, user=viewer).first()
        if page.read_state is not None:
            page.first_new_post_id = (
                visible_posts(topic, viewer=viewer)
                .filter(created_at__gt=page.read_state.last_read_at)
                .values_list("pk", flat=True)
                .first()
            )
    return page


def featured_showcase(*, limit: int = 3, product=None) -> list[Topic]:
    """Featured showcase topics with their cover photo, newest activity first (one query)."""
    topics = Topic.objects.filter(
        is_featured=True, status=ContentStatus.PUBLISHED, board__is_showcase=True
    ).select_related("author")
    if product is not None:
        topics = topics.filter(product=product)
    topics = list(_with_cover(topics).order_by("-last_post_at", "-pk")[:limit])
    for topic in topics:
        _cover_url(topic)
    return topics


def _cover_url(topic: Topic) -> None:
    name = getattr(topic, "cover_thumbnail", None)
    topic.cover_url = default_storage.url(name) if name else ""


def boards_for_move(topic: Topic) -> QuerySet:
    return Board.objects.exclude(pk=topic.board_id)


def quote_markdown(post: Post) -> str:
    """The start of a reply that quotes ``post``: who wrote it, linked to it, then its text."""
    from django.utils.translation import gettext as _

    attribution = _("[%(name)s wrote](%(url)s):") % {
        "name": post.author.public_name,
        "url": post.get_absolute_url(),
    }
    quoted = "\n".join(f"> {line}".rstrip() for line in post.body.strip().splitlines())
    return f"{attribution}\n\n{quoted}\n\n"
