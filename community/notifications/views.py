"""The notification list, the settings page, one-click unsubscribe, and the follow toggle."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from community.common import htmx

from . import budget, registry, selectors, services, unsubscribe
from .enums import Channel
from .forms import NotificationSettingsForm
from .models import Notification
from .templatetags.notifications_tags import follow_button_context

PAGE_SIZE = 20


@htmx.login_required
def notification_list_view(request):
    page = Paginator(selectors.notifications_for(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/notification_list.html",
        {"page_obj": page, "notifications": page.object_list},
    )


@htmx.login_required
def notification_open_view(request, pk):
    """Follow a notification's link; it counts as read from now on."""
    notification = _own(request, pk)
    services.notification_mark_read(notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@require_POST
@htmx.login_required
def notification_mark_read_view(request, pk):
    notification = _own(request, pk)
    services.notification_mark_read(notification=notification)
    return htmx.partial_or_redirect(
        request,
        partial="notifications/includes/notification_item.html",
        context={"notification": notification, "unread_count": _unread(request), "bell_oob": True},
        redirect_to=_back_to_list(request),
    )


@require_POST
@htmx.login_required
def notification_mark_all_read_view(request):
    count = services.notifications_mark_all_read(user=request.user)
    if not htmx.is_htmx(request):
        messages.success(
            request,
            _("Everything is marked as read.") if count else _("There was nothing unread."),
        )
    return redirect(_back_to_list(request))


@htmx.login_required
def notification_settings_view(request):
    """The preference centre: every kind of e-mail, the weekly limit, and the delivery of
    each group of notifications."""
    user = request.user
    switches = selectors.settings_for(user=user)
    channels = selectors.channels_for(user=user)
    initial = {
        "email_paused": switches.email_paused,
        "mail_weekly_cap": budget.weekly_cap(switches),
        "help_requests_per_week": switches.help_requests_per_week,
    }
    initial |= {
        NotificationSettingsForm.channel_field(group): channel
        for group, channel in channels.items()
    }
    initial |= {
        NotificationSettingsForm.mail_field(kind): enabled
        for kind, enabled in selectors.mail_choices_for(user=user).items()
    }
    form = NotificationSettingsForm(
        request.POST or None, initial=initial, mail_kinds=selectors.mail_kinds_for(user=user)
    )
    if request.method == "POST" and form.is_valid():
        services.notification_settings_save(
            user=user,
            channels=form.channels(),
            email_paused=form.cleaned_data["email_paused"],
            help_requests_per_week=form.cleaned_data["help_requests_per_week"],
            mail_kinds=form.mail_choices(),
            mail_weekly_cap=form.cleaned_data["mail_weekly_cap"],
        )
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(
        request,
        "notifications/settings.html",
        {
            "form": form,
            "follows": selectors.follows_of(user=user),
        },
        status=400 if request.method == "POST" else 200,
    )


# A mail program's one-click unsubscribe (RFC 8058) POSTs without a CSRF token or a session;
# the signed token is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    try:
        user, scope = unsubscribe.unsubscribe_target(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {"member": user, "scope_label": _scope_label(scope), "token": token}
    if request.method == "POST":
        services.email_unsubscribe(user=user, scope=scope)
        return render(request, "notifications/unsubscribe_done.html", context)
    return render(request, "notifications/unsubscribe_confirm.html", context)


@require_POST
@htmx.login_required
def follow_view(request, target_type, pk):
    """The one follow toggle, for everything an app registered as followable."""
    try:
        followable = registry.follow_target(target_type)
    except LookupError:
        raise Http404 from None
    target = get_object_or_404(followable.lookup(), pk=pk)
    if followable.check_can_see is not None:
        # Following and unfollowing alike: the answer (its redirect, its message) would name
        # what the member may not see.
        try:
            followable.check_can_see(request.user, target)
        except PermissionDenied:
            raise Http404 from None
    follow = request.POST.get("follow") == "1"
    if follow:
        services.follow_add(user=request.user, target=target)
    else:
        services.follow_remove(user=request.user, target=target)
    return htmx.partial_or_redirect(
        request,
        message=followable.followed_message if follow else followable.unfollowed_message,
        partial="notifications/includes/follow_button.html",
        context=follow_button_context(target=target, is_following=follow),
        redirect_to=followable.url(target),
    )


def _own(request, pk) -> Notification:
    try:
        return selectors.notification_of(user=request.user, pk=pk)
    except Notification.DoesNotExist:
        raise Http404 from None


def _unread(request) -> int:
    return selectors.unread_count(user=request.user)


def _back_to_list(request) -> str:
    page = request.POST.get("page", "")
    list_url = reverse("notifications:list")
    return f"{list_url}?page={page}" if page.isdigit() else list_url


def _scope_label(scope: str) -> str:
    if scope == unsubscribe.UNSUBSCRIBE_ALL:
        return _("all e-mail except account e-mail")
    if scope in Channel.values:
        return Channel(scope).label
    if scope in registry.group_keys():
        return registry.group(scope).label
    return registry.mail_kind(scope).label
