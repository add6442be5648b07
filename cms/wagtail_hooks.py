from django.contrib import messages
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import page_permission_policy
from wagtail.signals import copy_for_translation_done

from community.common.admin_menu import register_admin_view, register_snippet_menu

from . import admin_views
from .catalogue import ProductCategory
from .knowledge_base import (
    ArticlePage,
    ArticleProvenance,
    FAQPage,
    KnowledgeBaseCategory,
    KnowledgeBaseIndexPage,
    KnowledgeBaseSectionPage,
)
from .selectors import knowledge_base_drafts
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


def review_translated_knowledge_base_through_workflow(sender, source_obj, target_obj, **kwargs):
    """A knowledge base translated into another language (a copy of the index in that
    language's tree) is reviewed the same way: the workflow goes with the index's copy."""
    if isinstance(target_obj, KnowledgeBaseIndexPage):
        knowledge_base_workflow_assign(index=target_obj)


copy_for_translation_done.connect(
    review_translated_knowledge_base_through_workflow,
    dispatch_uid="cms_review_translated_knowledge_base",
)


@hooks.register("register_admin_viewset")
def knowledge_base_page_views():
    """The knowledge base's page types: approving one says that it is now published."""
    return [
        admin_views.KnowledgeBasePageViewSet(f"kb_{model._meta.model_name}", model=model)
        for model in (KnowledgeBaseIndexPage, KnowledgeBaseSectionPage, ArticlePage, FAQPage)
    ]


class KnowledgeBaseDraftsPanel(Component):
    """The editor's dashboard: the articles waiting for her to polish and submit."""

    name = "knowledge_base_drafts"
    template_name = "cms/admin/dashboard_drafts.html"
    order = 90  # above Wagtail's own "Awaiting your review" (100)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["drafts"] = knowledge_base_drafts()
        return context


@hooks.register("construct_homepage_panels")
def show_knowledge_base_drafts(request, panels):
    if page_permission_policy.user_has_any_permission(request.user, ["add", "change"]):
        panels.append(KnowledgeBaseDraftsPanel())


@hooks.register("before_edit_page")
def hint_rewording_a_promoted_answer(request, page):
    """A promoted answer is a customer's words: remind the editor to make them the shop's."""
    if request.method != "GET" or not isinstance(page, ArticlePage) or page.live:
        return
    if ArticleProvenance.objects.filter(article=page).exists():
        messages.info(
            request,
            gettext(
                "This draft is a customer's answer. Before you submit it for review, reword "
                "it in the shop's voice: “we” for the shop instead of “I”, no personal "
                "stories, and check that every fact still holds."
            ),
        )
