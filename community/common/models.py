"""What the models of the floor and the apps share: abstract bases, and constructors for the
fields that several models define alike (so each says once what such a link means)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .markup import stored_html


class TimeStampedModel(models.Model):
    """Base for anything users create: when it was made and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class RenderedBody(models.Model):
    """Base for posts whose text (``body``, declared by each) is stored as written and as the
    sanitised HTML made from it when it was saved (community.common.markup)."""

    body_rendered = models.TextField(editable=False, blank=True)

    class Meta:
        abstract = True

    @property
    def body_html(self):
        return stored_html(self.body_rendered)


class EditableBody(RenderedBody):
    """Base for posts whose text can be changed after it was posted, and that show when."""

    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        abstract = True


class NewestFirst(models.Model):
    """Base for records listed newest first, by their ``created_at`` (each declares its own,
    with its own label); of rows made in the same instant, the later one first."""

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]


def link(to, verbose_name=None, *, related_name="+", on_delete=models.CASCADE, **options):
    """A link that must be set; unless ``on_delete`` says otherwise, the row is deleted with
    what it links to."""
    return models.ForeignKey(
        to, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name, **options
    )


def member_link(verbose_name=None, *, related_name, **options):
    """A required link to a member (the user model)."""
    return link(settings.AUTH_USER_MODEL, verbose_name, related_name=related_name, **options)


def author_link(verbose_name=None, *, related_name):
    """The member who wrote a post. Protected: an account cannot be deleted while it has posts."""
    return member_link(verbose_name, related_name=related_name, on_delete=models.PROTECT)


def optional_link(to, verbose_name=None, *, related_name="+", blank=True, **options):
    """A link that may be empty, and is emptied (not followed) when its target is deleted.

    ``blank`` says whether forms may leave it empty; links that only code sets (who did
    something) were declared without it."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def unique_where_set(*fields, name):
    """At most one row per value of ``fields``, counting only the rows in which the last of
    them is set: e.g. one per member among the rows that name a member."""
    return models.UniqueConstraint(
        fields=list(fields), condition=Q(**{f"{fields[-1]}__isnull": False}), name=name
    )


def title_slug(title: str, *, fallback: str) -> str:
    """The address part made from a post's title (at most 80 characters, as the posts' slug
    fields hold), or ``fallback`` when the title has no letters or digits to make one of."""
    return slugify(title)[:80].strip("-") or fallback


class PageGeneration(models.Model):
    """One row: a number every write to the database moves on, so that a page kept for
    visitors is served only while nothing it might show has changed
    (community.common.page_cache)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("page generation")

    def __str__(self) -> str:
        return str(self.value)
