"""Form posts on a question page: answer, comment, vote, accept, edit and delete, staff actions.

Each works as a plain form post (redirect back to the question) and, where it changes only a
part of the page, as an htmx request answered with that part.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff
from community.common import htmx
from community.common.htmx import partial_or_redirect
from community.common.views import carry_out, or_404, rate_limited_response
from community.moderation.enums import ContentStatus
from community.moderation.trust import HELD_MESSAGE, refusal_status, thank_for_post
from community.reputation.enums import Privilege
from community.reputation.privileges import privilege_refusal
from community.revisions.views import edit_saved, history_page

from .. import permissions, selectors, services
from ..forms import AnswerForm, CommentForm, DuplicateForm
from ..models import Answer, Comment, Question
from .questions import QuestionDetailView


def _question(pk) -> Question:
    return or_404(selectors.question_get, pk)


@require_POST
@login_required
def answer_create_view(request, pk):
    question = or_404(selectors.question_to_post_under, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer = services.answer_create(
                question=question, author=request.user, body=form.cleaned_data["body"]
            )
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            thank_for_post(request, answer, _("Thank you! Your answer is posted."))
            return redirect(answer.get_absolute_url())
    # Show the question again with the answer form, its errors and what was typed.
    question = _question(pk)
    view = QuestionDetailView()
    view.setup(request, pk=pk, slug=question.slug)
    view.question = question
    permissions.check_can_view_question(request.user, question)
    return view.render_to_response(
        view.get_context_data(answer_form=form), status=refusal_status(form)
    )


@require_POST
@login_required
def comment_create_view(request, pk):
    question = or_404(selectors.question_to_post_under, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A comment needs at least 2 and at most 600 characters."))
        return redirect(question.get_absolute_url())
    answer = None
    if form.cleaned_data.get("answer"):
        answer = get_object_or_404(Answer, pk=form.cleaned_data["answer"], question=question)
    try:
        comment = services.comment_create(
            question=question, answer=answer, author=request.user, body=form.cleaned_data["body"]
        )
    except ValidationError as error:
        # Refused by the trust rules (too fast, too many links): the typed text stays.
        form.add_error(None, error)
        return _comment_refused(request, question, form, answer=answer)
    if comment.status == ContentStatus.PENDING:
        messages.success(request, HELD_MESSAGE)
    return redirect(comment.get_absolute_url())


def _comment_refused(request, question: Question, form: CommentForm, *, answer: Answer | None):
    """Show the comment form again with its error and what was typed: htmx gets the form
    alone, a plain post the question page with that form open."""
    refused_for = answer.pk if answer else "q"
    status = refusal_status(form)
    question = _question(question.pk)  # as the page shows it
    if htmx.is_htmx(request):
        context = {
            "question": question,
            "answer": answer,
            "comment_form": form,
            "comment_refused_for": refused_for,
        }
        return render(request, "qa/includes/comment_form.html", context, status=status)
    permissions.check_can_view_question(request.user, question)
    view = QuestionDetailView()
    view.setup(request, pk=question.pk, slug=question.slug)
    view.question = question
    context = view.get_context_data(comment_form=form, comment_refused_for=refused_for)
    return view.render_to_response(context, status=status)


@require_POST
@htmx.login_required
def question_vote_view(request, pk):
    question = _question(pk)
    return _vote(request, "question", question, _vote_value(request, allowed=(0, 1)))


@require_POST
@htmx.login_required
def answer_vote_view(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    return _vote(request, "answer", answer, _vote_value(request, allowed=(-1, 0, 1)))


def _vote(request, kind: str, item: Question | Answer, value: int):
    """Cast the vote; htmx gets the vote buttons, a plain form post the page again. A member
    voting too fast gets 429 with Retry-After: the buttons (as they were) with the reason, or
    a page that says it."""
    context = {"kind": kind, "item": item, "can_vote": True}
    if kind == "answer":
        context["vote_down_refusal"] = privilege_refusal(request.user, Privilege.VOTE_DOWN)
    try:
        score = services.vote_cast(voter=request.user, item=item, value=value)
    except ValidationError as refusal:
        if not htmx.is_htmx(request):
            return rate_limited_response(request, refusal, template="429.html")
        context.update(score=item.score, my_vote=selectors.vote_of(request.user, item))
        return rate_limited_response(
            request, refusal, template="qa/includes/vote.html", context=context
        )
    context.update(score=score, my_vote=value)
    return partial_or_redirect(
        request,
        partial="qa/includes/vote.html",
        context=context,
        redirect_to=item.get_absolute_url(),
    )


def _vote_value(request, *, allowed) -> int:
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        raise PermissionDenied(_("That is not a vote.")) from None
    if value not in allowed:
        raise PermissionDenied(_("That is not a vote."))
    return value


# The marks an answer can carry: the service that puts it on or takes it off (it returns the
# question), the question's field that says which way it went, and how each way is confirmed.
_ANSWER_MARKS = {
    "accepted": (
        lambda answer, user: services.answer_accept(answer=answer, user=user),
        "accepted_answer_id",
        gettext_lazy("You accepted this answer."),
        gettext_lazy("The answer is no longer accepted."),
    ),
    "official": (
        lambda answer, staff: services.answer_mark_official(answer=answer, staff=staff),
        "official_answer_id",
        gettext_lazy("This is now the official answer."),
        gettext_lazy("The official mark is removed."),
    ),
}


@require_POST
@login_required
def answer_mark_view(request, pk, mark: str):
    """Put a mark (accepted, official) on an answer, or take it off when it has it."""
    toggle, field, marked, unmarked = _ANSWER_MARKS[mark]
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    question = toggle(answer, request.user)
    messages.success(request, marked if getattr(question, field) else unmarked)
    return redirect(answer.get_absolute_url())


@login_required
def answer_edit_view(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    permissions.check_can_edit(request.user, answer)
    form = AnswerForm(request.POST or None, initial={"body": answer.body})
    if request.method == "POST" and form.is_valid():
        edit = partial(
            services.answer_edit, answer=answer, editor=request.user, body=form.cleaned_data["body"]
        )
        if edit_saved(request, form, edit):
            return redirect(answer.get_absolute_url())
    return render(
        request,
        "qa/answer_edit.html",
        {"form": form, "answer": answer, "question": answer.question},
    )


def answer_history_view(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    if not permissions.can_see(request.user, answer):
        raise Http404
    permissions.check_can_view_question(request.user, answer.question)
    return history_page(request, "qa/history.html", answer, question=answer.question)


@require_POST
@login_required
def answer_delete_view(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    services.answer_delete(answer=answer, user=request.user)
    messages.success(
        request, _("Your answer is deleted. Staff can bring it back if it was a mistake.")
    )
    return redirect(answer.question.get_absolute_url())


@require_POST
@login_required
def comment_delete_view(request, pk):
    comment = get_object_or_404(Comment.objects.select_related("question"), pk=pk)
    services.comment_delete(comment=comment, user=request.user)
    messages.success(request, _("Your comment is deleted."))
    return redirect(comment.question.get_absolute_url())


# SECTION staff (hiding and restoring go through moderation's one endpoint)


@require_POST
@login_required
def question_lock_view(request, pk):
    question = _question(pk)
    locked = request.POST.get("locked") == "1"
    services.question_set_locked(question=question, staff=request.user, locked=locked)
    messages.success(
        request, _("The question is locked.") if locked else _("The question is open again.")
    )
    return redirect(question.get_absolute_url())


@require_POST
@login_required
def question_close_view(request, pk):
    question = _question(pk)
    check_is_community_staff(request.user)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        original = Question.objects.filter(pk=form.cleaned_data["original"]).first()
        if original is None:
            messages.error(request, _("There is no question with that number."))
        else:
            carry_out(
                request,
                partial(
                    services.question_close_as_duplicate,
                    question=question,
                    original=original,
                    staff=request.user,
                ),
                _("Closed as a duplicate."),
            )
    else:
        messages.error(request, _("Give the number of the original question."))
    return redirect(question.get_absolute_url())


@require_POST
@login_required
def question_reopen_view(request, pk):
    question = _question(pk)
    services.question_reopen(question=question, staff=request.user)
    messages.success(request, _("The question is open again."))
    return redirect(question.get_absolute_url())
