"""Editors' knowledge-base reports in the Wagtail admin: candidate answers and article feedback."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from community.accounts.permissions import is_community_staff

from .selectors import article_feedback_report, candidate_answers

ROWS_PER_PAGE = 25


def _check_can_edit_articles(user) -> None:
    if not (user.has_perm("wagtailadmin.access_admin") or user.is_superuser):
        raise PermissionDenied


def candidate_answers_view(request):
    """Answers worth an article (official, accepted, well voted) that nobody promoted yet."""
    _check_can_edit_articles(request.user)
    page_obj = Paginator(candidate_answers(), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cms/admin/candidate_answers.html",
        {
            "page_obj": page_obj,
            "answers": page_obj.object_list,
            "can_promote": is_community_staff(request.user),
            "header_title": _("Candidate answers"),
        },
    )


def article_feedback_view(request):
    """Every article's "was this helpful?" counts, the least helpful first, with comments."""
    _check_can_edit_articles(request.user)
    page_obj = Paginator(article_feedback_report(), ROWS_PER_PAGE).get_page(request.GET.get("page"))
    from .knowledge_base import ArticleFeedback

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
