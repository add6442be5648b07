"""What moderation owes the people it affects: notices of illegal content (anyone may send
one), the statements of reasons for decisions and the appeals against them, and the public
transparency report."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.accounts.permissions import check_is_community_staff
from community.common import htmx, ratelimit

from . import appeals, notices, permissions, selectors, transparency
from .forms import AppealDecisionForm, AppealForm, NoticeForm, TransparencyPeriodForm
from .models import Appeal
from .registry import KINDS

# SECTION notices of illegal content


def notice_view(request, kind, pk):
    """Send a notice that a public post is illegal; open to everyone, signed in or not."""
    moderated = KINDS.get(kind)
    if moderated is None:
        raise Http404
    target = get_object_or_404(moderated.model.objects.select_related("author"), pk=pk)
    permissions.check_can_send_notice(request.user, target)
    signed_in = request.user.is_authenticated
    form = NoticeForm(request.POST or None, signed_in=signed_in)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                notices.notice_create(
                    target=target,
                    sender=request.user,
                    address=ratelimit.client_ip(request),
                    explanation=form.cleaned_data["explanation"],
                    law=form.cleaned_data["law"],
                    email=form.cleaned_data.get("email", ""),
                    wants_decision=form.cleaned_data.get("wants_decision", False),
                    good_faith=form.cleaned_data["good_faith"],
                )
            except ValidationError as refusal:
                _add_errors(form, refusal)
                status = 429 if refusal.code == "rate_limited" else 400
            else:
                messages.success(
                    request,
                    _("Thank you. Your notice reached the moderators; you will hear the decision.")
                    if signed_in or form.cleaned_data.get("wants_decision")
                    else _("Thank you. Your notice reached the moderators."),
                )
                return redirect(target.get_absolute_url())
        else:
            status = 400
    response = render(
        request, "moderation/notice.html", {"form": form, "item": target}, status=status
    )
    return ratelimit.too_many_requests(response) if status == 429 else response


def _add_errors(form, refusal: ValidationError) -> None:
    if hasattr(refusal, "error_dict"):
        for field, errors in refusal.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refusal)


# SECTION statements of reasons and appeals


@htmx.login_required
def my_decisions_view(request):
    """Decisions about my content: the statements of reasons about the member's posts and
    account, with their appeals."""
    statements = selectors.statements_about(request.user)
    page = Paginator(statements, settings.MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "moderation/my_decisions.html", {"page_obj": page})


@htmx.login_required
def decision_view(request, pk):
    """One statement of reasons, for its member (who may appeal it once here) and staff."""
    statement = get_object_or_404(selectors.statement_detail(), pk=pk)
    permissions.check_can_see_statement(request.user, statement)
    form = AppealForm(request.POST or None)
    status = 200
    if request.method == "POST":
        permissions.check_can_appeal(request.user, statement)
        if form.is_valid():
            try:
                appeals.appeal_create(
                    statement=statement, member=request.user, text=form.cleaned_data["text"]
                )
            except ValidationError as refusal:
                _add_errors(form, refusal)
                status = 400
            else:
                messages.success(
                    request, _("Your appeal was sent. Another moderator will look at it.")
                )
                return redirect(statement.get_absolute_url())
        else:
            status = 400
    context = {
        "statement": statement,
        "form": form,
        "appeal_refusal": permissions.appeal_refusal(request.user, statement),
    }
    return render(request, "moderation/decision.html", context, status=status)


@htmx.login_required
def decision_about_view(request, kind, pk):
    """The newest statement of reasons about a post: where its notice for the author links."""
    moderated = KINDS.get(kind)
    if moderated is None:
        raise Http404
    item = get_object_or_404(moderated.model, pk=pk)
    statement = selectors.latest_statement_about(item)
    if statement is None:
        raise Http404
    permissions.check_can_see_statement(request.user, statement)
    return redirect(statement.get_absolute_url())


@htmx.login_required
def appeal_queue_view(request):
    check_is_community_staff(request.user)
    decided = request.GET.get("show") == "decided"
    appeal_list = selectors.appeal_queue(decided=decided)
    page = Paginator(appeal_list, settings.MODERATION_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(appeal, permissions.appeal_decision_refusal(request.user, appeal)) for appeal in page]
    return render(
        request,
        "moderation/appeals.html",
        {"page_obj": page, "rows": rows, "decided": decided, "form": AppealDecisionForm()},
    )


@require_POST
@htmx.login_required
def appeal_decide_view(request, pk):
    check_is_community_staff(request.user)
    appeal = get_object_or_404(Appeal.objects.select_related("statement"), pk=pk)
    form = AppealDecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(reverse("moderation:appeals"))
    try:
        appeals.appeal_decide(
            appeal=appeal,
            staff=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        )
    except (ValidationError, PermissionDenied) as refusal:
        message = refusal.messages[0] if isinstance(refusal, ValidationError) else str(refusal)
        messages.error(request, message)
    else:
        messages.success(request, _("The appeal is decided; the member has been told."))
    return redirect(reverse("moderation:appeals"))


# SECTION the transparency report


def transparency_view(request):
    """The public transparency report for a period; ``?format=csv`` downloads it."""
    form = TransparencyPeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(
            request, "moderation/transparency.html", {"form": form, "figures": None}, status=400
        )
    cleaned = form.cleaned_data if form.is_bound else {}
    if cleaned.get("period"):
        period = transparency.calendar_period(
            year=cleaned["year"],
            month=cleaned["month"] if cleaned["period"] == form.MONTH else None,
            quarter=cleaned["quarter"] if cleaned["period"] == form.QUARTER else None,
        )
    else:
        period = transparency.last_twelve_months()
    figures = transparency.transparency_figures(period)
    if request.GET.get("format") == "csv":
        return _figures_csv(period, figures)
    sections = [
        (label, [figure for figure in figures if figure.section == key])
        for key, label in transparency.SECTIONS.items()
    ]
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "moderation/transparency.html",
        {"form": form, "period": period, "sections": sections, "csv_query": query.urlencode()},
    )


def _figures_csv(period, figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = period.label.replace(" ", "").replace("–", "_")
    response["Content-Disposition"] = f'attachment; filename="transparency-{name}.csv"'
    writer = csv.writer(response)
    writer.writerow(["period_start", "period_end", "section", "figure", "label", "value"])
    for figure in figures:
        writer.writerow(
            [
                period.start.date().isoformat(),
                period.end.date().isoformat(),
                figure.section,
                figure.key,
                str(figure.label),
                "" if figure.value is None else figure.value,
            ]
        )
    return response
