from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from community.common.admin_menu import register_admin_view, register_snippet_menu

from . import admin_views
from .catalogue import ProductCategory
from .knowledge_base import KnowledgeBaseCategory, KnowledgeBaseIndexPage
from .services import knowledge_base_workflow_assign

# Editors manage the categories the product list filters by.
register_snippet_menu(
    ProductCategory,
    label=_("Product categories"),
    icon="tag",
    order=250,
    list_display=["name", "slug", "sort_order"],
    search_fields=["name", "slug"],
    ordering=["sort_order", "name"],
)

# Editors manage the categories each knowledge-base section filters by.
register_snippet_menu(
    KnowledgeBaseCategory,
    label=_("Knowledge-base categories"),
    icon="folder-open-inverse",
    order=255,
    list_display=["name", "layer", "slug", "sort_order"],
    list_filter=["layer"],
    search_fields=["name", "slug"],
    ordering=["layer", "sort_order", "name"],
)


register_admin_view(
    "kb/feedback/",
    [path("", admin_views.article_feedback_view, name="kb-article-feedback")],
    label=_("Article feedback"),
    icon="pick",
    order=257,
)


@hooks.register("after_create_page")
def review_knowledge_base_through_workflow(request, page):
    """A new knowledge base publishes its articles through the editors' review workflow."""
    if isinstance(page, KnowledgeBaseIndexPage):
        knowledge_base_workflow_assign(index=page)
