"""What the models of the floor and the apps share: abstract bases, and constructors for the
fields that several models define alike (so each says once what such a link means)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .markup import stored_html


def save_checked(row: models.Model, update_fields=None) -> None:
    """Store ``row`` the one way every service stores what it changed: its checks first
    (``full_clean``), so a row they refuse raises ``ValidationError`` and nothing is
    written, then ``save(update_fields=...)``."""
    row.full_clean()
    row.save(update_fields=update_fields)


def full_clean_in_hand(row: models.Model, *, validate_constraints: bool = True) -> None:
    """``row.full_clean()``, except that a link whose row ``row`` holds already (loaded, or
    saved a moment ago) is not looked up again to see that it exists: the database's foreign
    key still guards it. Every post saves with its author and what it is under in hand, so
    this spares a query per link inside the write transaction.

    ``validate_constraints=False`` leaves the constraints to the database (``save_once``)."""
    in_hand = [
        field.name
        for field in row._meta.concrete_fields
        if field.many_to_one and field.is_cached(row) and getattr(row, field.name) is not None
    ]
    row.full_clean(exclude=in_hand, validate_unique=False, validate_constraints=False)
    # Uniqueness and constraints over every field, as full_clean() checks them.
    row.validate_unique()
    if validate_constraints:
        row.validate_constraints()


class TimeStampedModel(models.Model):
    """Base for anything users create: when it was made and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def language_now() -> str:
    """The language a member writes in: the one the site speaks to them now (a content
    language; the default language when the active one is none of them)."""
    active = (get_language() or "").split("-")[0]
    known = {code for code, _name in settings.LANGUAGES}
    return active if active in known else settings.LANGUAGE_CODE


class RenderedBody(models.Model):
    """Base for posts whose text (``body``, declared by each) is stored as written and as the
    sanitised HTML made from it when it was saved (community.common.markup).

    A post stays in the language it was written in (``language``: the member's language when
    they posted it); a page in another language labels it (``includes/written_in.html``)."""

    body_rendered = models.TextField(editable=False, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=language_now,
        editable=False,
    )

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


class NamedInDutch(models.Model):
    """Base for what editors name once per language (boards, categories): the English name,
    and the Dutch one shown to members who read the site in Dutch (``localized_name``); the
    editor shows each Dutch field beside its English one (``panels_of``)."""

    name_nl = models.CharField(
        _("name in Dutch"), max_length=80, blank=True, help_text=_("Leave empty to use the name.")
    )

    class Meta:
        abstract = True

    @property
    def localized_name(self) -> str:
        return in_active_language(self, "name")

    @classmethod
    def panels_of(cls, *fields: str) -> list[FieldPanel]:
        """The editor's panels for ``fields``, in that order, each field that has a Dutch
        twin (``<field>_nl``, from this base) followed by it."""
        twins = {field.name for field in cls._meta.local_fields}
        return [
            FieldPanel(name)
            for field in fields
            for name in (field, f"{field}_nl")
            if name == field or name in twins
        ]


class DescribedInDutch(NamedInDutch):
    """Base for what editors also describe once per language (boards, product categories):
    the Dutch description beside the English one each declares (``localized_description``)."""

    description_nl = models.TextField(_("description in Dutch"), max_length=500, blank=True)

    class Meta:
        abstract = True

    @property
    def localized_description(self) -> str:
        return in_active_language(self, "description")


def in_active_language(item, field: str) -> str:
    """``item``'s ``field`` in the active language: its ``<field>_nl`` for Dutch, when filled
    in; otherwise the field itself."""
    if language_now() == "nl":
        return getattr(item, f"{field}_nl", "") or getattr(item, field)
    return getattr(item, field)


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


class TagName(models.Model):
    """A tag's name in another language than the one it was made in (tags are shared by
    questions and topics): members reading the site in that language see it (``tag_name``)."""

    tag = models.ForeignKey(
        "taggit.Tag", verbose_name=_("tag"), on_delete=models.CASCADE, related_name="names"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("tag name")
        verbose_name_plural = _("tag names")
        constraints = [
            models.UniqueConstraint(fields=["tag", "language"], name="tag_name_once_per_language")
        ]

    def __str__(self) -> str:
        return self.name
