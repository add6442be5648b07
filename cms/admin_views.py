"""Editors' knowledge-base report in the Wagtail admin: how helpful readers found articles."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

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
