"""The one page outside the admin: the weekly summary's stop link, which a mail program may
also POST to (one-click unsubscribe); the signed token is what authorises it."""

from django.core import signing
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services


@csrf_exempt
@require_http_methods(["GET", "POST"])
def summary_stop_view(request, token):
    try:
        user = services.summary_stop_target(token)
    except signing.BadSignature:
        return render(request, "insights/summary_stop_invalid.html", status=400)
    context = {"member": user, "token": token}
    if request.method == "POST":
        services.summary_subscription_set(user=user, on=False)
        return render(request, "insights/summary_stop_done.html", context)
    return render(request, "insights/summary_stop_confirm.html", context)
