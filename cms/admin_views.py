"""Editors' knowledge-base views in the Wagtail admin: how helpful readers found articles, and
the page views that say so when approving an article published it."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .article_feedback import ArticleFeedback
from .permissions import check_can_edit_articles
from .selectors import article_feedback_report

ROWS_PER_PAGE = 25


def article_feedback_view(request):
    """Every article's "was this helpful?" counts, the least helpful first, with comments."""
    check_can_edit_articles(request.user)
    page_obj = Paginator(article_feedback_report(), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    comments = (
        ArticleFeedback.objects.filter(article__in=list(page_obj.object_list), helpful=False)
        .exclude(comment="")
        .order_by("-created_at")
    )
    by_article: dict[int, list] = {}
    for feedback in comments:
        by_article.setdefault(feedback.article_id, []).append(feedback)
    for article in page_obj.object_list:
        article.no_comments = by_article.get(article.pk, [])[:5]
    return render(
        request,
        "cms/admin/article_feedback.html",
        {
            "page_obj": page_obj,
            "articles": page_obj.object_list,
            "header_title": _("Article feedback"),
        },
    )


# The knowledge base's review: after approving, the editor reads that the page is now public.


def _published_by_approval(task_state):
    """The page, if approving ``task_state`` (a knowledge-base approval) ended its review and
    put it live; else None (another kind of task, a step still to come, a later go-live)."""
    from wagtail.models import TaskState, WorkflowState

    from .review import KnowledgeBaseApprovalTask

    if task_state is None:
        return None
    task_state = TaskState.objects.select_related("workflow_state").get(pk=task_state.pk)
    if not isinstance(task_state.task.specific, KnowledgeBaseApprovalTask):
        return None
    workflow_state = task_state.workflow_state
    if (
        task_state.status != TaskState.STATUS_APPROVED
        or workflow_state.status != WorkflowState.STATUS_APPROVED
    ):
        return None
    page = workflow_state.content_object.specific_class.objects.get(pk=workflow_state.object_id)
    return page if page.live else None


def _say_published(request, page) -> None:
    messages.success(
        request,
        _("“%(title)s” is approved and published: everyone can read it on the site now.")
        % {"title": page.title},
        buttons=[messages.button(page.url, _("View the article"))],
    )


class KnowledgeBaseWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (the dashboard's and the modal's), saying when it published."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        if self.action_name == "approve" and (page := _published_by_approval(self.task_state)):
            _say_published(request, page)
        return response


class KnowledgeBaseEditView(EditView):
    """Wagtail's page editor, saying "published" rather than "updated" after an approval."""

    approved_task_state = None

    def perform_workflow_action(self):
        if self.workflow_action == "approve":
            self.approved_task_state = self.page.current_workflow_task_state
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        if page := _published_by_approval(self.approved_task_state):
            _say_published(self.request, page)
        else:
            super().add_save_confirmation_message()


class KnowledgeBasePageViewSet(PageViewSet):
    """The admin views of a knowledge-base page type: Wagtail's, with the two above."""

    edit_view_class = KnowledgeBaseEditView
    workflow_action_view_class = KnowledgeBaseWorkflowActionView
