"""Boards, topics and posts, who follows what, and how far each member has read.

Counters (topics and posts per board, replies per topic) and the latest post are kept on the
rows, so lists never count per item; services change them with UPDATE ... SET x = x + n, or
recount them after the rare staff action that moves many posts at once.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from wagtail.search import index

from community.common.models import (
    DescribedInDutch,
    EditableBody,
    author_link,
    link,
    member_link,
    optional_link,
)
from community.moderation.enums import ContentStatus
from community.moderation.models import ModeratedContent, Thread, thread_search_fields

# Board slugs share /forum/<slug>/ with these paths.
RESERVED_BOARD_SLUGS = {"topics", "posts", "moderate"}


class Board(DescribedInDutch):
    """A category of topics. Staff create, describe and order boards in the Wagtail admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("slug"), max_length=80, unique=True, help_text=_("Its address: /forum/<slug>/.")
    )
    description = models.TextField(_("description"), max_length=500, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_showcase = models.BooleanField(
        _("showcase"),
        default=False,
        help_text=_("Topics lead with their photos, shown as a grid: “show what you made”."),
    )
    topic_count = models.PositiveIntegerField(_("topics"), default=0, editable=False)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    last_post = optional_link("Post", editable=False)

    class Meta:
        verbose_name = _("board")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("forum:board-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_BOARD_SLUGS:
            raise ValidationError({"slug": _("This address is taken by the forum itself.")})


class Topic(Thread, index.Indexed, ModeratedContent):
    board = link(Board, _("board"), related_name="topics", on_delete=models.PROTECT)
    author = author_link(_("started by"), related_name="forum_topics")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80)
    product = optional_link("cms.ProductPage", _("product"), related_name="forum_topics")
    tags = TaggableManager(_("tags"), blank=True)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown on the home page and its product's page.")
    )
    merged_into = optional_link("self", _("merged into"))
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    first_post = optional_link("Post")
    last_post = optional_link("Post")
    last_post_at = models.DateTimeField(_("latest post"), auto_now_add=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic")
        indexes = [
            models.Index(
                fields=["board", "status", "-is_pinned", "-last_post_at"],
                name="forum_topic_board_idx",
            ),
            models.Index(fields=["is_featured", "status"], name="forum_topic_featured_idx"),
        ]

    # Site search (community/search): the title, then the published posts' text.
    search_fields = thread_search_fields(filtered=("merged_into",))
    detail_url_name = "forum:topic-detail"
    replies_name = "posts"

    @property
    def is_open(self) -> bool:
        return self.status == ContentStatus.PUBLISHED and not self.is_locked


class Post(ModeratedContent, EditableBody):
    """The first post of a topic or a reply to it; the topic's posts read in time order."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = author_link(_("written by"), related_name="forum_posts")
    body = models.TextField(_("text"))
    quoted = optional_link("self", _("quotes"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("post")
        indexes = [
            models.Index(fields=["topic", "status", "created_at"], name="forum_post_topic_idx")
        ]

    def __str__(self) -> str:
        return _("Post in “%(title)s”") % {"title": self.topic.title} if self.topic_id else ""

    def get_absolute_url(self) -> str:
        return reverse("forum:post-permalink", kwargs={"pk": self.pk})

    @property
    def is_first(self) -> bool:
        return self.topic.first_post_id == self.pk


class TopicReadState(models.Model):
    """How far a member has read a topic: later posts are new to them."""

    user = member_link(related_name="forum_read_states")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="read_states")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="forum_read_state_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read topic {self.topic_id} up to {self.last_read_at}"
