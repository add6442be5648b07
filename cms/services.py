"""Writes to cms content: the product part of the page tree (imports and the demo share it),
the knowledge base's review workflow, and readers' article feedback."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Site

from community.common.models import save_checked
from community.common.transactions import save_once

from .article_feedback import ArticleFeedback
from .catalogue import ProductCategory, ProductIndexPage
from .home import HomePage


def default_home_page() -> HomePage | None:
    """The default site's root page (where section indexes go), else the first home page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else HomePage.objects.order_by("path").first()


@transaction.atomic
def product_index_get_or_create() -> ProductIndexPage:
    """The product index that products are created under; made under the home page if missing.

    An unpublished index is used as it is: an editor chose to hide the products.
    """
    existing = ProductIndexPage.objects.order_by("path").first()
    if existing is not None:
        return existing
    home = default_home_page()
    if home is None:
        raise RuntimeError("There is no home page to put the product index under.")
    product_index = ProductIndexPage(
        title=_("Products"),
        slug="products",
        intro="<p>"
        + _(
            "Everything we sell, with specifications, manuals, and answers from the shop and "
            "from other customers."
        )
        + "</p>",
    )
    home.add_child(instance=product_index)
    product_index.save_revision().publish()
    return product_index


def product_category_get_or_create(*, name: str) -> ProductCategory:
    """The category called `name` (matched by its slug), created at the end of the list if new."""
    slug = slugify(name, allow_unicode=True)
    category = ProductCategory.objects.filter(Q(slug=slug) | Q(name__iexact=name)).first()
    if category is not None:
        return category
    last = ProductCategory.objects.order_by("-sort_order").values_list("sort_order", flat=True)
    category = ProductCategory(name=name, slug=slug, sort_order=(last.first() or 0) + 10)
    save_checked(category)
    return category


# The knowledge base.

KB_WORKFLOW_NAME = "Knowledge base review"
# Editors curate the knowledge base: they approve (and so publish) what is submitted for review.
KB_REVIEW_GROUP = "Editors"


def knowledge_base_workflow_get_or_create():
    """The "Knowledge base review" workflow: an editor approves every article before it goes
    live, and confirms that it may (`review.KnowledgeBaseApprovalTask`)."""
    from django.contrib.auth.models import Group
    from wagtail.models import Workflow, WorkflowTask

    from .review import KnowledgeBaseApprovalTask

    workflow = Workflow.objects.filter(name=KB_WORKFLOW_NAME).first()
    if workflow is not None:
        return workflow
    workflow = Workflow.objects.create(name=KB_WORKFLOW_NAME, active=True)
    task = KnowledgeBaseApprovalTask.objects.create(name=_("Editorial approval"))
    group, _created = Group.objects.get_or_create(name=KB_REVIEW_GROUP)
    task.groups.set([group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def knowledge_base_workflow_assign(*, index) -> None:
    """Articles, sections and FAQ pages under ``index`` are published through the review, which
    the editors approve: approving publishes, so they may publish there (and nowhere else)."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, WorkflowPage

    workflow = knowledge_base_workflow_get_or_create()
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    editors, _created = Group.objects.get_or_create(name=KB_REVIEW_GROUP)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.get_or_create(group=editors, page=index, permission=publish)


def article_feedback_record(
    *, article, user, session_key: str | None, helpful: bool, comment: str = ""
):
    """Record a visitor's "was this helpful?" answer, once per member or session.

    A second vote changes nothing, except that a "no" voter may add their comment afterwards.
    """
    comment = " ".join(comment.split())[:300]
    visitor = {"user": user} if user.is_authenticated else {"session_key": session_key}
    if not user.is_authenticated and not session_key:
        raise ValueError("An anonymous vote needs a session.")
    existing = ArticleFeedback.objects.filter(article=article, **visitor).first()
    if existing is not None:
        if comment and not existing.helpful and not existing.comment:
            existing.comment = comment
            existing.save(update_fields=["comment"])
        return existing
    feedback = ArticleFeedback(
        article=article, helpful=helpful, comment="" if helpful else comment, **visitor
    )
    if not save_once(feedback):  # a double click: the first vote counts
        return ArticleFeedback.objects.get(article=article, **visitor)
    return feedback
