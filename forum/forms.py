from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms.models import ProductPage
from community.photos.forms import photo_formset as shared_photo_formset

from .models import Board

MAX_TAGS = 5


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        min_length=2,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown works: **bold**, lists, links, > quotes."),
    )
    quoted = forms.IntegerField(required=False, widget=forms.HiddenInput)


class TopicForm(forms.Form):
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
    product = forms.ModelChoiceField(
        label=_("Product"),
        required=False,
        queryset=ProductPage.objects.live().order_by("title"),
        empty_label=_("Not about one product"),
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        required=False,
        queryset=Tag.objects.order_by("name"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Choose at most %(count)s tags.") % {"count": MAX_TAGS}, code="too_many_tags"
            )
        return [tag.name for tag in tags]


class PostEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), min_length=5, max_length=200, required=False)
    body = forms.CharField(
        label=_("Text"), min_length=2, max_length=20_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    summary = forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=200,
        help_text=_("Optional; shown in the edit history."),
    )

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
