"""Form fields about the catalogue that the apps' posting forms share."""

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .models import ProductPage
from .translation import in_source_language, title_in_reader_language


class _InReaderLanguage(ModelChoiceIterator):
    """The choices named and sorted in the language of the form's reader: annotated when the
    form is shown (a form class is made once, in no language), in the one query of its list."""

    def __init__(self, field):
        super().__init__(field)
        self.queryset = self.queryset.annotate(reader_title=title_in_reader_language()).order_by(
            "reader_title", "pk"
        )


class ProductChoiceField(forms.ModelChoiceField):
    iterator = _InReaderLanguage

    def label_from_instance(self, obj):
        return getattr(obj, "reader_title", obj.title)


def product_choice_field() -> forms.ModelChoiceField:
    """The optional "which product is this about?" choice, among the live product pages (the
    originals: a post is about the product whatever language it is read in), each named in
    the reader's language."""
    return ProductChoiceField(
        label=_("Product"),
        required=False,
        queryset=in_source_language(ProductPage.objects.live()).order_by("title"),
        empty_label=_("Not about one product"),
    )
