from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from community.common.admin_menu import register_admin_view

from . import admin_views
from .catalogue import ProductCategory
from .knowledge_base import KnowledgeBaseCategory, KnowledgeBaseIndexPage
from .services import knowledge_base_workflow_assign


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


class KnowledgeBaseCategoryViewSet(SnippetViewSet):
    """Editors manage the categories each knowledge-base section filters by."""

    model = KnowledgeBaseCategory
    icon = "folder-open-inverse"
    menu_label = _("Knowledge-base categories")
    menu_order = 255
    add_to_admin_menu = True
    list_display = ["name", "layer", "slug", "sort_order"]
    list_filter = ["layer"]
    search_fields = ["name", "slug"]
    ordering = ["layer", "sort_order", "name"]


register_snippet(KnowledgeBaseCategoryViewSet)


register_admin_view(
    [path("kb/feedback/", admin_views.article_feedback_view, name="kb-article-feedback")],
    label=_("Article feedback"),
    icon="pick",
    order=257,
)


@hooks.register("after_create_page")
def review_knowledge_base_through_workflow(request, page):
    """A new knowledge base publishes its articles through the editors' review workflow."""
    if isinstance(page, KnowledgeBaseIndexPage):
        knowledge_base_workflow_assign(index=page)
