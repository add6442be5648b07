from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import AuditAction, ContentStatus


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
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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


class AuditLogEntry(models.Model):
    """One staff action: who did what to which item, when and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="audit_log_entries",
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
