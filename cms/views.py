"""Views of the knowledge base that are not Wagtail pages: promoting an answer to an article."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff
from qa.models import Answer

from .promotion import article_promote_from_answer


@require_POST
@login_required
def answer_promote_view(request, pk):
    """Staff: make (or find) the draft article of an answer and open it in the Wagtail editor."""
    check_is_community_staff(request.user)
    answer = get_object_or_404(Answer.objects.select_related("question", "author"), pk=pk)
    try:
        article = article_promote_from_answer(answer=answer, staff=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(answer.get_absolute_url())
    return redirect(reverse("wagtailadmin_pages:edit", args=[article.pk]))
