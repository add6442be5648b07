"""The board list, a board's topics, and starting a topic."""

from functools import partial

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from community.accounts.permissions import allowed
from community.common.views import query_int
from community.moderation.trust import (
    refusal_show,
    refusal_status,
    refused_for_contents,
    thank_for_post,
)

from .. import permissions, selectors, services
from ..forms import TopicForm, photo_formset
from ..models import Board

TOPICS_PER_PAGE = 25
SHOWCASE_PER_PAGE = 24


class BoardListView(TemplateView):
    template_name = "forum/board_list.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "boards": selectors.board_list()}


class BoardDetailView(TemplateView):
    template_name = "forum/board_detail.html"

    def get_context_data(self, **kwargs):
        board = get_object_or_404(Board, slug=kwargs["slug"])
        viewer = self.request.user
        per_page = SHOWCASE_PER_PAGE if board.is_showcase else TOPICS_PER_PAGE
        page = Paginator(selectors.board_topics(board, viewer=viewer), per_page).get_page(
            self.request.GET.get("page")
        )
        topics = list(page.object_list)
        selectors.mark_unread(topics, viewer=viewer)
        return {
            **super().get_context_data(**kwargs),
            "board": board,
            "page_obj": page,
            "topics": topics,
        }


class TopicCreateView(LoginRequiredMixin, FormView):
    template_name = "forum/topic_create.html"
    form_class = TopicForm

    def dispatch(self, request, *args, **kwargs):
        self.board = get_object_or_404(Board, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("photo_forms", photo_formset())
        return {**context, "board": self.board}

    def get_initial(self):
        initial = super().get_initial()
        product = query_int(self.request.GET.get("product"))
        if product:
            initial["product"] = product
        return initial

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        photo_forms = _bound_photo_formset(request)
        if form.is_valid() and photo_forms.is_valid():
            topic = _posted_or_refused(
                partial(
                    services.topic_create,
                    board=self.board,
                    author=request.user,
                    photos=photo_forms.uploads(),
                    **form.cleaned_data,  # title, body, product and tags
                ),
                form=form,
                photo_forms=photo_forms,
            )
            if topic is not None:
                thank_for_post(
                    request, topic, _("Your topic is posted. You follow it from now on.")
                )
                return redirect(topic)
        _photos_sent_back(
            request,
            form,
            photo_forms,
            may_post=allowed(permissions.check_can_start_topic, request.user),
        )
        return self.render_to_response(
            self.get_context_data(form=form, photo_forms=photo_forms),
            status=refusal_status(form),
        )


def _posted_or_refused(post, *, form, photo_forms):
    """What ``post`` (a service call that posts text with photos) made; or None when it was
    refused, with the reason shown on the form or beside the photos."""
    try:
        return post()
    except PermissionDenied as refusal:
        form.add_error(None, str(refusal))
    except ValidationError as error:
        refusal_show(error, form=form, photo_forms=photo_forms)
    return None


def _photos_sent_back(request, form, photo_forms, *, may_post: bool) -> None:
    """The photos chosen on a form sent back are kept (offered again, not lost) when it was
    refused for what it says; when the member may not post here at all, or the trust rules
    refused a flood or too many links, none is decoded or stored."""
    if may_post and refused_for_contents(form):
        photo_forms.keep(request.user)
    else:
        photo_forms.let_go()


def _bound_photo_formset(request):
    """The photo slots as posted; a form without them (an old page, a script) adds none."""
    if "photos-TOTAL_FORMS" not in request.POST:
        return photo_formset(data={"photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0"})
    return photo_formset(request.POST, request.FILES, owner=request.user)
