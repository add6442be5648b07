import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.common.models import member_link


class Photo(models.Model):
    """One uploaded picture, cleaned of metadata, with its thumbnail and its description.

    It belongs to whatever it was posted with (a forum post or a review) through a generic
    link, and is made in the same transaction as that item.
    """

    owner = member_link(_("uploaded by"), related_name="photos", on_delete=models.PROTECT)
    image = models.ImageField(_("image"), upload_to="photos/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="photos/thumbnails/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    alt_text = models.CharField(
        _("description"),
        max_length=250,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        ordering = ["target_type", "target_id", "sort_order", "pk"]
        indexes = [
            models.Index(fields=["target_type", "target_id", "sort_order"], name="photo_target_idx")
        ]

    def __str__(self) -> str:
        return self.alt_text


def kept_photo_token() -> str:
    return secrets.token_urlsafe(24)


class KeptPhoto(models.Model):
    """A photo someone chose on a form that was sent back (an empty text, a missing
    description): checked and stored already, so that they need not choose it again.

    The re-shown form carries its ``token``; only its owner can attach it, and only while it
    is fresh (``PHOTO_KEEP_HOURS``). Attaching it turns it into a ``Photo`` (the files move
    with it); what nobody attached is purged with its files by ``purge_expired_data``.
    """

    token = models.CharField(max_length=64, unique=True, default=kept_photo_token, editable=False)
    owner = member_link(_("chosen by"), related_name="kept_photos", on_delete=models.CASCADE)
    image = models.ImageField(_("image"), upload_to="photos-kept/%Y/%m/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="photos-kept/thumbnails/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # The name of the file they chose, shown back to them only ("photo.jpg kept").
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("kept since"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("kept photo")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.file_name
