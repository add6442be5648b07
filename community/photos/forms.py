"""The photo fields of any form that takes photos (forum posts, reviews): one slot per photo,
each with its description, checked on count before anything is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.common.uploads import ImageUpload

ACCEPT_IMAGES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"


class PhotoForm(forms.Form):
    """One photo slot: the file and what it shows. Both or neither."""

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

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not cleaned.get("alt_text", "").strip():
            self.add_error(
                "alt_text",
                _("Please describe the photo in a few words, for people who cannot see it."),
            )
        return cleaned


class BasePhotoFormSet(forms.BaseFormSet):
    def uploads(self) -> list[ImageUpload]:
        """The filled slots, in order, as the attach service takes them."""
        return [
            ImageUpload(form.cleaned_data["image"], form.cleaned_data["alt_text"])
            for form in self.forms
            if form.cleaned_data.get("image")
        ]


def photo_formset(data=None, files=None, *, limit: int, too_many: str):
    """``limit`` photo slots, validated on that count; ``too_many`` is the refusal, with
    %(num)d for the limit."""
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
    return formset_class(data, files, prefix="photos")
