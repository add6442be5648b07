from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProductCategory


class ProductCategoryViewSet(SnippetViewSet):
    """Editors manage the categories the product list filters by."""

    model = ProductCategory
    icon = "tag"
    menu_label = _("Product categories")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name", "slug"]
    ordering = ["sort_order", "name"]


register_snippet(ProductCategoryViewSet)
