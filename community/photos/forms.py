"""The photo fields of any form that takes photos (forum posts, reviews): one slot per photo,
each with its description, checked on count before anything is stored.

A slot holds either a newly chosen file or a photo kept from the last time the form was sent
back (``keep``): the browser cannot keep chosen files, so the site does, and the re-shown
slot carries the kept photo's token instead of a file input."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from community.common.storage import StorageUnavailable
from community.common.uploads import ImageUpload
from community.photos.services import KeptUpload, kept_photos_valid, photo_keep

ACCEPT_IMAGES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoForm(forms.Form):
    """One photo slot: the file (or a kept photo) and what it shows. Both or neither."""

    image = forms.FileField(
        label=_("Photo"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_IMAGES}),
    )
    alt_text = forms.CharField(
        label=_("What does it show?"),
        required=False,
        max_length=250,
        help_text=_("A few words for people who cannot see the photo."),
    )
    kept = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    discard = forms.BooleanField(label=_("Remove"), required=False)

    def __init__(self, *args, kept_photos=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Token → the sender's kept photos that may still be attached (shared by the slots).
        self._kept_photos = kept_photos if kept_photos is not None else {}
        self.kept_photo = None
        token = self.data.get(self.add_prefix("kept")) if self.is_bound else None
        if token:
            self.kept_photo = self._kept_photos.get(token)

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("image")
        kept = None
        if cleaned.get("kept") and not image and not cleaned.get("discard"):
            kept = self.kept_photo
            if kept is None:
                self.add_error(
                    "image",
                    _("A photo you chose earlier is no longer available. Please choose it again."),
                )
        if (image or kept) and not cleaned.get("alt_text", "").strip():
            self.add_error(
                "alt_text",
                _("Please describe the photo in a few words, for people who cannot see it."),
            )
        return cleaned

    def upload(self) -> ImageUpload | KeptUpload | None:
        """What this slot holds once it is valid: a new file, a kept photo, or nothing."""
        cleaned = self.cleaned_data
        if cleaned.get("image"):
            return ImageUpload(cleaned["image"], cleaned["alt_text"])
        if cleaned.get("kept") and not cleaned.get("discard") and self.kept_photo:
            return KeptUpload(self.kept_photo, cleaned["alt_text"])
        return None

    @property
    def shows_kept(self) -> bool:
        """Whether the slot shows a kept photo (with "Remove") rather than a file input."""
        return self.kept_photo is not None

    @property
    def is_spare(self) -> bool:
        """An untouched slot: the page may fold it away behind "Add another photo"."""
        if not self.is_bound:
            return True
        if self.kept_photo is not None:
            return False
        return not (self.errors or (self.data.get(self.add_prefix("alt_text")) or "").strip())


class BasePhotoFormSet(forms.BaseFormSet):
    def uploads(self) -> list[ImageUpload | KeptUpload]:
        """The filled slots, in order, as the attach service takes them."""
        return [upload for form in self.forms if (upload := form.upload()) is not None]

    # How many chosen files could not be kept (not a picture, too big, storage trouble):
    # those the member has to choose again.
    files_lost = 0

    def keep(self, owner) -> None:
        """Keep the pictures chosen in this (refused) form for the re-shown one: each valid
        picture is checked and stored as a kept photo, and its slot carries the kept photo's
        token from now on. A picture that is refused shows why on its slot.

        Call it when the form is sent back, outside any transaction: it decodes the pictures
        (at most one per slot, as posting them would)."""
        self.is_valid()  # every slot cleaned, so its errors are known
        data = self.data.copy()
        lost = 0
        for form in self.forms:
            upload = self.files.get(form.add_prefix("image"))
            if not upload or form.has_error("image"):
                lost += bool(upload)
                continue
            try:
                kept = photo_keep(owner=owner, upload=upload)
            except ValidationError as error:
                form.add_error("image", error)
                lost += 1
                continue
            except StorageUnavailable:
                lost += 1
                continue
            data[form.add_prefix("kept")] = kept.token
            data.pop(form.add_prefix("discard"), None)
            form.kept_photo = kept
        self.data = data
        for form in self.forms:
            form.data = data
        self.files_lost = lost

    def let_go(self) -> None:
        """Keep none of the pictures chosen in this (refused) form: it was refused whatever
        it carries (the member may not post here, or posts too fast), so they are not even
        decoded; the re-shown form asks for them again."""
        self.files_lost = sum(bool(self.files.get(form.add_prefix("image"))) for form in self.forms)


def _posted_tokens(data, prefix: str, limit: int) -> list[str]:
    if not data:
        return []
    return [data.get(f"{prefix}-{index}-kept") or "" for index in range(limit)]


def photo_formset(data=None, files=None, *, limit: int, too_many: str, owner=None):
    """``limit`` photo slots, validated on that count; ``too_many`` is the refusal, with
    %(num)d for the limit. ``owner``: the member sending them, whose kept photos the slots
    may carry (nobody else's)."""
    formset_class = forms.formset_factory(
        PhotoForm,
        formset=BasePhotoFormSet,
        extra=limit,
        max_num=limit,
        absolute_max=limit,
        validate_max=True,
    )
    formset_class.default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_many_forms": too_many,
    }
    kept_photos = {}
    if owner is not None:
        kept_photos = kept_photos_valid(owner=owner, tokens=_posted_tokens(data, "photos", limit))
    return formset_class(data, files, prefix="photos", form_kwargs={"kept_photos": kept_photos})
