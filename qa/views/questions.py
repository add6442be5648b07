from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from taggit.models import Tag

from cms.models import ProductPage
from cms.selectors import promoted_article_for_question
from cms.translation import title_in_reader_language
from community.accounts.member_summary import member_summary
from community.accounts.permissions import (
    allowed,
    check_can_participate,
    is_community_staff,
    refusal,
)
from community.common.buying_phase import Phase
from community.common.markup import plain_text
from community.common.member_pages import kept_or_made, read_generation_first
from community.common.models import language_now
from community.common.page_cache import (
    generation_for,
    kept_for_visitors,
    kept_read,
    shared_fragment_key,
)
from community.common.views import query_int
from community.moderation.trust import refusal_status, thank_for_post
from community.notifications.selectors import is_following
from community.reputation.enums import Privilege
from community.reputation.privileges import has_privilege, privilege_refusal
from community.revisions.selectors import revision_history
from community.revisions.views import edit_saved
from community.search.related import related_content
from community.search.services import deflection_cancel_for_session

from .. import permissions, selectors, services
from ..enums import AnsweredFilter, QuestionOrder
from ..forms import AnswerForm, CommentForm, QuestionForm
from ..models import Question
from ..structured_data import qa_page

PAGE_SIZE = 20


@kept_for_visitors
class QuestionListView(TemplateView):
    template_name = "qa/question_list.html"

    def get(self, request, *args, **kwargs):
        # Read before the rows: the page or its rows kept under it are at least this new.
        member_summary(request, with_page_generation=True)
        filters = self._filters()
        marks = None
        if request.user.is_authenticated:
            # A member's list differs from another's only in the follow buttons of the
            # product or tag it is filtered on.
            marks = [
                is_following(user=request.user, target=target)
                for target in (filters["selected_product"], filters["selected_tag"])
                if target is not None
            ]
        make = partial(super().get, request, *args, filters=filters, **kwargs)
        return kept_or_made(request, "question-list", make, viewer_marks=marks)

    def _filters(self) -> dict:
        params = self.request.GET
        product = query_int(params.get("product"))
        tag = params.get("tag", "")[:100]
        return {
            "product": product,
            "tag": tag,
            "selected_product": ProductPage.objects.filter(pk=product)
            .annotate(reader_title=title_in_reader_language())
            .first()
            if product
            else None,
            "selected_tag": Tag.objects.filter(slug=tag).first() if tag else None,
        }

    def get_context_data(self, *, filters, **kwargs):
        generation = generation_for(self.request)
        params = self.request.GET
        order = (
            params.get("order")
            if params.get("order") in QuestionOrder.values
            else QuestionOrder.ACTIVE
        )
        phase = params.get("phase") if params.get("phase") in Phase.values else ""
        answered = params.get("answered") if params.get("answered") in AnsweredFilter.values else ""
        questions = selectors.question_list(
            order=order,
            product_id=filters["product"],
            tag=filters["tag"] or None,
            phase=phase or None,
            answered=answered or None,
        )
        page = Paginator(questions, PAGE_SIZE).get_page(params.get("page"))
        return {
            **super().get_context_data(**kwargs),
            "page_obj": page,
            "questions": selectors.question_rows(list(page.object_list)),
            "order": order,
            "orders": QuestionOrder.choices,
            "phase": phase,
            "phases": Phase.choices,
            "answered": answered,
            "answered_choices": AnsweredFilter.choices,
            "selected_product": filters["selected_product"],
            "selected_tag": filters["selected_tag"],
            # The rows are the same for every reader: made once per change and language.
            "rows_generation": generation,
            "rows_seconds": settings.PAGE_CACHE_SECONDS,
        }


class QuestionAskView(LoginRequiredMixin, FormView):
    template_name = "qa/question_ask.html"
    form_class = QuestionForm

    def get_initial(self):
        initial = super().get_initial()
        product_id = query_int(self.request.GET.get("product"))
        if product_id:
            initial["product"] = product_id
        if self.request.GET.get("title"):
            initial["title"] = self.request.GET["title"][:200]
        return initial

    def form_invalid(self, form):
        # A flood refused by the trust rules answers 429, with the typed question kept.
        return self.render_to_response(
            self.get_context_data(form=form), status=refusal_status(form, default=200)
        )

    def form_valid(self, form):
        try:
            question = services.question_create(
                author=self.request.user,
                **form.cleaned_data,  # title, body, phase, product and tags
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied as refusal:
            form.add_error(None, str(refusal))
            return self.form_invalid(form)
        # Suggestions opened while asking did not answer it after all.
        deflection_cancel_for_session(session=self.request.session)
        thank_for_post(
            self.request,
            question,
            _("Your question is posted. We let you know when it is answered."),
        )
        return redirect(question)


@kept_for_visitors
class QuestionDetailView(TemplateView):
    template_name = "qa/question_detail.html"

    def get(self, request, *args, **kwargs):
        # Read before the question: the posts' part kept under it is at least this new.
        read_generation_first(request)
        try:
            # The same for every reader of a language until anything changes.
            self.question = kept_read(
                request,
                "question",
                partial(selectors.question_get, kwargs["pk"]),
                kwargs["pk"],
                language_now(),
            )
        except Question.DoesNotExist:
            raise Http404 from None
        permissions.check_can_view_question(request.user, self.question)
        if kwargs.get("slug") != self.question.slug:
            return HttpResponseRedirect(self.question.get_absolute_url(), status=301)
        parts = self._viewer_parts()
        marks = None
        if parts["posts_fragment"] is not None:
            # Beside the posts, a member's page shows their follow, whether they may answer
            # and their vote to close: the rest of it is the same for every member.
            marks = (
                parts["posts_fragment"],
                parts["thread"].viewer_follows,
                parts["can_answer"],
                parts["thread"].close_votes,
            )
        make = partial(super().get, request, *args, **kwargs)
        return kept_or_made(request, "question", make, viewer_marks=marks)

    def _viewer_parts(self) -> dict:
        """The thread and what the viewer may do in it, once per request."""
        if not hasattr(self, "_parts"):
            user = self.request.user
            question = self.question
            thread = selectors.question_thread(
                question,
                viewer=user,
                with_close_votes=self._can_vote_to_close(user),
                public_posts=partial(
                    kept_read,
                    self.request,
                    "question-public-posts",
                    partial(selectors.thread_public_posts, question),
                    question.pk,
                ),
            )
            answer_refusal = refusal(permissions.check_can_answer, user, self.question)
            vote_down_refusal = privilege_refusal(user, Privilege.VOTE_DOWN)
            self._parts = {
                "thread": thread,
                "answer_refusal": answer_refusal,
                "vote_down_refusal": vote_down_refusal,
                "can_answer": allowed(permissions.check_can_answer, user, self.question),
                "posts_fragment": self._posts_fragment_key(
                    thread, vote_down_refusal, answer_refusal
                ),
            }
        return self._parts

    def get_context_data(self, **kwargs):
        user = self.request.user
        parts = self._viewer_parts()
        thread = parts["thread"]
        can_participate = allowed(check_can_participate, user)
        return {
            **super().get_context_data(**kwargs),
            "question": self.question,
            "thread": thread,
            # Made when the page shows them (not when a member gets them kept).
            "structured_data": partial(qa_page, thread, request=self.request),
            "description": partial(plain_text, self.question.body_rendered),
            "answer_form": kwargs.get("answer_form") or AnswerForm(),
            "comment_form": kwargs.get("comment_form") or CommentForm(),
            # Which comment form (an answer's id, or "q" for the question's) was refused.
            "comment_refused_for": kwargs.get("comment_refused_for"),
            "is_staff": is_community_staff(user),
            "promoted_article": promoted_article_for_question(question=self.question),
            # Similar questions and topics, articles that may help (cached per question).
            "related": related_content(
                "question", self.question, product_id=self.question.product_id
            ),
            "can_answer": parts["can_answer"],
            "answer_refusal": parts["answer_refusal"],
            "vote_down_refusal": parts["vote_down_refusal"],
            # The posts, answers and comments: made once for every member who sees them alike.
            "posts_fragment": parts["posts_fragment"],
            # Suggested edits: who may edit or suggest, and which posts have one waiting.
            # A suspended member keeps their reputation but may not write (the same rule as
            # check_can_suggest_edit and check_can_edit), so they see no edit links.
            "can_edit_others": can_participate and has_privilege(user, Privilege.EDIT_OTHERS),
            "can_suggest_edits": can_participate and has_privilege(user, Privilege.SUGGEST_EDITS),
            "pending_edits": thread.pending_edits,
            # Staff close from their tools; members with the privilege vote to close.
            "close_votes": thread.close_votes,
        }

    def _posts_fragment_key(self, thread, vote_down_refusal, answer_refusal) -> str | None:
        marks = partial(
            permissions.thread_viewer_marks,
            self.request.user,
            thread,
            vote_down_refusal=vote_down_refusal,
            answer_refusal=answer_refusal,
        )
        return shared_fragment_key(self.request, "question-posts", marks)

    def _can_vote_to_close(self, user) -> bool:
        # The asker does not vote to close their own question (close_vote_cast refuses it).
        return (
            has_privilege(user, Privilege.CLOSE_VOTES)
            and not is_community_staff(user)
            and self.question.author_id != user.pk
            and allowed(check_can_participate, user)
            and self.question.is_published
            and not self.question.duplicate_of_id
        )


class QuestionEditView(LoginRequiredMixin, FormView):
    template_name = "qa/question_edit.html"
    form_class = QuestionForm

    def dispatch(self, request, *args, **kwargs):
        self.question = get_object_or_404(Question, pk=kwargs["pk"])
        if request.user.is_authenticated:
            permissions.check_can_edit(request.user, self.question)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        q = self.question
        return {
            "title": q.title,
            "body": q.body,
            "phase": q.phase,
            "product": q.product_id,
            "tags": list(q.tags.values_list("slug", flat=True)),
        }

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "question": self.question}

    def form_valid(self, form):
        edit = partial(
            services.question_edit,
            question=self.question,
            editor=self.request.user,
            **form.cleaned_data,  # title, body, phase, product and tags
        )
        question = edit_saved(self.request, form, edit)
        if question is None:
            return self.form_invalid(form)
        return redirect(question)


class QuestionHistoryView(TemplateView):
    template_name = "qa/history.html"

    def get_context_data(self, **kwargs):
        question = get_object_or_404(Question, pk=kwargs["pk"])
        permissions.check_can_view_question(self.request.user, question)
        return {
            **super().get_context_data(**kwargs),
            "question": question,
            "item": question,
            "history": revision_history(question),
        }


@require_POST
@login_required
def question_delete_view(request, pk):
    question = get_object_or_404(Question, pk=pk)
    services.question_delete(question=question, user=request.user)
    messages.success(request, _("Your question is deleted."))
    return redirect("qa:question-list")
