from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from community.common.models import NewestFirst, member_link, optional_link

from .enums import AuditAction, ContentStatus, FlagReason, FlagResolution, StaffLabelKind


class ModeratedContent(models.Model):
    """Base for every kind of post: a status instead of deletion, so nothing is lost."""

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ContentStatus.choices,
        default=ContentStatus.PUBLISHED,
        db_index=True,
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = optional_link(settings.AUTH_USER_MODEL, _("status changed by"))
    status_reason = models.CharField(
        _("reason"),
        max_length=300,
        blank=True,
        help_text=_("Why it was hidden; the author sees this."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == ContentStatus.PUBLISHED


def published_bodies(posts) -> str:
    """The text of the published ones of ``posts`` (moderated content with a ``body``), one
    after the other: what a thread's search entry holds of its replies."""
    return "\n".join(posts.filter(status=ContentStatus.PUBLISHED).values_list("body", flat=True))


class Thread:
    """Mixin for moderated content that opens a thread under a title (a question, a forum
    topic): shown by its title, found at the URL named ``detail_url_name`` with its pk and
    slug. Listed before the model bases, so its ``__str__`` replaces Model's."""

    detail_url_name: str

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(self.detail_url_name, kwargs={"pk": self.pk, "slug": self.slug})


def thread_search_fields(*searched: str, filtered: tuple[str, ...] = ()) -> list:
    """A thread's site-search fields: the title counts most and completes as typed, the
    ``searched`` texts after it; results are filtered by status and product, and ``filtered``."""
    return [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        *(index.SearchField(name) for name in searched),
        index.FilterField("status"),
        index.FilterField("product"),
        *(index.FilterField(name) for name in filtered),
    ]


class AuditLogEntry(models.Model):
    """One staff action: who did what to which item, when and why."""

    actor = optional_link(
        settings.AUTH_USER_MODEL, _("staff member"), related_name="audit_log_entries", blank=False
    )
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    target_repr = models.CharField(_("item"), max_length=200)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_action_display()} {self.target_repr}"


class Flag(models.Model):
    """A member's report that a post or review breaks the rules; one per member per item.

    ``weight`` is fixed when the flag is raised (trusted members weigh more), so that later
    changes in the flagger's reputation do not move the auto-hide sum of an open case.
    """

    flagger = member_link(_("reported by"), related_name="flags")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = optional_link(settings.AUTH_USER_MODEL, _("handled by"))
    resolution = models.CharField(
        _("outcome"), max_length=12, choices=FlagResolution.choices, blank=True
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["flagger", "target_type", "target_id"], name="moderation_one_flag_per_item"
            )
        ]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="flag_target_idx"),
            models.Index(fields=["resolved_at", "created_at"], name="flag_open_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.target_type_id}:{self.target_id})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.reason == FlagReason.OTHER and not self.note.strip():
            raise ValidationError({"note": _("Please say in a few words what is wrong.")})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class MemberWarning(NewestFirst):
    """A formal warning from staff; the member sees it on every page until they acknowledge it."""

    user = member_link(_("member"), related_name="moderation_warnings")
    issued_by = optional_link(settings.AUTH_USER_MODEL, _("staff member"), blank=False)
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField(_("warned"), auto_now_add=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    class Meta(NewestFirst.Meta):
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")
        indexes = [models.Index(fields=["user", "acknowledged_at"], name="warning_open_idx")]

    def __str__(self) -> str:
        return f"{self.user} — {self.reason}"


class StaffLabel(models.Model):
    """A staff-only note on a post: a customer wishes the shop sold something, or reports a
    problem with a product. Only kinds registered with ``labels=True`` take them; members
    never see them. One row per item and label."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    kind = models.CharField(_("label"), max_length=12, choices=StaffLabelKind.choices)
    labelled_by = optional_link(settings.AUTH_USER_MODEL, _("labelled by"))
    created_at = models.DateTimeField(_("labelled"), auto_now_add=True)

    class Meta:
        verbose_name = _("staff label")
        verbose_name_plural = _("staff labels")
        constraints = [
            models.UniqueConstraint(
                fields=["target_type", "target_id", "kind"], name="moderation_label_once"
            )
        ]
        indexes = [models.Index(fields=["target_type", "target_id"], name="label_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.target_type_id}:{self.target_id})"
