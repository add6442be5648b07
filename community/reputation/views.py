"""Public profiles and the leaderboard."""

from django.core.paginator import Paginator
from django.http import Http404
from django.views.generic import TemplateView

from community.accounts.models import User

from . import selectors
from .enums import LeaderboardPeriod
from .privileges import next_privilege, privileges_for
from .registry import profile_tabs

PAGE_SIZE = 20


class ProfileView(TemplateView):
    """A member's public page: name, avatar, reputation, badges, and what they wrote (one tab
    per list the apps registered)."""

    template_name = "reputation/profile.html"

    def get_context_data(self, **kwargs):
        try:
            member = selectors.profile_user_get(kwargs["username"])
        except User.DoesNotExist:
            raise Http404 from None
        viewer = self.request.user
        tabs = profile_tabs()
        requested = self.request.GET.get("tab", "")
        tab = next((tab for tab in tabs if tab.key == requested), tabs[0])
        items = tab.items(member, viewer=viewer)
        is_owner = viewer.is_authenticated and viewer.pk == member.pk
        return {
            **super().get_context_data(**kwargs),
            "member": member,
            "is_owner": is_owner,
            "badges": selectors.user_badges(member),
            "tabs": tabs,
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
            "product_choices": [(choice.pk, choice.title) for choice in products],
            "product": product,
            "rows": selectors.leaderboard(since=since, product_id=product.pk if product else None),
        }
