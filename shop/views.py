from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from cms.translation import title_in_reader_language

from .selectors import purchases_for_user


class PurchaseListView(LoginRequiredMixin, ListView):
    """My purchases: what the shop says this member bought, each linked to its product."""

    template_name = "shop/purchase_list.html"
    context_object_name = "purchases"
    paginate_by = 25

    def get_queryset(self):
        # The product's title in the reader's language, joined: no query more per row.
        return purchases_for_user(user=self.request.user).annotate(
            product_title=title_in_reader_language("product")
        )
