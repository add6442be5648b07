from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.common.models import optional_link


class Revision(models.Model):
    """One version of a post as it was saved: the first one is the original."""

    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    editor = optional_link(settings.AUTH_USER_MODEL, _("edited by"), blank=False)
    title = models.CharField(_("title"), max_length=300, blank=True)
    body = models.TextField(_("text"), blank=True)
    summary = models.CharField(_("edit summary"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        ordering = ["target_type", "target_id", "created_at", "pk"]
        indexes = [
            models.Index(
                fields=["target_type", "target_id", "created_at"], name="revision_target_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target_type.model} #{self.target_id} at {self.created_at:%Y-%m-%d %H:%M}"
