"""Form fields about the catalogue that the apps' posting forms share."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ProductPage
from .translation import in_source_language


def product_choice_field() -> forms.ModelChoiceField:
    """The optional "which product is this about?" choice, among the live product pages (the
    originals: a post is about the product whatever language it is read in)."""
    return forms.ModelChoiceField(
        label=_("Product"),
        required=False,
        queryset=in_source_language(ProductPage.objects.live()).order_by("title"),
        empty_label=_("Not about one product"),
    )
