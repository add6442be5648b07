"""Public profiles and the leaderboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from community.accounts.models import User
from community.moderation.enums import ContentStatus

from . import selectors, services
from .enums import LeaderboardPeriod, ProfileTab
from .privileges import next_privilege, privileges_for

PAGE_SIZE = 20

TAB_LISTS = {
    ProfileTab.QUESTIONS: selectors.profile_questions,
    ProfileTab.ANSWERS: selectors.profile_answers,
    ProfileTab.TOPICS: selectors.profile_topics,
    ProfileTab.REVIEWS: selectors.profile_reviews,
}


class ProfileView(TemplateView):
    """A member's public page: name, avatar, reputation, badges, and what they wrote."""

    template_name = "reputation/profile.html"

    def get_context_data(self, **kwargs):
        try:
            member = selectors.profile_user_get(kwargs["username"])
        except User.DoesNotExist:
            raise Http404 from None
        viewer = self.request.user
        requested = self.request.GET.get("tab", "")
        tab = ProfileTab(requested) if requested in ProfileTab.values else ProfileTab.QUESTIONS
        items = TAB_LISTS[tab](member, viewer=viewer)
        is_owner = viewer.is_authenticated and viewer.pk == member.pk
        return {
            **super().get_context_data(**kwargs),
            "member": member,
            "is_owner": is_owner,
            "badges": selectors.user_badges(member),
            "tabs": ProfileTab,
            "tab": tab,
            "page_obj": Paginator(items, PAGE_SIZE).get_page(self.request.GET.get("page")),
            "privileges": privileges_for(member) if is_owner else [],
            "next_privilege": next_privilege(member) if is_owner else None,
            "events": selectors.reputation_events_for(member, limit=10) if is_owner else [],
        }


class LeaderboardView(TemplateView):
    """Top helpers this month and of all time, overall or for one product."""

    template_name = "reputation/leaderboard.html"

    def get_context_data(self, **kwargs):
        requested = self.request.GET.get("period", "")
        period = (
            LeaderboardPeriod(requested)
            if requested in LeaderboardPeriod.values
            else LeaderboardPeriod.MONTH
        )
        products = list(selectors.leaderboard_products())
        product = next(
            (p for p in products if str(p.pk) == self.request.GET.get("product", "")), None
        )
        since = selectors.month_start() if period == LeaderboardPeriod.MONTH else None
        return {
            **super().get_context_data(**kwargs),
            "periods": LeaderboardPeriod,
            "period": period,
            "products": products,
            "product": product,
            "rows": selectors.leaderboard(since=since, product_id=product.pk if product else None),
        }


@require_POST
@login_required
def close_vote_view(request, pk):
    """A privileged member votes to close a question as a duplicate (plain form post)."""
    from qa.forms import DuplicateForm
    from qa.models import Question

    question = get_object_or_404(Question, pk=pk, status=ContentStatus.PUBLISHED)
    form = DuplicateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the number of the original question."))
        return redirect(question.get_absolute_url())
    original = Question.objects.filter(pk=form.cleaned_data["original"]).first()
    if original is None:
        messages.error(request, _("There is no question with that number."))
        return redirect(question.get_absolute_url())
    try:
        outcome = services.close_vote_cast(question=question, voter=request.user, original=original)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if outcome.closed:
            messages.success(request, _("Your vote closed this question as a duplicate."))
        else:
            messages.success(
                request,
                _("Thank you: %(votes)s of %(needed)s votes to close this question.")
                % {"votes": outcome.votes, "needed": outcome.needed},
            )
    return redirect(question.get_absolute_url())
