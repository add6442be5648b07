"""The moderation queue, the audit log, reporting a post, a member's reports and warnings."""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff, is_community_staff
from community.common import htmx
from community.common.htmx import is_htmx

from . import selectors, services
from .enums import QueueAction, StaffLabelKind
from .forms import AuditFilterForm, DecisionForm, FlagForm, QueueFilterForm
from .models import MemberWarning
from .permissions import can_see, check_can_flag
from .registry import KINDS, kind_for_model


@htmx.login_required
def queue_view(request):
    check_is_community_staff(request.user)
    filters = QueueFilterForm(request.GET or None)
    kind = reason = None
    if filters.is_valid():
        kind = filters.cleaned_data["kind"] or None
        reason = filters.cleaned_data["reason"] or None
    keys = selectors.queue_keys(kind=kind, reason=reason)
    page = Paginator(keys, settings.MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "moderation/queue.html",
        {
            "filters": filters,
            "page_obj": page,
            "rows": selectors.queue_rows(list(page.object_list)),
            "decision_form": DecisionForm(),
            "actions": QueueAction,
        },
    )


@require_POST
@htmx.login_required
def decide_view(request):
    """The one endpoint for moderation decisions, from the queue and from every staff tool.

    ``item`` ("answer:12", sent by the staff tools on an item's own page) decides that item
    and goes back to the page. In the queue, a row's button ("hide:answer:12") decides one
    item with that row's fields; otherwise the bulk bar's action applies to every ticked item.
    """
    check_is_community_staff(request.user)
    if "item" in request.POST:
        return _decide_one(request)
    row_action = request.POST.get("row_action", "")
    if row_action:
        action, _sep, token = row_action.partition(":")
        tokens = [token]
        form = DecisionForm(
            {
                "action": action,
                "reason": request.POST.get(f"reason-{token}", ""),
                "days": request.POST.get(f"days-{token}", ""),
                "as_spam": request.POST.get(f"as_spam-{token}", ""),
            }
        )
    else:
        tokens = request.POST.getlist("items")
        form = DecisionForm(request.POST)
    items = selectors.queue_items(tokens)
    if not items:
        messages.error(request, _("Please tick at least one item."))
    elif not form.is_valid():
        _form_errors(request, form)
    else:
        _decide(request, form.cleaned_data, items)
    return redirect(_back(request, default=reverse("moderation:queue")))


@require_POST
@htmx.login_required
def label_view(request):
    """Put a staff-only label (``label``: a ``StaffLabelKind``) on the item named by
    ``item`` ("question:12") when ``on`` is "1", take it off otherwise; back to the page."""
    check_is_community_staff(request.user)
    items = selectors.queue_items([request.POST.get("item", "")])
    kind = request.POST.get("label", "")
    if len(items) != 1 or kind not in StaffLabelKind.values:
        raise Http404
    item = items[0]
    on = request.POST.get("on") == "1"
    services.staff_label_set(item=item, staff=request.user, kind=StaffLabelKind(kind), on=on)
    name = StaffLabelKind(kind).label
    if on:
        messages.success(request, _("Labelled “%(label)s” (only staff see it).") % {"label": name})
    else:
        messages.success(request, _("The label “%(label)s” is removed.") % {"label": name})
    return redirect(_back(request, default=item.get_absolute_url()))


# What staff read after deciding on an item from its own page.
_ITEM_DONE = {
    QueueAction.HIDE: gettext_lazy("Hidden. Nothing is lost: you can restore it."),
    QueueAction.RESTORE: gettext_lazy("Restored."),
}


def _decide_one(request):
    """A staff tool on an item's page: hide, restore, approve or delete that item."""
    items = selectors.queue_items([request.POST["item"]])
    action = request.POST.get("action", "")
    if len(items) != 1 or action not in ITEM_ACTIONS:
        raise Http404
    item = items[0]
    back = _back(request, default=item.get_absolute_url())
    form = DecisionForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
        return redirect(back)
    action = QueueAction(action)
    try:
        services.content_decide(
            item=item,
            staff=request.user,
            action=action,
            reason=form.cleaned_data["reason"],
            as_spam=form.cleaned_data["as_spam"],
        )
    except (ValidationError, PermissionDenied) as refusal:
        messages.error(request, services.first_message(refusal))
    else:
        done = _ITEM_DONE.get(action) or _done_message(action, 1)
        messages.success(request, done)
    return redirect(back)


# The decisions about an item itself (warnings and suspensions concern its author).
ITEM_ACTIONS = (QueueAction.APPROVE, QueueAction.HIDE, QueueAction.RESTORE, QueueAction.DELETE)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def _decide(request, decision: dict, items: list) -> None:
    action = decision["action"]
    if action == DecisionForm.UNSUSPEND:
        for author in {item.author_id: item.author for item in items}.values():
            try:
                services.user_unsuspend(user=author, staff=request.user, reason=decision["reason"])
            except ValidationError as refusal:
                messages.error(request, refusal.messages[0])
            else:
                messages.success(
                    request,
                    _("%(name)s may take part again.") % {"name": author.public_name},
                )
        return
    outcome = services.content_decide_many(
        items=items,
        staff=request.user,
        action=QueueAction(action),
        reason=decision["reason"],
        days=decision["days"],
        as_spam=decision["as_spam"],
    )
    if outcome.done:
        messages.success(request, _done_message(QueueAction(action), outcome.done))
    for skipped in outcome.skipped:
        messages.error(request, skipped)


def _done_message(action: QueueAction, count: int) -> str:
    return {
        QueueAction.APPROVE: ngettext(
            "Approved %(count)s item.", "Approved %(count)s items.", count
        ),
        QueueAction.HIDE: ngettext("Hid %(count)s item.", "Hid %(count)s items.", count),
        QueueAction.RESTORE: ngettext(
            "Restored %(count)s item.", "Restored %(count)s items.", count
        ),
        QueueAction.DELETE: ngettext("Deleted %(count)s item.", "Deleted %(count)s items.", count),
        QueueAction.WARN: ngettext("Warned %(count)s member.", "Warned %(count)s members.", count),
        QueueAction.SUSPEND: ngettext(
            "Suspended %(count)s member.", "Suspended %(count)s members.", count
        ),
    }[action] % {"count": count}


def _back(request, *, default: str) -> str:
    """Where staff came from (the page that sent the form), else ``default``."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return default


@htmx.login_required
def flag_view(request, kind, pk):
    """Report a post: a small form below the post (htmx) or this page without JavaScript."""
    moderated = KINDS.get(kind)
    if moderated is None:
        raise Http404
    target = get_object_or_404(moderated.model.objects.select_related("author"), pk=pk)
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or target.get_absolute_url()
    form = FlagForm(request.POST or None)
    context = {"form": form, "kind": kind, "item": target, "next": back, "flagged": False}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.flag_create(
                    flagger=request.user,
                    target=target,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except (PermissionDenied, ValidationError) as refusal:
                message = (
                    refusal.messages[0] if isinstance(refusal, ValidationError) else str(refusal)
                )
                form.add_error(None, message)
                status = 429 if getattr(refusal, "code", "") == "rate_limited" else 403
            else:
                if not is_htmx(request):
                    messages.success(request, _("Thank you. A moderator will look at it."))
                    return redirect(back)
                context["flagged"] = True
        else:
            status = 400
    else:
        check_can_flag(request.user, target)
    if is_htmx(request):
        # htmx swaps only successful responses by default; the form with its message must
        # replace the one below the post all the same.
        return render(request, "moderation/includes/flag_form.html", context)
    return render(request, "moderation/flag.html", context, status=status)


@htmx.login_required
def my_reports_view(request):
    flags = selectors.flags_by(request.user)
    page = Paginator(flags, settings.MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "moderation/my_reports.html", {"page_obj": page, "flags": page})


@htmx.login_required
def audit_log_view(request):
    check_is_community_staff(request.user)
    filters = AuditFilterForm(request.GET or None)
    criteria = {}
    if filters.is_valid():
        criteria = {
            "action": filters.cleaned_data["action"] or None,
            "actor_id": filters.cleaned_data["actor"].pk if filters.cleaned_data["actor"] else None,
            "kind": filters.cleaned_data["kind"] or None,
            "since": filters.cleaned_data["since"],
            "until": filters.cleaned_data["until"],
        }
    entries = selectors.audit_log(**criteria)
    page = Paginator(entries, settings.MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/audit_log.html",
        {"filters": filters, "page_obj": page, "entries": page, "filter_query": query.urlencode()},
    )


def item_view(request, content_type_id, pk):
    """Where an audit-log entry or a report points: the item's own page, for whoever may see
    it (staff, its author, or anyone while it is public)."""
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        raise Http404 from None
    if model is None or not hasattr(model, "get_absolute_url"):
        raise Http404
    target = get_object_or_404(model, pk=pk)
    if kind_for_model(model) is not None:
        if not can_see(request.user, target):
            raise Http404
    elif not is_community_staff(request.user):
        raise Http404
    return redirect(target.get_absolute_url())


@require_POST
@htmx.login_required
def warning_acknowledge_view(request, pk):
    warning = get_object_or_404(MemberWarning, pk=pk)
    services.warning_acknowledge(warning=warning, user=request.user)
    if is_htmx(request):
        return HttpResponse("")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return redirect(back or "/")
