"""Suggested edits: the form to suggest one, and the page where it is reviewed and decided.

Plain form posts (no htmx needed): each action redirects to the suggestion's page.
"""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.common.htmx import login_required
from community.common.views import REFUSED, carry_out

from .. import permissions, selectors, services
from ..forms import SuggestedEditForm, SuggestedEditRejectForm
from ..models import Answer, Question, SuggestedEdit


@login_required
def question_suggest_edit_view(request, pk):
    question = get_object_or_404(Question, pk=pk)
    return _suggest(request, item=question, question=question)


@login_required
def answer_suggest_edit_view(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    return _suggest(request, item=answer, question=answer.question)


def _suggest(request, *, item: Question | Answer, question: Question):
    permissions.check_can_view_question(request.user, question)
    permissions.check_can_suggest_edit(request.user, item)
    waiting = selectors.suggested_edit_pending_for(item)
    initial = {"body": item.body}
    if isinstance(item, Question):
        initial["title"] = item.title
    form = SuggestedEditForm(request.POST or None, item=item, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            suggestion = services.suggested_edit_create(
                item=item,
                suggester=request.user,
                title=form.cleaned_data.get("title", ""),
                body=form.cleaned_data["body"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Thank you: your suggested edit waits for the author's decision.")
            )
            return redirect(suggestion)
    return render(
        request,
        "qa/edits/suggest.html",
        {
            "form": form,
            "item": item,
            "question": question,
            "is_question": isinstance(item, Question),
            "waiting": waiting,
        },
    )


PAGE_SIZE = 20


@login_required
def suggested_edit_list_view(request):
    """The member's own suggested edits and what became of them."""
    page = Paginator(selectors.suggested_edits_by(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "qa/edits/list.html", {"page_obj": page})


def _suggestion(request, pk) -> SuggestedEdit:
    try:
        suggestion = selectors.suggested_edit_get(pk)
    except SuggestedEdit.DoesNotExist:
        raise Http404 from None
    permissions.check_can_view_suggested_edit(request.user, suggestion)
    return suggestion


@login_required
def suggested_edit_detail_view(request, pk, reject_form=None):
    suggestion = _suggestion(request, pk)
    can_decide = suggestion.is_pending and permissions.can_decide_suggested_edit(
        request.user, suggestion
    )
    return render(
        request,
        "qa/edits/detail.html",
        {
            "suggestion": suggestion,
            "question": suggestion.question,
            "item": suggestion.target,
            "changes": selectors.suggested_edit_changes(suggestion),
            "is_stale": suggestion.is_pending and selectors.suggested_edit_is_stale(suggestion),
            "can_decide": can_decide,
            "reject_form": reject_form or SuggestedEditRejectForm(),
        },
    )


@require_POST
@login_required
def suggested_edit_accept_view(request, pk):
    suggestion = _suggestion(request, pk)
    applied = carry_out(
        request,
        partial(services.suggested_edit_accept, suggestion=suggestion, user=request.user),
        _("The suggested edit is applied."),
    )
    if applied is REFUSED:
        return redirect(suggestion)
    return redirect(suggestion.target.get_absolute_url())


@require_POST
@login_required
def suggested_edit_reject_view(request, pk):
    suggestion = _suggestion(request, pk)
    form = SuggestedEditRejectForm(request.POST)
    if not form.is_valid():
        # Refuse before showing the form again, so that others get their 403.
        permissions.check_can_decide_suggested_edit(request.user, suggestion)
        return suggested_edit_detail_view(request, pk, reject_form=form)
    try:
        services.suggested_edit_reject(
            suggestion=suggestion, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return suggested_edit_detail_view(request, pk, reject_form=form)
    messages.success(request, _("The suggested edit is rejected; the member sees your reason."))
    return redirect(suggestion)
