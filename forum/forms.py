from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.forms import product_choice_field
from community.common.forms import OneLineTitleMixin, TagsForm, edit_summary_field
from community.photos.forms import photo_formset as shared_photo_formset

from .models import Board


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        min_length=2,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown works: **bold**, lists, links, > quotes."),
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TopicForm(OneLineTitleMixin, TagsForm):
    field_order = ["title", "body", "product", "tags"]

    title = forms.CharField(
        label=_("Title"),
        min_length=5,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Your post"),
        min_length=2,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown works: **bold**, lists, links, > quotes."),
    )
    product = product_choice_field()


class PostEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), min_length=5, max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), min_length=2, max_length=20_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    summary = edit_summary_field()

    def __init__(self, *args, with_title: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_title:
            self.fields["title"].required = True
        else:
            del self.fields["title"]


def photo_formset(data=None, files=None):
    """The photo slots of a post form: as many as a post may carry."""
    return shared_photo_formset(
        data,
        files,
        limit=settings.FORUM_MAX_PHOTOS,
        too_many=_("A post can carry at most %(num)d photos."),
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
