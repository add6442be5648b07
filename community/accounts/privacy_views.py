""" "Your data" (/accounts/privacy/): download a copy, and delete the account.

Thin views: the work is in ``data_export`` and ``deletion``; the zip is built and the
confirmation link e-mailed in the background (``tasks``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.common import ratelimit
from community.notifications.tasks import enqueue_safely

from . import tasks
from .data_export import export_link_read, exports_storage
from .deletion import account_deletion_cancel, account_deletion_request, deletion_link_read
from .forms import AccountDeletionForm

TEMPLATE = "accounts/privacy.html"


def _page(request, *, form=None, status: int = 200):
    form = form or AccountDeletionForm(user=request.user)
    context = {
        "form": form,
        "has_password": request.user.has_usable_password(),
        "cooling_off_days": settings.ACCOUNT_DELETION_COOLING_OFF_DAYS,
        "link_hours": settings.PERSONAL_DATA_EXPORT_LINK_HOURS,
    }
    return render(request, TEMPLATE, context, status=status)


@login_required
def privacy_view(request):
    return _page(request)


@login_required
@require_POST
def privacy_export_view(request):
    """Ask for a copy of one's data: built in the background, e-mailed as a link."""
    decision = ratelimit.hit(
        "personal-data-export", key=str(request.user.pk), rate=settings.PERSONAL_DATA_EXPORT_RATE
    )
    if not decision.allowed:
        messages.error(
            request,
            _(
                "You asked for a copy of your data a short while ago. Please wait for that e-mail, "
                "or ask again later."
            ),
        )
        return ratelimit.too_many_requests(_page(request), decision.retry_after)
    enqueue_safely(tasks.personal_data_export, request.user.pk)
    messages.success(
        request,
        _(
            "We are putting your data together. You will receive an e-mail with a download link "
            "at %(email)s."
        )
        % {"email": request.user.email},
    )
    return redirect("accounts:privacy")


@login_required
def privacy_download_view(request, token: str):
    """The e-mailed link: the member's own zip, while the link lasts."""
    found = export_link_read(token)
    storage = exports_storage()
    if found is None or not storage.exists(found[1]):
        return render(request, "accounts/privacy_link_expired.html", status=410)
    user_id, name = found
    if user_id != request.user.pk:
        raise PermissionDenied(_("This download link was made for another member."))
    return FileResponse(storage.open(name, "rb"), as_attachment=True, filename="personal-data.zip")


@login_required
@require_POST
def privacy_delete_view(request):
    """Ask for the account to be deleted: by password, or by an e-mailed link without one."""
    limit = (
        "account-delete-password",
        str(request.user.pk),
        settings.ACCOUNT_DELETION_PASSWORD_RATE,
    )
    refused = ratelimit.peek(*limit)
    if not refused.allowed:
        messages.error(request, _("Too many wrong passwords. Please try again later."))
        return ratelimit.too_many_requests(_page(request), refused.retry_after)
    form = AccountDeletionForm(request.POST, user=request.user)
    if not form.is_valid():
        if form.has_error("password", "wrong_password"):
            ratelimit.hit(*limit)
        return _page(request, form=form, status=400)
    remove_posts = form.cleaned_data["remove_posts"]
    if not request.user.has_usable_password():
        enqueue_safely(tasks.account_deletion_link, request.user.pk, remove_posts)
        messages.success(
            request,
            _("We sent you an e-mail at %(email)s. Open the link in it to confirm the deletion.")
            % {"email": request.user.email},
        )
        return redirect("accounts:privacy")
    return _deletion_scheduled(request, remove_posts=remove_posts)


@login_required
def privacy_delete_confirm_view(request, token: str):
    """The e-mailed link that confirms a deletion for members without a password."""
    remove_posts = deletion_link_read(token, user=request.user)
    if remove_posts is None:
        return render(request, "accounts/privacy_link_expired.html", status=410)
    if request.method == "POST":
        return _deletion_scheduled(request, remove_posts=remove_posts)
    return render(
        request,
        "accounts/privacy_delete_confirm.html",
        {
            "remove_posts": remove_posts,
            "cooling_off_days": settings.ACCOUNT_DELETION_COOLING_OFF_DAYS,
        },
    )


def _deletion_scheduled(request, *, remove_posts: bool):
    deletion = account_deletion_request(user=request.user, remove_posts=remove_posts)
    logout(request)
    messages.info(
        request,
        _(
            "Your account will be deleted on %(date)s. Changed your mind? Sign in before then and "
            "it is kept."
        )
        % {"date": date_format(deletion.erase_after, "DATE_FORMAT")},
    )
    return redirect("/")


def deletion_cancel_on_sign_in(sender, request, user, **kwargs) -> None:
    """Signing in during the cooling-off period withdraws the deletion (user_logged_in)."""
    if account_deletion_cancel(user=user) and request is not None:
        messages.info(
            request,
            _(
                "Welcome back. You had asked for your account to be deleted; signing in has "
                "cancelled that, and your account stays as it was."
            ),
            fail_silently=True,
        )
