"""Staff tools on a topic: pin, lock, feature, move, split and merge (hiding and restoring go
through moderation's one endpoint)."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff
from community.common.views import REFUSED, carry_out

from .. import services
from ..forms import MergeForm, MoveForm, SplitForm
from ..models import Post, Topic


def _staff_topic(request, pk) -> Topic:
    check_is_community_staff(request.user)
    return get_object_or_404(Topic.objects.select_related("board"), pk=pk)


@require_POST
@login_required
def topic_pin_view(request, pk):
    topic = _staff_topic(request, pk)
    pinned = request.POST.get("pinned") == "1"
    services.topic_set_pinned(topic=topic, staff=request.user, pinned=pinned)
    messages.success(request, _("The topic is pinned.") if pinned else _("The topic is unpinned."))
    return redirect(topic)


@require_POST
@login_required
def topic_lock_view(request, pk):
    topic = _staff_topic(request, pk)
    locked = request.POST.get("locked") == "1"
    services.topic_set_locked(topic=topic, staff=request.user, locked=locked)
    messages.success(
        request, _("The topic is locked.") if locked else _("The topic is open again.")
    )
    return redirect(topic)


@require_POST
@login_required
def topic_feature_view(request, pk):
    topic = _staff_topic(request, pk)
    featured = request.POST.get("featured") == "1"
    carry_out(
        request,
        partial(services.topic_set_featured, topic=topic, staff=request.user, featured=featured),
        _("The topic is featured on the home page and its product's page.")
        if featured
        else _("The topic is no longer featured."),
    )
    return redirect(topic)


@require_POST
@login_required
def topic_move_view(request, pk):
    topic = _staff_topic(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the board to move the topic to."))
        return redirect(topic)
    board = form.cleaned_data["board"]
    carry_out(
        request,
        partial(services.topic_move, topic=topic, board=board, staff=request.user),
        _("The topic is moved to %(board)s.") % {"board": board.name},
    )
    return redirect(topic)


@require_POST
@login_required
def topic_split_view(request, pk):
    topic = _staff_topic(request, pk)
    post_ids = list(
        Post.objects.filter(topic=topic)
        .exclude(pk=topic.first_post_id)
        .values_list("pk", flat=True)
    )
    form = SplitForm(request.POST, post_ids=post_ids)
    if not form.is_valid():
        messages.error(
            request,
            _("Choose at least one reply and give the new topic a title of at least 5 characters."),
        )
        return redirect(topic)
    posts = list(
        Post.objects.filter(pk__in=form.cleaned_data["posts"], topic=topic).select_related("author")
    )
    new_topic = carry_out(
        request,
        partial(
            services.topic_split,
            topic=topic,
            posts=posts,
            title=form.cleaned_data["title"],
            staff=request.user,
        ),
        _("The replies are now a topic of their own."),
    )
    return redirect(topic if new_topic is REFUSED else new_topic)


@require_POST
@login_required
def topic_merge_view(request, pk):
    topic = _staff_topic(request, pk)
    form = MergeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the topic to merge into."))
        return redirect(topic)
    into = Topic.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        messages.error(request, _("There is no topic with that number."))
        return redirect(topic)
    merged = carry_out(
        request,
        partial(services.topic_merge, topic=topic, into=into, staff=request.user),
        _("The topics are merged."),
    )
    return redirect(topic if merged is REFUSED else into)
