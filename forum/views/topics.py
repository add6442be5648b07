"""A topic page, replying and quoting, a post's permalink, edit, history and delete, following."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from community.accounts.permissions import allowed, is_community_staff, refusal
from community.common.member_pages import kept_or_made, read_generation_first
from community.common.models import language_now
from community.common.page_cache import (
    kept_for_visitors,
    kept_read,
    shared_fragment_key,
)
from community.common.views import or_404
from community.moderation.trust import refusal_status, thank_for_post
from community.notifications.selectors import is_following
from community.revisions.views import edit_saved, history_page
from community.search.related import related_content

from .. import permissions, selectors, services
from ..forms import MoveForm, PostEditForm, ReplyForm, photo_formset
from ..models import Post, Topic
from .boards import _bound_photo_formset, _photos_sent_back, _posted_or_refused

POSTS_PER_PAGE = 20


def _photos_of(extra, pk) -> list:
    return extra.photos_by_post.get(pk, [])


def _topic(pk) -> Topic:
    return or_404(selectors.topic_get, pk)


@kept_for_visitors
class TopicDetailView(TemplateView):
    template_name = "forum/topic_detail.html"

    def get(self, request, *args, **kwargs):
        # Read before the topic: the posts' part kept under it is at least this new.
        read_generation_first(request)
        # The same for every reader of a language until anything changes.
        self.topic = kept_read(
            request, "topic", partial(_topic, kwargs["pk"]), kwargs["pk"], language_now()
        )
        if self.topic.merged_into_id:
            return HttpResponseRedirect(
                reverse("forum:topic-detail-short", kwargs={"pk": self.topic.merged_into_id}),
                status=301,
            )
        permissions.check_can_view_topic(request.user, self.topic)
        if kwargs.get("slug") != self.topic.slug:
            url = self.topic.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return HttpResponseRedirect(url, status=301)
        parts = self._viewer_parts()
        posts_fragment = self._posts_fragment_key(
            parts["posts"], parts["can_reply"], parts["reply_refusal"]
        )
        marks = None
        if posts_fragment is not None:
            # Beside the posts and the reply form, a member's page shows their follow and
            # where what is new to them starts: the rest is the same for every member.
            marks = (posts_fragment, parts["follows"], parts["extra"].first_new_post_id)
        make = partial(super().get, request, *args, **kwargs)
        return kept_or_made(request, "topic", make, viewer_marks=marks)

    def _viewer_parts(self) -> dict:
        """The page's posts and what the viewer may do, once per request; the viewer's reading
        position moves on to the newest post shown."""
        if hasattr(self, "_parts"):
            return self._parts
        user = self.request.user
        topic = self.topic
        number = self.request.GET.get("page")
        paginator = Paginator(selectors.visible_posts(topic, viewer=user), POSTS_PER_PAGE)
        state = None
        if user.is_authenticated and not is_community_staff(user):
            state = selectors.topic_viewer_state(topic, viewer=user)
        if state is not None and not state.own_unpublished:
            # The same public posts for every member: read once per change and page.
            kept = kept_read(
                self.request,
                "topic-public-posts",
                partial(selectors.public_posts_page, topic, number, per_page=POSTS_PER_PAGE),
                topic.pk,
                number,
            )
            paginator.count = kept.count
            page = paginator.page(kept.number)
            page.object_list = posts = kept.posts
        else:
            page = paginator.get_page(number)
            posts = list(page.object_list)
        extra = selectors.topic_page(topic, posts, viewer=user, state=state)
        last_read_at = extra.read_state.last_read_at if extra.read_state else None
        for post in posts:
            post.photo_list = SimpleLazyObject(partial(_photos_of, extra, post.pk))
            post.is_new = bool(last_read_at and post.created_at > last_read_at)
        if posts and user.is_authenticated:
            services.topic_mark_read(
                topic=topic,
                user=user,
                up_to=max(post.created_at for post in posts),
                known=extra.read_state,
                looked_up=True,
            )
        self._parts = {
            "page": page,
            "posts": posts,
            "extra": extra,
            "can_reply": allowed(permissions.check_can_reply, user, topic),
            "reply_refusal": refusal(permissions.check_can_reply, user, topic),
            "follows": state.follows
            if state is not None
            else user.is_authenticated and is_following(user=user, target=topic),
        }
        return self._parts

    def get_context_data(self, **kwargs):
        user = self.request.user
        topic = self.topic
        parts = self._viewer_parts()
        posts = parts["posts"]
        reply_form = kwargs.get("reply_form") or ReplyForm(initial=self._quote_initial(posts))
        is_staff = is_community_staff(user)
        can_reply, reply_refusal = parts["can_reply"], parts["reply_refusal"]
        return {
            **super().get_context_data(**kwargs),
            "topic": topic,
            "board": topic.board,
            "page_obj": parts["page"],
            "posts": posts,
            "extra": parts["extra"],
            "follows": parts["follows"],
            "reply_form": reply_form,
            "photo_forms": kwargs.get("photo_forms") or photo_formset(),
            "is_staff": is_staff,
            "can_reply": can_reply,
            "reply_refusal": reply_refusal,
            # The posts and the empty reply form: made once for every member who sees them
            # alike (not when the form comes back with what was typed).
            "posts_fragment": None
            if {"reply_form", "photo_forms"} & kwargs.keys()
            else self._posts_fragment_key(posts, can_reply, reply_refusal),
            "move_form": MoveForm() if is_staff else None,
            "other_boards": selectors.boards_for_move(topic) if is_staff else (),
            # Similar questions and topics, articles that may help (cached per topic).
            "related": related_content("topic", topic, product_id=topic.product_id),
        }

    def _posts_fragment_key(self, posts, can_reply, reply_refusal) -> str | None:
        marks = partial(
            permissions.topic_viewer_marks,
            self.request.user,
            self.topic,
            posts,
            can_reply=can_reply,
            reply_refusal=reply_refusal,
        )
        return shared_fragment_key(self.request, "topic-posts", marks)

    def _quote_initial(self, posts) -> dict:
        quote = self.request.GET.get("quote", "")
        if not quote.isdigit():
            return {}
        post = next((p for p in posts if p.pk == int(quote)), None)
        if post is None:
            post = (
                selectors.visible_posts(self.topic, viewer=self.request.user)
                .filter(pk=int(quote), status="published")
                .first()
            )
        if post is None:
            return {}
        return {"body": selectors.quote_markdown(post), "quoted": post.pk}


@require_POST
@login_required
def reply_create_view(request, pk):
    topic = _topic(pk)
    permissions.check_can_view_topic(request.user, topic)
    form = ReplyForm(request.POST)
    photo_forms = _bound_photo_formset(request)
    if form.is_valid() and photo_forms.is_valid():
        quoted = None
        if form.cleaned_data.get("quoted"):
            quoted = Post.objects.filter(pk=form.cleaned_data["quoted"], topic=topic).first()
        post = _posted_or_refused(
            partial(
                services.reply_create,
                topic=topic,
                author=request.user,
                body=form.cleaned_data["body"],
                quoted=quoted,
                photos=photo_forms.uploads(),
            ),
            form=form,
            photo_forms=photo_forms,
        )
        if post is not None:
            thank_for_post(request, post, _("Your reply is posted."))
            return redirect(post.get_absolute_url())
    may_post = allowed(permissions.check_can_reply, request.user, topic)
    _photos_sent_back(request, form, photo_forms, may_post=may_post)
    # Show the topic's last page again with the form, its errors and what was typed.
    view = TopicDetailView()
    view.setup(request, pk=pk, slug=topic.slug)
    view.topic = topic
    request.GET = request.GET.copy()
    request.GET["page"] = "last"
    return view.render_to_response(
        view.get_context_data(reply_form=form, photo_forms=photo_forms),
        status=refusal_status(form),
    )


def post_permalink_view(request, pk):
    """/forum/posts/<id>/ → the page of its topic that shows it, at its anchor."""
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    topic = post.topic
    if topic.merged_into_id:
        topic = _topic(topic.merged_into_id)
    permissions.check_can_view_post(request.user, post)
    position = selectors.post_position(post, viewer=request.user)
    page = position // POSTS_PER_PAGE + 1
    query = f"?page={page}" if page > 1 else ""
    return redirect(f"{topic.get_absolute_url()}{query}#post-{post.pk}")


@login_required
def post_edit_view(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__board"), pk=pk)
    permissions.check_can_edit(request.user, post)
    is_first = post.topic.first_post_id == post.pk
    form = PostEditForm(
        request.POST or None,
        with_title=is_first,
        initial={"body": post.body, "title": post.topic.title},
    )
    if request.method == "POST" and form.is_valid():
        edit = partial(
            services.post_edit,
            post=post,
            editor=request.user,
            body=form.cleaned_data["body"],
            title=form.cleaned_data.get("title"),
            summary=form.cleaned_data["summary"],
        )

        def edit_first_post_whole():
            # A first post held by the trust rules holds its topic: thank for what waits.
            edited = edit()
            return edited.topic if is_first else edited

        if edit_saved(request, form, edit_first_post_whole):
            return redirect(post.get_absolute_url())
    return render(
        request,
        "forum/post_edit.html",
        {"form": form, "post": post, "topic": post.topic},
        status=400 if request.method == "POST" else 200,
    )


def post_history_view(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic"), pk=pk)
    permissions.check_can_view_post(request.user, post)
    return history_page(request, "forum/history.html", post, topic=post.topic)


@require_POST
@login_required
def post_delete_view(request, pk):
    post = get_object_or_404(Post.objects.select_related("topic__board"), pk=pk)
    services.post_delete(post=post, user=request.user)
    if post.topic.first_post_id == post.pk:
        messages.success(request, _("Your topic is deleted. Staff can bring it back."))
        return redirect(post.topic.board)
    messages.success(request, _("Your post is deleted. Staff can bring it back."))
    return redirect(post.topic.get_absolute_url())
