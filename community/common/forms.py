"""Form parts that the posting forms of several apps share: a one-line title, the tag
choice with its limit, the optional edit summary shown in a post's history, and the text
and one-line field declarations; and the admin's form for a tag's name in another language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.forms import WagtailAdminModelForm

MAX_TAGS = 5


class OneLineTitleMixin:
    """Folds any run of white space in the ``title`` field into one space, so a title pasted
    with line breaks or double spaces is stored as it is shown."""

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())


class TagsForm(forms.Form):
    """A choice of at most ``MAX_TAGS`` existing tags; cleaned to their names, as
    ``post.tags.set()`` takes them. Subclasses set ``field_order`` to place the field."""

    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        required=False,
        queryset=Tag.objects.order_by("name"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_tags(self):
        tags = self.cleaned_data["tags"]
        if len(tags) > MAX_TAGS:
            raise forms.ValidationError(
                _("Choose at most %(count)s tags.") % {"count": MAX_TAGS}, code="too_many_tags"
            )
        return [tag.name for tag in tags]


def edit_summary_field() -> forms.CharField:
    """The optional "what did you change?" line of an edit form."""
    return forms.CharField(
        label=_("What did you change?"),
        required=False,
        max_length=200,
        help_text=_("Optional; shown in the edit history."),
    )


def text_area_field(
    label,
    *,
    rows: int,
    max_length: int,
    min_length: int | None = None,
    required: bool = True,
    help_text="",
) -> forms.CharField:
    """A free-text field of a posting form (a body, a reply, a comment): a text area of
    ``rows`` lines holding at most ``max_length`` characters."""
    return forms.CharField(
        label=label,
        required=required,
        min_length=min_length,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def one_line_field(
    label, *, max_length: int, min_length: int | None = None, help_text=""
) -> forms.CharField:
    """A one-line text field of a posting form (a title, a reason), with the browser's
    autocomplete off: what a member typed into another form is no help here."""
    return forms.CharField(
        label=label,
        min_length=min_length,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class TagNameForm(WagtailAdminModelForm):
    """A tag's name in another language: tags are made in the site's default language, so
    that language is not offered (its name is the tag's own)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ]
