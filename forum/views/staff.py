"""Staff tools on a topic: pin, lock, feature, move, split and merge (hiding and restoring go
through moderation's one endpoint)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff

from .. import services
from ..forms import MergeForm, MoveForm, SplitForm
from ..models import Post, Topic


def _staff_topic(request, pk) -> Topic:
    check_is_community_staff(request.user)
    return get_object_or_404(Topic.objects.select_related("board"), pk=pk)


def _errors(request, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))


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
    try:
        services.topic_set_featured(topic=topic, staff=request.user, featured=featured)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
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
    try:
        services.topic_move(topic=topic, board=form.cleaned_data["board"], staff=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("The topic is moved to %(board)s.") % {"board": form.cleaned_data["board"].name},
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
    try:
        new_topic = services.topic_split(
            topic=topic, posts=posts, title=form.cleaned_data["title"], staff=request.user
        )
    except ValidationError as error:
        _errors(request, error)
        return redirect(topic)
    messages.success(request, _("The replies are now a topic of their own."))
    return redirect(new_topic)


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
    try:
        services.topic_merge(topic=topic, into=into, staff=request.user)
    except ValidationError as error:
        _errors(request, error)
        return redirect(topic)
    messages.success(request, _("The topics are merged."))
    return redirect(into)
