"""Staff tools on a topic: pin, lock, feature, move, split and merge (hiding and restoring go
through moderation's one endpoint)."""

from functools import partial, wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff
from community.common.views import REFUSED, carry_out

from .. import services
from ..forms import MergeForm, MoveForm, SplitForm
from ..models import Post, Topic


def _staff_topic_action(view):
    """A staff tool's POST to a topic: signed-in staff only; ``view`` gets the topic."""

    @require_POST
    @login_required
    @wraps(view)
    def checked(request, pk, **kwargs):
        check_is_community_staff(request.user)
        topic = get_object_or_404(Topic.objects.select_related("board"), pk=pk)
        return view(request, topic, **kwargs)

    return checked


def _back_to_topic(request, topic: Topic, refusal: str):
    """A staff form that cannot be carried out: say why, on the topic's page."""
    messages.error(request, refusal)
    return redirect(topic)


# The on/off switches staff set on a topic: the service that sets one (it takes the switch's
# name as its keyword) and how each way is confirmed.
_SWITCHES = {
    "pinned": (
        services.topic_set_pinned,
        gettext_lazy("The topic is pinned."),
        gettext_lazy("The topic is unpinned."),
    ),
    "locked": (
        services.topic_set_locked,
        gettext_lazy("The topic is locked."),
        gettext_lazy("The topic is open again."),
    ),
    "featured": (
        services.topic_set_featured,
        gettext_lazy("The topic is featured on the home page and its product's page."),
        gettext_lazy("The topic is no longer featured."),
    ),
}


@_staff_topic_action
def topic_switch_view(request, topic: Topic, switch: str):
    """Turn one of a topic's switches on (the form posts ``<switch>=1``) or off."""
    service, on_message, off_message = _SWITCHES[switch]
    on = request.POST.get(switch) == "1"
    carry_out(
        request,
        partial(service, topic=topic, staff=request.user, **{switch: on}),
        on_message if on else off_message,
    )
    return redirect(topic)


@_staff_topic_action
def topic_move_view(request, topic: Topic):
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _back_to_topic(request, topic, _("Choose the board to move the topic to."))
    board = form.cleaned_data["board"]
    carry_out(
        request,
        partial(services.topic_move, topic=topic, board=board, staff=request.user),
        _("The topic is moved to %(board)s.") % {"board": board.name},
    )
    return redirect(topic)


@_staff_topic_action
def topic_split_view(request, topic: Topic):
    post_ids = list(
        Post.objects.filter(topic=topic)
        .exclude(pk=topic.first_post_id)
        .values_list("pk", flat=True)
    )
    form = SplitForm(request.POST, post_ids=post_ids)
    if not form.is_valid():
        return _back_to_topic(
            request,
            topic,
            _("Choose at least one reply and give the new topic a title of at least 5 characters."),
        )
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


@_staff_topic_action
def topic_merge_view(request, topic: Topic):
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _back_to_topic(request, topic, _("Give the number of the topic to merge into."))
    into = Topic.objects.filter(pk=form.cleaned_data["into"]).first()
    if into is None:
        return _back_to_topic(request, topic, _("There is no topic with that number."))
    merged = carry_out(
        request,
        partial(services.topic_merge, topic=topic, into=into, staff=request.user),
        _("The topics are merged."),
    )
    return redirect(topic if merged is REFUSED else into)
