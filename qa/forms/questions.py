from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.forms import product_choice_field
from community.common.buying_phase import Phase
from community.common.forms import (
    MAX_TAGS,
    OneLineTitleMixin,
    TagsForm,
    one_line_field,
    text_area_field,
)

__all__ = ["MAX_TAGS", "AnswerForm", "CommentForm", "DuplicateForm", "QuestionForm"]


def _tags_help_text() -> str:
    return gettext("Up to %(count)s; they help others find your question.") % {"count": MAX_TAGS}


# Worked out when shown, in the reader's language (a "%" at import time would fix it in English).
QUESTION_TAGS_HELP_TEXT = lazy(_tags_help_text, str)()


class QuestionForm(OneLineTitleMixin, TagsForm):
    field_order = ["title", "body", "phase", "product", "tags"]

    title = one_line_field(
        _("Your question"),
        min_length=10,
        max_length=200,
        help_text=_(
            "One sentence, as you would ask it in the shop: “Does the lid fit the 28 cm pan?”"
        ),
    )
    body = text_area_field(
        _("Details"),
        rows=8,
        required=False,
        max_length=10_000,
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
    product = product_choice_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].help_text = QUESTION_TAGS_HELP_TEXT


class AnswerForm(forms.Form):
    body = text_area_field(
        _("Your answer"),
        rows=8,
        min_length=10,
        max_length=20_000,
        help_text=_("Share what you know from experience. Markdown works."),
    )


class CommentForm(forms.Form):
    body = text_area_field(_("Comment"), rows=2, min_length=2, max_length=600)
    answer = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DuplicateForm(forms.Form):
    original = forms.IntegerField(
        label=_("Original question number"),
        min_value=1,
        help_text=_("The number in the original question's address: /questions/<number>/…"),
    )
