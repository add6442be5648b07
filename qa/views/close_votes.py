"""A privileged member's vote to close a question as a duplicate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.common.views import show_refusal
from community.moderation.enums import ContentStatus

from ..forms import DuplicateForm
from ..models import Question
from ..services.close_votes import close_vote_cast


@require_POST
@login_required
def close_vote_view(request, pk):
    """A privileged member votes to close a question as a duplicate (plain form post)."""
    question = get_object_or_404(Question, pk=pk, status=ContentStatus.PUBLISHED)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the original question."))
        return redirect(question.get_absolute_url())
    original = Question.objects.filter(pk=form.cleaned_data["original"]).first()
    if original is None:
        messages.error(request, _("There is no question with that number."))
        return redirect(question.get_absolute_url())
    try:
        outcome = close_vote_cast(question=question, voter=request.user, original=original)
    except ValidationError as error:
        show_refusal(request, error)
    else:
        if outcome.closed:
            messages.success(request, _("Your vote closed this question as a duplicate."))
        else:
            messages.success(
                request,
                _("Thank you: %(votes)s of %(needed)s votes to close this question.")
                % {"votes": outcome.votes, "needed": outcome.needed},
            )
    return redirect(question.get_absolute_url())
