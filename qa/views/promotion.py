"""Promote to article: the staff action on an answer, and editors' list of candidate answers
in the Wagtail admin."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.permissions import check_can_edit_articles
from community.accounts.permissions import check_is_community_staff, is_community_staff
from community.common.views import show_refusal

from ..models import Answer
from ..promotion import article_promote_from_answer, candidate_answers

CANDIDATES_PER_PAGE = 25


@require_POST
@login_required
def answer_promote_view(request, pk):
    """Staff: make (or find) the draft article of an answer and open it in the Wagtail editor."""
    check_is_community_staff(request.user)
    answer = get_object_or_404(Answer.objects.select_related("question", "author"), pk=pk)
    try:
        article = article_promote_from_answer(answer=answer, staff=request.user)
    except ValidationError as error:
        show_refusal(request, error)
        return redirect(answer.get_absolute_url())
    # Shown at the top of the editor the staff member lands in.
    messages.success(
        request,
        _(
            "A draft article was made of this answer; nothing is public yet. Reword it in the "
            "shop's voice, then choose “Submit for review”: an editor approves it and it goes "
            "live, and the question then links to it."
        ),
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))


def candidate_answers_view(request):
    """Answers worth an article (official, accepted, well voted) that nobody promoted yet."""
    check_can_edit_articles(request.user)
    page_obj = Paginator(candidate_answers(), CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "qa/admin/candidate_answers.html",
        {
            "page_obj": page_obj,
            "answers": page_obj.object_list,
            "can_promote": is_community_staff(request.user),
            "header_title": _("Candidate answers"),
        },
    )
