from django import forms
from django.utils.translation import gettext_lazy as _

from community.common.forms import OneLineTitleMixin, one_line_field, text_area_field

from ..models import Answer, Question


class SuggestedEditForm(OneLineTitleMixin, forms.Form):
    """A proposed improvement to someone else's question (title and text) or answer (text),
    prefilled with the post as it is now."""

    title = one_line_field(_("Question"), min_length=10, max_length=200)
    body = text_area_field(
        _("Text"),
        rows=10,
        max_length=20_000,
        help_text=_("Markdown works: **bold**, lists, links."),
    )
    summary = one_line_field(
        _("What did you improve?"),
        min_length=5,
        max_length=200,
        help_text=_("For example: “fixed spelling”, “added the pan's size”."),
    )

    def __init__(self, *args, item: Question | Answer, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        if isinstance(item, Question):
            # A question may have no details, as when asking.
            self.fields["body"].required = False
        else:
            del self.fields["title"]
            self.fields["body"].min_length = 10

    def clean(self):
        cleaned = super().clean()
        unchanged_title = cleaned.get("title", self.item.title if "title" in self.fields else "")
        if (
            "body" in cleaned
            and cleaned["body"] == self.item.body
            and (not isinstance(self.item, Question) or unchanged_title == self.item.title)
        ):
            raise forms.ValidationError(
                _("Your suggestion changes nothing yet: improve the text before sending it."),
                code="unchanged",
            )
        return cleaned


class SuggestedEditRejectForm(forms.Form):
    reason = one_line_field(
        _("Why not?"),
        max_length=300,
        help_text=_("The member who suggested the edit sees this."),
    )
