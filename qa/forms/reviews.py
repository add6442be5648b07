from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from community.common.forms import (
    OneLineTitleMixin,
    edit_summary_field,
    one_line_field,
    text_area_field,
)
from community.photos.forms import photo_formset

from ..enums import StarRating

ONE_PER_LINE_HELP_TEXT = _("Optional; one per line.")


class ReviewForm(OneLineTitleMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=StarRating.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose from 1 to 5 stars.")},
    )
    title = one_line_field(
        _("Title"),
        min_length=3,
        max_length=120,
        help_text=_("Your verdict in a few words: “Heats evenly, heavy to lift”."),
    )
    body = text_area_field(
        _("Your review"),
        rows=8,
        min_length=20,
        max_length=10_000,
        help_text=_(
            "How you use it, what you like, what disappointed you. "
            "Markdown works: **bold**, lists, links."
        ),
    )
    pros = text_area_field(
        _("Pros"), rows=3, required=False, max_length=1000, help_text=ONE_PER_LINE_HELP_TEXT
    )
    cons = text_area_field(
        _("Cons"), rows=3, required=False, max_length=1000, help_text=ONE_PER_LINE_HELP_TEXT
    )


class ReviewEditForm(ReviewForm):
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove photos"), required=False, coerce=int, choices=()
    )
    summary = edit_summary_field()

    def __init__(self, *args, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_photos"].choices = [(photo.pk, photo.alt_text) for photo in photos]
        if not photos:
            del self.fields["remove_photos"]


def review_photo_formset(data=None, files=None, *, slots: int | None = None, owner=None):
    """The photo slots of a review form, with the review limit.

    ``slots``: how many more photos the review may take (fewer when it has some already);
    ``owner``: who sends them, whose kept photos they may carry.
    """
    limit = settings.REVIEW_MAX_PHOTOS if slots is None else max(slots, 0)
    return photo_formset(
        data,
        files,
        limit=limit,
        too_many=_("A review can carry at most %(num)d photos."),
        owner=owner,
    )


class ReviewReplyForm(forms.Form):
    body = text_area_field(
        _("Reply from the shop"),
        rows=6,
        min_length=2,
        max_length=5000,
        help_text=_("Shown publicly under the review. Markdown works."),
    )
