from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from cms.models import ProductPage

from ..enums import Phase

MAX_TAGS = 5


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question"),
        min_length=10,
        max_length=200,
        help_text=_(
            "One sentence, as you would ask it in the shop: “Does the lid fit the 28 cm pan?”"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    body = forms.CharField(
        label=_("Details"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you tried, what you need it for. Markdown works: **bold**, lists, links."
        ),
    )
    phase = forms.ChoiceField(
        label=_("This is about"),
        choices=Phase.choices,
        widget=forms.RadioSelect,
        initial=Phase.BEFORE_PURCHASE,
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
        help_text=_("Up to %(count)s; they help others find your question.") % {"count": MAX_TAGS},
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


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        min_length=10,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Share what you know from experience. Markdown works."),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        min_length=2,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    answer = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label=_("Original question number"),
        min_value=1,
        help_text=_("The number in the original question's address: /questions/<number>/…"),
    )
