from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.forms import product_choice_field
from community.common.forms import (
    OneLineTitleMixin,
    TagsForm,
    edit_summary_field,
    one_line_field,
    text_area_field,
)
from community.photos.forms import photo_formset as shared_photo_formset

from .models import Board

MARKDOWN_HELP_TEXT = _("Markdown works: **bold**, lists, links, > quotes.")


class ReplyForm(forms.Form):
    body = text_area_field(
        _("Your reply"), rows=8, min_length=2, max_length=20_000, help_text=MARKDOWN_HELP_TEXT
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TopicForm(OneLineTitleMixin, TagsForm):
    field_order = ["title", "body", "product", "tags"]

    title = one_line_field(_("Title"), min_length=5, max_length=200)
    body = text_area_field(
        _("Your post"), rows=10, min_length=2, max_length=20_000, help_text=MARKDOWN_HELP_TEXT
    )
    product = product_choice_field()


class PostEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), min_length=5, max_length=200, required=False)
    body = text_area_field(_("Text"), rows=10, min_length=2, max_length=20_000)
    summary = edit_summary_field()

    def __init__(self, *args, with_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


def photo_formset(data=None, files=None, *, owner=None):
    """The photo slots of a post form: as many as a post may carry (``owner``: who sends
    them, whose kept photos they may carry)."""
    return shared_photo_formset(
        data,
        files,
        limit=settings.FORUM_MAX_PHOTOS,
        too_many=_("A post can carry at most %(num)d photos."),
        owner=owner,
    )


class MoveForm(forms.Form):
    board = forms.ModelChoiceField(label=_("Move to board"), queryset=Board.objects.all())


class SplitForm(forms.Form):
    posts = forms.TypedMultipleChoiceField(
        label=_("Replies to split off"), coerce=int, choices=(), required=True
    )
    title = forms.CharField(label=_("Title of the new topic"), min_length=5, max_length=200)

    def __init__(self, *args, post_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].choices = [(pk, pk) for pk in post_ids]


class MergeForm(forms.Form):
    into = forms.IntegerField(
        label=_("Merge into topic number"),
        min_value=1,
        help_text=_("The number in the other topic's address: /forum/topics/<number>/…"),
    )
